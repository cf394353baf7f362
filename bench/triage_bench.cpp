// Google Benchmark programs for triage.
//
//   build/rel/bench/osprey_bench --benchmark_filter=Triage
//
// The article is about 5 KB: the hand-written test reports (tests/fixtures/
// corpus) joined until the size is reached, the size of a long news item.
// BM_Triage is what triage adds to the pipeline (features and model, given
// the findings); BM_TriageWithExtraction includes finding them.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "osprey/analyze/triage.h"
#include "osprey/kb/knowledge_base.h"
#include "osprey/kb/matcher.h"
#include "osprey/observables/extractor.h"

namespace {

constexpr size_t kArticleBytes = 5 * 1024;

const osprey::Article& article() {
  static const osprey::Article a = [] {
    std::string text;
    std::vector<std::filesystem::path> reports;
    for (const auto& e :
         std::filesystem::directory_iterator(std::filesystem::path(OSPREY_FIXTURES) / "corpus"))
      if (e.path().extension() == ".txt") reports.push_back(e.path());
    std::sort(reports.begin(), reports.end());
    for (size_t i = 0; text.size() < kArticleBytes && !reports.empty(); ++i) {
      std::ifstream in(reports[i % reports.size()], std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      text += ss.str() + "\n\n";
    }
    osprey::Article out;
    out.title = "Ransomware operators exploit file transfer flaw";
    out.text = text.substr(0, kArticleBytes);
    return out;
  }();
  return a;
}

struct Engines {
  osprey::observables::Extractor extractor;
  osprey::kb::KnowledgeBase kb;
  std::unique_ptr<osprey::kb::EntityMatcher> matcher;
};

// Made once; nullptr when the extractor or the knowledge base is missing.
const Engines* engines() {
  static const std::unique_ptr<Engines> made = []() -> std::unique_ptr<Engines> {
    auto extractor = osprey::observables::Extractor::create();
    auto kb = osprey::kb::KnowledgeBase::load(OSPREY_KB_DIR);
    if (!extractor.ok() || !kb.ok()) return nullptr;
    auto e = std::make_unique<Engines>(
        Engines{std::move(extractor).value(), std::move(kb).value(), nullptr});
    auto matcher = osprey::kb::EntityMatcher::create(e->kb);
    if (!matcher.ok()) return nullptr;
    e->matcher = std::make_unique<osprey::kb::EntityMatcher>(std::move(matcher).value());
    return e;
  }();
  return made.get();
}

osprey::Findings findings_of(const Engines& e, const osprey::Article& a) {
  std::string text = osprey::analyze::triage_text(a);
  osprey::Findings f = e.extractor.extract(text);
  f.entities = e.matcher->match(text);
  return f;
}

void BM_Triage(benchmark::State& state) {
  const Engines* e = engines();
  if (!e) {
    state.SkipWithError("no extractor or knowledge base");
    return;
  }
  const osprey::Findings findings = findings_of(*e, article());
  for (auto _ : state) {
    osprey::Relevance r = osprey::analyze::triage(article(), findings);
    benchmark::DoNotOptimize(r);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * article().text.size()));
  state.counters["observables"] = static_cast<double>(findings.observables.size());
  state.counters["entities"] = static_cast<double>(findings.entities.size());
}
BENCHMARK(BM_Triage)->Unit(benchmark::kMicrosecond);

void BM_TriageWithExtraction(benchmark::State& state) {
  const Engines* e = engines();
  if (!e) {
    state.SkipWithError("no extractor or knowledge base");
    return;
  }
  for (auto _ : state) {
    osprey::Relevance r = osprey::analyze::triage(article(), findings_of(*e, article()));
    benchmark::DoNotOptimize(r);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * article().text.size()));
}
BENCHMARK(BM_TriageWithExtraction)->Unit(benchmark::kMicrosecond);

}  // namespace
