#include "osprey/export/navigator.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "osprey/export/entity_refs.h"
#include "osprey/export/formats.h"
#include "osprey/export/selection.h"

namespace osprey::exporting {
namespace {

using Json = nlohmann::ordered_json;

struct TechniqueUse {
  std::set<std::string> stories;  // story keys
  std::set<std::string> outlets;  // article links
  size_t articles = 0;
  std::string evidence;
  std::vector<std::string> titles;
};

bool is_technique_id(std::string_view id) {
  return id.size() >= 5 && id[0] == 'T' && id[1] >= '0' && id[1] <= '9';
}

void count(std::map<std::string, TechniqueUse>& uses, const std::string& id,
           const StoryFindings& found, const std::string& evidence, size_t articles) {
  TechniqueUse& use = uses[id];
  if (use.stories.insert(found.story_key).second) {
    use.articles += articles;
    std::string title = found.story->title;
    if (title.empty()) title = found.articles.front()->article.title;
    use.titles.push_back(title);
  }
  for (const ExportArticle* a : found.articles) use.outlets.insert(article_link(a->article));
  if (use.evidence.empty()) use.evidence = evidence;
}

}  // namespace

std::string to_navigator_layer(const ExportSet& set, const ExportOptions& options) {
  std::map<std::string, TechniqueUse> uses;
  for (const ExportStory& story : set.stories) {
    StoryFindings found = select_story(story, options);
    if (found.articles.empty()) continue;
    for (const ExportedEntity& e : found.entities) {
      if (e.mention.type != "attack-pattern") continue;
      EntityRefs refs = entity_refs(e.mention.id, options.kb);
      if (is_technique_id(refs.attack))
        count(uses, refs.attack, found, e.sentence, static_cast<size_t>(e.articles));
    }
    for (const ExportedObservable& o : found.observables)
      if (o.observable.type == "attack-technique" && is_technique_id(o.observable.value))
        count(uses, o.observable.value, found, o.observable.context, o.articles.size());
  }

  size_t max_score = 1;
  for (const auto& [id, use] : uses) max_score = std::max(max_score, use.stories.size());
  Json techniques = Json::array();
  std::set<std::string> parents;
  for (const auto& [id, use] : uses) {
    Json t;
    t["techniqueID"] = id;
    t["score"] = use.stories.size();
    std::string comment = std::to_string(use.stories.size()) + " stories, ";
    comment.append(std::to_string(use.articles)).append(" articles, ");
    comment.append(std::to_string(use.outlets.size())).append(" sources");
    if (!use.evidence.empty()) comment.append(": ").append(use.evidence);
    t["comment"] = comment;
    t["enabled"] = true;
    Json metadata = Json::array();
    for (const std::string& title : use.titles)
      metadata.push_back(Json{{"name", "story"}, {"value", title}});
    t["metadata"] = std::move(metadata);
    t["showSubtechniques"] = false;
    techniques.push_back(std::move(t));
    size_t dot = id.find('.');
    if (dot != std::string::npos) parents.insert(id.substr(0, dot));
  }
  for (const std::string& parent : parents) {
    if (uses.count(parent)) {
      for (Json& t : techniques)
        if (t["techniqueID"] == parent) t["showSubtechniques"] = true;
      continue;
    }
    techniques.push_back(
        Json{{"techniqueID", parent}, {"enabled", true}, {"showSubtechniques", true}});
  }

  Json layer;
  layer["name"] = "Osprey techniques " + iso_date(set.generated_at);
  layer["versions"] = {{"attack", "18"}, {"navigator", "5.1"}, {"layer", "4.5"}};
  layer["domain"] = "enterprise-attack";
  layer["description"] = "ATT&CK techniques named in the news, scored by the number of stories.";
  layer["sorting"] = 3;  // by score, descending
  layer["layout"] = {{"layout", "side"}, {"showID", true}, {"showName", true}};
  layer["hideDisabled"] = false;
  layer["techniques"] = std::move(techniques);
  layer["gradient"] = {
      {"colors", Json::array({"#ffe766", "#ff6666"})}, {"minValue", 1}, {"maxValue", max_score}};
  layer["legendItems"] =
      Json::array({Json{{"label", "named in 1 story"}, {"color", "#ffe766"}},
                   Json{{"label", "named in " + std::to_string(max_score) + " stories"},
                        {"color", "#ff6666"}}});
  layer["metadata"] =
      Json::array({Json{{"name", "generated"}, {"value", rfc3339_millis(set.generated_at)}},
                   Json{{"name", "generator"}, {"value", options.creator_name}}});
  layer["showTacticRowBackground"] = false;
  layer["selectTechniquesAcrossTactics"] = true;
  layer["selectSubtechniquesWithParent"] = false;
  return layer.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace osprey::exporting
