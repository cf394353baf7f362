#include "osprey/pipeline/intel_reports.h"

#include <algorithm>
#include <ctime>
#include <set>

#include "osprey/model/json.h"
#include "osprey/text/refang.h"

namespace osprey::pipeline {

int64_t article_time(const store::StoredArticle& article) {
  return article.article.published_at ? article.article.published_at : article.ingested_at;
}

std::string day_text(int64_t unix_seconds) {
  if (unix_seconds <= 0) return "----------";
  std::time_t time = unix_seconds;
  std::tm tm{};
  gmtime_r(&time, &tm);
  char buffer[16];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%d", &tm);
  return buffer;
}

nlohmann::json article_json(const store::StoredArticle& stored) {
  const Article& a = stored.article;
  nlohmann::json relevance = nullptr;
  if (!stored.analysis.relevance_label.empty()) {
    relevance = {{"score", stored.analysis.relevance_score},
                 {"label", stored.analysis.relevance_label},
                 {"reasons", stored.analysis.relevance_reasons}};
  }
  auto id_or_null = [](int64_t id) { return id ? nlohmann::json(id) : nlohmann::json(nullptr); };
  return {{"id", a.id},
          {"source", a.source},
          {"url", a.url},
          {"canonical_url", a.canonical_url},
          {"title", a.title},
          {"published", a.published},
          {"published_at", a.published_at},
          {"language", a.language},
          {"kind", a.kind},
          {"version", stored.version},
          {"relevance", relevance},
          {"story", id_or_null(stored.analysis.story_id)},
          {"duplicate_of", id_or_null(stored.analysis.duplicate_of)},
          {"other_sources", stored.other_sources},
          {"observables", stored.findings.observables.size()},
          {"entities", stored.findings.entities.size()}};
}

nlohmann::json feed_json(const Source& feed) {
  const FeedHealth& h = feed.health;
  return {{"id", feed.id},
          {"url", feed.url},
          {"title", feed.title},
          {"html_url", feed.html_url},
          {"category", feed.category},
          {"interval", feed.interval},
          {"next_due", feed.next_due},
          {"enabled", feed.enabled},
          {"health",
           {{"last_polled", h.last_polled},
            {"last_success", h.last_success},
            {"last_error", h.last_error},
            {"last_error_message", h.last_error_message},
            {"consecutive_failures", h.consecutive_failures},
            {"items_per_day", h.items_per_day},
            {"items_total", h.items_total}}}};
}

nlohmann::json article_brief_json(const store::StoredArticle& a) {
  return {{"id", a.article.id},
          {"title", a.article.title},
          {"url", a.article.url.empty() ? a.article.source : a.article.url},
          {"published_at", article_time(a)},
          {"relevance", a.analysis.relevance_label},
          {"story", a.analysis.story_id}};
}

size_t story_outlets(const analyze::Story& story) {
  std::set<std::string> outlets;
  for (const auto& m : story.members) outlets.insert(m.outlet);
  return outlets.size();
}

nlohmann::json story_summary_json(const analyze::Story& s) {
  return {{"id", s.id},
          {"title", s.title},
          {"first_seen", s.first_seen},
          {"last_seen", s.last_seen},
          {"articles", s.articles},
          {"sources", story_outlets(s)}};
}

// ---- story ------------------------------------------------------------------

Result<StoryReport> story_report(store::Store& store, int64_t id) {
  auto story = store.get_story(id);
  if (!story.ok()) return story.error();
  StoryReport report{std::move(story.value()), {}};
  std::vector<store::StoredArticle> articles;
  std::vector<analyze::SourcedFindings> sourced;
  articles.reserve(report.story.members.size());
  std::vector<std::string> outlets;
  for (const auto& m : report.story.members) {
    auto a = store.get_article(m.article_id);
    if (!a.ok()) continue;
    articles.push_back(std::move(a.value()));
    outlets.push_back(m.outlet);
  }
  for (size_t i = 0; i < articles.size(); ++i)
    sourced.push_back({outlets[i], &articles[i].findings});
  report.merged = analyze::merge_story_findings(sourced);
  return report;
}

nlohmann::json to_json(const StoryReport& report) {
  const analyze::Story& s = report.story;
  nlohmann::json members = nlohmann::json::array();
  for (const auto& m : s.members) {
    members.push_back({{"article", m.article_id},
                       {"outlet", m.outlet},
                       {"url", m.url},
                       {"title", m.title},
                       {"published_at", m.published_at},
                       {"duplicate_of", m.duplicate_of}});
  }
  nlohmann::json entities = nlohmann::json::array(), relations = nlohmann::json::array(),
                 observables = nlohmann::json::array();
  for (const auto& e : report.merged.entities) {
    nlohmann::json j = e.mention;
    j["sources"] = e.sources;
    entities.push_back(j);
  }
  for (const auto& r : report.merged.relations) {
    nlohmann::json j = r.relation;
    j["sources"] = r.sources;
    relations.push_back(j);
  }
  for (const auto& o : report.merged.observables) {
    nlohmann::json j = o.observable;
    j["sources"] = o.sources;
    observables.push_back(j);
  }
  return {{"id", s.id},
          {"title", s.title},
          {"first_seen", s.first_seen},
          {"last_seen", s.last_seen},
          {"members", members},
          {"entities", entities},
          {"relations", relations},
          {"observables", observables}};
}

// ---- entity -----------------------------------------------------------------

namespace {

// Adds one article's relations touching `entity_id` to the summaries.
}  // namespace

Result<EntityReport> entity_report(store::Store& store, const kb::KnowledgeBase& base,
                                   const std::string& name, size_t limit, bool include_noise) {
  auto matches = base.lookup(name);
  if (matches.empty()) return Error{"no entity named '" + name + "' in the knowledge base"};
  EntityReport report;
  report.entity = matches.front().entity;
  for (size_t i = 1; i < matches.size() && i < 4; ++i) report.also.push_back(matches[i].entity);
  auto activity = store.entity_activity(report.entity->id, include_noise);
  if (!activity.ok()) return activity.error();
  const store::EntityActivity& a = activity.value();
  report.articles = static_cast<int>(a.articles);
  report.first_seen = a.first_seen;
  report.last_seen = a.last_seen;
  for (const auto& [alias, n] : a.aliases) report.aliases_seen[alias] = static_cast<int>(n);
  for (const auto& [day, n] : a.days) report.timeline[day_text(day)] = static_cast<int>(n);
  for (const store::EntityActivity::Link& link : a.relations) {
    EntityRelation r;
    r.predicate = (link.negated ? "not " : "") + link.predicate;
    r.other = link.other_name;
    r.other_id = link.other_id;
    r.other_type = link.other_type;
    r.direction = link.outgoing ? "outgoing" : "incoming";
    r.sentence = link.sentence;
    r.articles = static_cast<int>(link.articles);
    r.confidence = link.confidence;
    report.relations.push_back(std::move(r));
  }
  auto recent = store.articles_with_entity({report.entity->id}, limit, include_noise);
  if (!recent.ok()) return recent.error();
  report.recent = std::move(recent.value());
  return report;
}

nlohmann::json to_json(const EntityReport& report) {
  nlohmann::json rels = nlohmann::json::array();
  for (const auto& s : report.relations) {
    rels.push_back({{"predicate", s.predicate},
                    {"direction", s.direction},
                    {"other", s.other},
                    {"other_id", s.other_id},
                    {"other_type", s.other_type},
                    {"articles", s.articles},
                    {"confidence", s.confidence},
                    {"evidence", s.sentence}});
  }
  nlohmann::json recent = nlohmann::json::array();
  for (const auto& a : report.recent) recent.push_back(article_brief_json(a));
  std::vector<std::string> kb_aliases;
  for (const auto& alias : report.entity->aliases) kb_aliases.push_back(alias.name);
  return {{"id", report.entity->id},
          {"name", report.entity->name},
          {"type", kb::type_name(report.entity->type)},
          {"kb_aliases", kb_aliases},
          {"aliases_seen", report.aliases_seen},
          {"articles", report.articles},
          {"first_seen", report.first_seen},
          {"last_seen", report.last_seen},
          {"timeline", report.timeline},
          {"relations", rels},
          {"recent_articles", recent}};
}

namespace {
nlohmann::json activity_json(const std::vector<store::ActivityCount>& rows, bool entities) {
  nlohmann::json all = nlohmann::json::array();
  for (const store::ActivityCount& row : rows) {
    nlohmann::json j = entities ? nlohmann::json{{"id", row.id}, {"name", row.name}}
                                : nlohmann::json{{"value", row.id}};
    j["type"] = row.type;
    j["articles"] = row.articles;
    j["first_seen"] = row.first_seen;
    j["last_seen"] = row.last_seen;
    all.push_back(std::move(j));
  }
  return all;
}
}  // namespace

nlohmann::json entities_json(const std::vector<store::ActivityCount>& rows) {
  return activity_json(rows, true);
}

nlohmann::json indicators_json(const std::vector<store::ActivityCount>& rows) {
  return activity_json(rows, false);
}

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> items;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = std::min(text.find(',', start), text.size());
    size_t b = text.find_first_not_of(" \t", start);
    size_t e = text.find_last_not_of(" \t", comma == 0 ? 0 : comma - 1);
    if (b != std::string::npos && b < comma && e != std::string::npos && e >= b) {
      items.push_back(text.substr(b, e - b + 1));
    }
    start = comma + 1;
  }
  return items;
}

// ---- indicator ----------------------------------------------------------------

Result<std::vector<IndicatorSighting>> indicator_sightings(store::Store& store,
                                                           const std::string& value, size_t limit) {
  std::string refanged = text::refang_string(value);
  auto articles = store.articles_with_observable(refanged, limit);
  if (!articles.ok()) return articles.error();
  std::vector<IndicatorSighting> sightings;
  for (auto& a : articles.value()) {
    IndicatorSighting s;
    for (const Observable& o : a.findings.observables) {
      if (o.value == refanged) {
        s.context = o.context;
        s.type = o.type;
      }
    }
    s.article = std::move(a);
    sightings.push_back(std::move(s));
  }
  return sightings;
}

nlohmann::json to_json(const std::vector<IndicatorSighting>& sightings) {
  nlohmann::json all = nlohmann::json::array();
  for (const auto& s : sightings) {
    nlohmann::json j = article_brief_json(s.article);
    j["type"] = s.type;
    j["context"] = s.context;
    all.push_back(j);
  }
  return all;
}

}  // namespace osprey::pipeline
