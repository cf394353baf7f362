// Extractive story summaries for the digest: the sentences of a story's
// articles that best say what happened, chosen by a fixed, explainable score
// and shown in the order the articles tell them. Nothing is generated: every
// summary sentence is a sentence of an article.
//
// A sentence is a candidate when it is prose: it ends with '.', '!' or '?',
// has between min_words and max_words words, is not boilerplate ("subscribe",
// "cookie", "all rights reserved" …) and at least half its words are words
// (not an indicator list). Each candidate scores
//   centrality  cosine similarity (0..1) of its content words with those of
//               every other candidate of the story: what the outlets agree on
// + findings    kFindingBonus per entity or CVE named in it (from the
//               findings' spans), at most kMaxFindingBonus
// + lead        kLeadBonus[i] for the i-th candidate of its article: news
//               puts the event first.
// The best candidates are taken in score order, skipping any whose cosine
// with one already taken exceeds `redundancy` (copies across outlets), then
// put back in (article, position) order.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "osprey/export/export_model.h"

namespace osprey::exporting {

inline constexpr double kFindingBonus = 0.15;
inline constexpr double kMaxFindingBonus = 0.45;
inline constexpr double kLeadBonus[] = {0.3, 0.15};

struct SummaryOptions {
  size_t sentences = 2;     // how many sentences a summary has at most
  size_t min_words = 6;     // shorter sentences are headings or fragments
  size_t max_words = 50;    // longer ones are run-ons or lists
  double redundancy = 0.6;  // cosine above which a candidate repeats a chosen sentence
  size_t max_bytes = 320;   // each sentence is cut (with "…") beyond this
};

// One candidate sentence with its score and where it came from.
struct SummarySentence {
  std::string text;     // printable: valid UTF-8, white space folded
  size_t article = 0;   // index into the articles given
  size_t position = 0;  // the sentence's index among its article's candidates
  double centrality = 0;
  double findings = 0;
  double lead = 0;
  double score() const { return centrality + findings + lead; }
};

// Every candidate sentence of `articles`, scored, in (article, position) order.
std::vector<SummarySentence> summary_candidates(const std::vector<const ExportArticle*>& articles,
                                                const SummaryOptions& options = {});

// The summary: at most options.sentences candidates chosen as described
// above, in (article, position) order; empty when no sentence qualifies.
std::vector<SummarySentence> summarize(const std::vector<const ExportArticle*>& articles,
                                       const SummaryOptions& options = {});

}  // namespace osprey::exporting
