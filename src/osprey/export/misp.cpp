#include "osprey/export/misp.h"

#include <map>
#include <nlohmann/json.hpp>

#include "osprey/export/entity_refs.h"
#include "osprey/export/formats.h"
#include "osprey/export/selection.h"
#include "osprey/export/uuid5.h"
#include "osprey/observables/registry.h"

namespace osprey::exporting {
namespace {

using Json = nlohmann::ordered_json;

struct CategoryRow {
  std::string_view type;
  std::string_view category;
};

// The MISP attribute types the registry maps to, with MISP's default category.
constexpr CategoryRow kCategories[] = {
    {"ip-dst", "Network activity"},      {"ip-src", "Network activity"},
    {"domain", "Network activity"},      {"hostname", "Network activity"},
    {"url", "Network activity"},         {"user-agent", "Network activity"},
    {"AS", "Network activity"},          {"mac-address", "Network activity"},
    {"email-src", "Payload delivery"},   {"md5", "Payload delivery"},
    {"sha1", "Payload delivery"},        {"sha256", "Payload delivery"},
    {"sha512", "Payload delivery"},      {"ssdeep", "Payload delivery"},
    {"imphash", "Payload delivery"},     {"filename", "Payload delivery"},
    {"regkey", "Persistence mechanism"}, {"btc", "Financial fraud"},
    {"xmr", "Financial fraud"},          {"vulnerability", "External analysis"},
    {"weakness", "External analysis"},   {"text", "Other"},
};

// Osprey entity type → MISP galaxy for tags when the entity has no ATT&CK id.
struct GalaxyRow {
  std::string_view entity_type;
  std::string_view galaxy;         // without ATT&CK id
  std::string_view attack_galaxy;  // with an ATT&CK id ("Name - G0016")
};

constexpr GalaxyRow kGalaxies[] = {
    {"intrusion-set", "threat-actor", "mitre-intrusion-set"},
    {"malware", "malpedia", "mitre-malware"},
    {"tool", "tool", "mitre-tool"},
    {"attack-pattern", "", "mitre-attack-pattern"},
    {"sector", "sector", ""},
};

// Wallet types MISP has no attribute type for: kept as text, named in the comment.
bool is_text_wallet(std::string_view type) {
  return type == "eth" || type == "ltc" || type == "doge" || type == "trx";
}

std::string quoted_tag(std::string_view galaxy, std::string_view value) {
  std::string tag = "misp-galaxy:";
  tag.append(galaxy).append("=\"");
  for (char c : value) {
    if (c == '"') continue;  // a quote would end the tag value
    tag.push_back(c);
  }
  tag.push_back('"');
  return tag;
}

class EventBuilder {
 public:
  EventBuilder(const ExportSet& set, const ExportOptions& options, const StoryFindings& found)
      : set_(set), options_(options), found_(found) {}

  Json build() {
    const ExportStory& story = *found_.story;
    Json e;
    e["uuid"] = uuid5(kOspreyNamespace, "misp-event|" + found_.story_key);
    std::string info = story.title;
    if (info.empty()) info = found_.articles.front()->article.title;
    e["info"] = info.empty() ? "Osprey story" : info;
    const int64_t when = found_.first_seen > 0 ? found_.first_seen : set_.generated_at;
    e["date"] = iso_date(when);
    e["threat_level_id"] = std::to_string(options_.misp_threat_level);
    e["analysis"] = std::to_string(options_.misp_analysis);
    e["distribution"] = std::to_string(options_.misp_distribution);
    e["published"] = false;
    e["timestamp"] = std::to_string(set_.generated_at);
    e["Orgc"] = {{"name", options_.creator_name},
                 {"uuid", uuid5(kOspreyNamespace, "misp-org|" + options_.creator_identity)}};
    e["Attribute"] = attributes();
    tags_.push_back(Json{{"name", "tlp:" + options_.tlp}});
    std::string relevance = "security";
    for (const ExportArticle* a : found_.articles)
      if (!a->relevance_label.empty()) relevance = a->relevance_label;
    tags_.push_back(Json{{"name", "osprey:relevance=\"" + relevance + "\""}});
    for (const ExportedEntity& entity : found_.entities) galaxy(entity.mention);
    e["Tag"] = tags_;
    if (!galaxies_.empty()) e["Galaxy"] = galaxy_list();
    return Json{{"Event", std::move(e)}};
  }

 private:
  Json attributes() {
    Json list = Json::array();
    for (const ExportedObservable& found : found_.observables) {
      const Observable& o = found.observable;
      if (o.type.starts_with("attack-")) continue;  // galaxies carry ATT&CK
      const observables::ObservableType* row = observables::find_observable_type(o.type);
      if (!row || row->misp.empty()) continue;
      std::string type(row->misp);
      Json a;
      a["uuid"] = uuid5(kOspreyNamespace,
                        "misp-attribute|" + found_.story_key + "|" + o.type + "|" + o.value);
      a["type"] = type;
      a["category"] = misp_category(type);
      a["value"] = o.value;
      a["to_ids"] =
          !found.benign && type != "vulnerability" && type != "weakness" && type != "text";
      std::string comment;
      if (is_text_wallet(o.type)) comment = o.type + " wallet: ";
      if (found.benign)
        comment.append("benign (")
            .append(o.benign.empty() ? "reserved address" : o.benign)
            .append("): ");
      comment.append(o.context);
      a["comment"] = comment;
      a["distribution"] = "5";  // inherit the event's
      a["timestamp"] = std::to_string(set_.generated_at);
      if (found.first_seen > 0) a["first_seen"] = rfc3339_millis(found.first_seen);
      if (found.last_seen > 0) a["last_seen"] = rfc3339_millis(found.last_seen);
      list.push_back(std::move(a));
    }
    return list;
  }

  void galaxy(const Mention& m) {
    const GalaxyRow* row = nullptr;
    for (const GalaxyRow& g : kGalaxies)
      if (g.entity_type == m.type) row = &g;
    if (!row) return;
    EntityRefs refs = entity_refs(m.id, options_.kb);
    std::string galaxy(refs.attack.empty() ? row->galaxy : row->attack_galaxy);
    if (galaxy.empty()) return;
    std::string value = m.name;
    if (!refs.attack.empty()) value.append(" - ").append(refs.attack);
    std::string tag = quoted_tag(galaxy, value);
    tags_.push_back(Json{{"name", tag}});
    if (refs.misp.empty()) return;
    galaxies_[galaxy].push_back(
        Json{{"uuid", refs.misp.front()}, {"value", value}, {"type", galaxy}, {"tag_name", tag}});
  }

  Json galaxy_list() {
    Json list = Json::array();
    for (auto& [type, clusters] : galaxies_)
      list.push_back(Json{{"type", type}, {"name", type}, {"GalaxyCluster", clusters}});
    return list;
  }

  const ExportSet& set_;
  const ExportOptions& options_;
  const StoryFindings& found_;
  Json tags_ = Json::array();
  std::map<std::string, std::vector<Json>> galaxies_;
};

}  // namespace

std::string_view misp_category(std::string_view misp_type) {
  for (const CategoryRow& row : kCategories)
    if (row.type == misp_type) return row.category;
  return "Other";
}

std::string to_misp_event(const ExportSet& set, const ExportOptions& options) {
  Json events = Json::array();
  for (const ExportStory& story : set.stories) {
    StoryFindings found = select_story(story, options);
    if (found.articles.empty()) continue;
    events.push_back(EventBuilder(set, options, found).build());
  }
  Json root;
  root["response"] = std::move(events);
  return root.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace osprey::exporting
