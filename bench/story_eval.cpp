// Scores story clustering on the labelled set and prints pairwise
// precision, recall and F1 of "same story", the copies found, and the time
// spent per article in fingerprinting and assignment.
//
//   osprey_story_eval [eval.jsonl] [--verbose] [--all]
//
// --verbose lists every wrong copy, split and merge; --all also prints every
// article's assignment with its reasons.
//
// Default input: tests/fixtures/stories/eval.jsonl; entities come from the
// committed knowledge base (OSPREY_KB_DIR).
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string>

#include "osprey/analyze/cluster_evaluation.h"
#include "osprey/kb/knowledge_base.h"
#include "osprey/kb/matcher.h"
#include "osprey/observables/extractor.h"

int main(int argc, char** argv) {
  std::string path = OSPREY_FIXTURES "/stories/eval.jsonl";
  bool verbose = false, all = false;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--verbose") == 0)
      verbose = true;
    else if (std::strcmp(argv[i], "--all") == 0)
      all = verbose = true;
    else
      path = argv[i];
  }
  auto articles = osprey::analyze::read_labelled_articles(path);
  auto extractor = osprey::observables::Extractor::create();
  auto kb = osprey::kb::KnowledgeBase::load(OSPREY_KB_DIR);
  if (!articles.ok() || !extractor.ok() || !kb.ok()) {
    std::fprintf(stderr, "osprey_story_eval: %s\n",
                 !articles.ok()    ? articles.error().message.c_str()
                 : !extractor.ok() ? extractor.error().message.c_str()
                                   : kb.error().message.c_str());
    return 1;
  }
  auto matcher = osprey::kb::EntityMatcher::create(kb.value());
  if (!matcher.ok()) {
    std::fprintf(stderr, "osprey_story_eval: %s\n", matcher.error().message.c_str());
    return 1;
  }
  auto find = [&](std::string_view text) {
    osprey::Findings f = extractor.value().extract(text);
    f.entities = matcher.value().match(text);
    return f;
  };
  size_t n = articles.value().size();
  auto sorted = articles.value();
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const auto& a, const auto& b) { return a.published_at < b.published_at; });
  auto e = osprey::analyze::evaluate_clustering(std::move(articles).value(), find);
  if (all)
    for (size_t i = 0; i < n; ++i)
      std::printf("%-40s %-28s -> story %lld: %s\n", sorted[i].id.c_str(), sorted[i].story.c_str(),
                  static_cast<long long>(e.assignments[i].story_id),
                  e.assignments[i].reasons[0].c_str());
  std::printf("articles %zu\n", n);
  std::printf("pairs: same story found %llu, wrongly merged %llu, missed %llu\n",
              static_cast<unsigned long long>(e.true_pairs),
              static_cast<unsigned long long>(e.false_pairs),
              static_cast<unsigned long long>(e.missed_pairs));
  std::printf("pairwise precision %.3f  recall %.3f  F1 %.3f\n", e.precision, e.recall, e.f1);
  std::printf("copies: labelled %llu, found %llu, missed %llu, wrongly reported %llu\n",
              static_cast<unsigned long long>(e.labelled_copies),
              static_cast<unsigned long long>(e.copies_found),
              static_cast<unsigned long long>(e.copies_missed),
              static_cast<unsigned long long>(e.copies_wrong));
  std::printf(
      "clustering (fingerprint + assign): %.1f us per article; %.1f candidates, %.1f "
      "postings per article\n",
      e.seconds_clustering * 1e6 / static_cast<double>(n),
      static_cast<double>(e.candidates) / static_cast<double>(n),
      static_cast<double>(e.postings) / static_cast<double>(n));
  if (verbose)
    for (const std::string& line : e.errors) std::printf("  %s\n", line.c_str());
  else if (!e.errors.empty())
    std::printf("%zu error lines (--verbose lists them)\n", e.errors.size());
  return 0;
}
