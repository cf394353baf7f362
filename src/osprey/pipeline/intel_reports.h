// The analyst's questions to the store, answered once for the CLI
// (`osprey stories|story|entity|ioc -f json`) and the REST API: the values
// and their JSON forms, so both speak the same shapes.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "osprey/analyze/story_findings.h"
#include "osprey/kb/knowledge_base.h"
#include "osprey/model/result.h"
#include "osprey/store/store.h"

namespace osprey::pipeline {

// When an article happened: published, else first stored.
int64_t article_time(const store::StoredArticle& article);

// An article's metadata and analysis (`osprey articles -f json`), without its text.
nlohmann::json article_json(const store::StoredArticle& stored);

// A subscription with its health (`osprey feeds list -f json`).
nlohmann::json feed_json(const Source& feed);

// {id, title, url, published_at, relevance, story}
nlohmann::json article_brief_json(const store::StoredArticle& article);

// {id, title, first_seen, last_seen, articles, sources}
nlohmann::json story_summary_json(const analyze::Story& story);
// Distinct outlets among the story's members.
size_t story_outlets(const analyze::Story& story);

// One story with its articles' findings merged across outlets.
struct StoryReport {
  analyze::Story story;
  analyze::StoryFindings merged;
};
// An Error when the story does not exist.
Result<StoryReport> story_report(store::Store& store, int64_t id);
// {id, title, first_seen, last_seen, members, entities, relations, observables}
nlohmann::json to_json(const StoryReport& report);

// What the news says about one entity, summed over the articles naming it.
struct EntityRelation {
  std::string predicate, other, other_type, direction, sentence;
  std::string other_id;  // the other end's entity id (an observable's value)
  int articles = 0;
  double confidence = 0;
};
struct EntityReport {
  const kb::Entity* entity = nullptr;       // in the knowledge base passed in
  std::vector<const kb::Entity*> also;      // further entities the name may mean
  std::map<std::string, int> aliases_seen;  // alias as written → articles
  std::map<std::string, int> timeline;      // YYYY-MM-DD → articles
  std::vector<EntityRelation> relations;    // most articles first
  int articles = 0;                         // articles counted (noise only when asked)
  int64_t first_seen = 0, last_seen = 0;
  std::vector<store::StoredArticle> recent;  // newest first, at most `limit`
};
// An Error when the knowledge base knows no entity by that name.
Result<EntityReport> entity_report(store::Store& store, const kb::KnowledgeBase& base,
                                   const std::string& name, size_t limit, bool include_noise);
// {id, name, type, kb_aliases, aliases_seen, articles, first_seen, last_seen,
//  timeline, relations, recent_articles}
nlohmann::json to_json(const EntityReport& report);

// Where an indicator was reported: the article and the sentence.
struct IndicatorSighting {
  store::StoredArticle article;
  std::string type, context;
};
// `value` may be defanged. Newest first, at most `limit`.
Result<std::vector<IndicatorSighting>> indicator_sightings(store::Store& store,
                                                           const std::string& value, size_t limit);
// [{article brief…, type, context}]
nlohmann::json to_json(const std::vector<IndicatorSighting>& sightings);

// "2024-11-05" (UTC); "----------" for 0.
std::string day_text(int64_t unix_seconds);

}  // namespace osprey::pipeline
