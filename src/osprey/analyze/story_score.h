// How well an article fits a story: content similarity, shared entities and
// indicators, and time, combined into one score with explicit thresholds.
//
//  content  = cosine of IDF-weighted term vectors: the article's title and
//             lead words (title words count `title_weight` times) and weak
//             entities (places, sectors, organisations, techniques), against
//             the story's profile (each term weighted by the share of the
//             story's articles that have it).
//  entities = 1 − Π(1 − rarity(t) · share(t)) over the strong entities
//             (actors, malware, tools, vulnerabilities) and indicators the
//             article shares with the story: one common actor is weak
//             evidence, a rare CVE or several shared names strong.
//             rarity(t) = idf(t) / ln(N + prior_articles), in [0, 1].
//  time     = 1 − time_decay · gap / window, where gap is the distance from
//             the article's time to the story's [first_seen, last_seen].
//  total    = (content_weight · content + entity_weight · entities) · time
//
// An article joins only when it is within the window, content ≥ min_content
// and total ≥ join_threshold: shared names without shared content never join,
// whatever their number (the same gang in two events, a storm and an actor
// named after storms). With the defaults, content of 0.25 joins on its own;
// a rare shared actor or CVE (entities ≈ 0.9) lowers the bar to min_content.
// The defaults were set on tests/fixtures/stories/eval.jsonl, where the
// highest content score between different stories in one window was 0.18
// and the lowest between articles of one story 0.20.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "osprey/analyze/fingerprint.h"
#include "osprey/analyze/story.h"
#include "osprey/analyze/story_index.h"

namespace osprey::analyze {

struct StoryScoreOptions {
  double content_weight = 1.0;      // weight of content similarity in the total
  double entity_weight = 0.5;       // weight of shared strong entities and indicators
  double min_content = 0.12;        // content below this never joins, whatever is shared
  double join_threshold = 0.25;     // total needed to join: content alone must reach it, or
                                    // less content (≥ min_content) with shared rare names
  double title_weight = 2.0;        // a title word counts this many lead words
  double weak_entity_weight = 1.0;  // a weak entity's weight relative to a word
  double prior_articles = 1000;     // IDF pseudo-count: unseen terms are rare from the start
  double time_decay = 0.25;         // score lost, as a fraction, one full window away
};

// One of the article's terms with its IDF, computed once per article.
struct WeightedTerm {
  const KeyTerm* term = nullptr;
  uint64_t hash = 0;  // term_hash(term->key)
  double idf = 0;
  double rarity = 0;  // idf / ln(N + prior), in [0, 1]
  double weight = 0;  // content-vector weight; 0 for strong terms
};

struct ArticleProfile {
  std::vector<WeightedTerm> terms;  // by (hash, key), like a story's profile
  double content_norm = 0;
};

// The article's terms weighted with the index's current term statistics.
// `fp` must outlive the profile.
ArticleProfile profile_article(const ArticleFingerprint& fp, StoryIndex& index,
                               const StoryScoreOptions& options);

struct StoryScore {
  double content = 0;
  double entities = 0;
  double time = 0;
  double total = 0;
  bool joins = false;
  std::vector<std::string> shared;  // shared strong terms, then the heaviest shared words
};

// Scores `article` against `story`. `gap` is the article's distance in
// seconds from the story's span, `window` the longest gap allowed.
StoryScore score_story(const ArticleProfile& article, const Story& story, int64_t gap,
                       int64_t window, const StoryScoreOptions& options);

// The content-vector weight of a profile term of `story`.
double story_term_weight(const StoryTerm& term, const Story& story,
                         const StoryScoreOptions& options);

// Recomputes story.content_norm from its profile.
void update_content_norm(Story& story, const StoryScoreOptions& options);

}  // namespace osprey::analyze
