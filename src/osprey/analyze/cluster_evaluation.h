// Scores story clustering against a labelled set (tests/fixtures/stories/):
// articles are clustered in publication order, then every pair of articles
// is checked for "same story" against the gold labels, and every copy the
// clusterer reports against the labelled copies.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "osprey/analyze/story_clusterer.h"
#include "osprey/model/observable.h"
#include "osprey/model/result.h"

namespace osprey::analyze {

// One line of eval.jsonl.
struct LabelledArticle {
  std::string id, outlet, url, published, title, text;
  int64_t published_at = 0;
  std::string story;         // gold story id
  std::string duplicate_of;  // gold original's id; empty when not a copy
};

// Reads a JSON Lines file of labelled articles, or an error naming the line.
Result<std::vector<LabelledArticle>> read_labelled_articles(const std::string& path);

// Unix seconds of "YYYY-MM-DDTHH:MM:SSZ", or an error.
Result<int64_t> parse_utc(std::string_view text);

struct ClusterEvaluation {
  // Pairs of articles in the same story: found and labelled, found only, labelled only.
  uint64_t true_pairs = 0, false_pairs = 0, missed_pairs = 0;
  double precision = 0, recall = 0, f1 = 0;
  // Copies: reported with the labelled original, reported wrongly, missed.
  uint64_t copies_found = 0, copies_wrong = 0, copies_missed = 0;
  uint64_t labelled_copies = 0;
  std::vector<std::string> errors;      // one line per wrong copy, missed copy, split or merge
  std::vector<Assignment> assignments;  // in publication order
  double seconds_clustering = 0;        // fingerprint + assign, all articles
  uint64_t candidates = 0, postings = 0;
};

// The text analysis an evaluation needs: the Findings of a text.
using FindingsFunction = std::function<Findings(std::string_view text)>;

// Clusters `articles` (sorted here by publication time) into a fresh
// in-memory index and scores the result.
ClusterEvaluation evaluate_clustering(std::vector<LabelledArticle> articles,
                                      const FindingsFunction& find,
                                      const ClusterOptions& options = {});

}  // namespace osprey::analyze
