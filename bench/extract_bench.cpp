// Google Benchmark programs for the observable engine.
//
//   build/release/bench/osprey_bench                      (built-in corpus)
//   OSPREY_BENCH_CORPUS=FILE build/release/bench/osprey_bench
//
// The built-in corpus interleaves the hand-written test reports with plain
// prose so that there is about one indicator per kilobyte, as in news text;
// bench/gen_corpus.py makes larger, more varied ones.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "osprey/kb/knowledge_base.h"
#include "osprey/kb/matcher.h"
#include "osprey/observables/extractor.h"
#include "osprey/text/defang_sites.h"
#include "osprey/text/pattern_set.h"
#include "osprey/text/refang.h"

namespace {

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

const std::string& corpus() {
  static const std::string text = [] {
    if (const char* path = std::getenv("OSPREY_BENCH_CORPUS")) return read(path);
    std::string reports;
    for (const auto& e :
         std::filesystem::directory_iterator(std::filesystem::path(OSPREY_FIXTURES) / "corpus"))
      if (e.path().extension() == ".txt") reports += read(e.path()) + "\n\n";
    const std::string prose =
        "Analysts at several firms said the campaign showed a patient operator that favoured "
        "living off the land, "
        "using built-in administration tools rather than custom malware, and that it moved slowly "
        "between hosts "
        "to avoid tripping behavioural detections. Officials declined to say how many "
        "organisations were affected, "
        "but described the intrusions as a serious concern for critical infrastructure operators "
        "in the region. ";
    std::string text;
    while (text.size() < (32u << 20)) {
      text += reports;
      for (int i = 0; i < 12; ++i) text += prose;  // dilute to about one indicator per kilobyte
    }
    return text;
  }();
  return text;
}

const osprey::observables::Extractor& extractor() {
  static const osprey::observables::Extractor e = osprey::observables::Extractor::create().value();
  return e;
}

void BM_Extract(benchmark::State& state) {
  const std::string& text = corpus();
  size_t found = 0;
  for (auto _ : state) {
    osprey::Findings f = extractor().extract(text);
    found = f.observables.size();
    benchmark::DoNotOptimize(f);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
  state.counters["distinct"] = static_cast<double>(found);
}
BENCHMARK(BM_Extract)->Unit(benchmark::kMillisecond)->MinTime(2.0);

// One article-sized text (the first 4 KiB of the corpus) per call: the fixed
// cost of a call (a stream, its scanner scratch area) against its scan.
void BM_ExtractArticle(benchmark::State& state) {
  const std::string_view text = std::string_view(corpus()).substr(0, 4096);
  for (auto _ : state) benchmark::DoNotOptimize(extractor().extract(text));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_ExtractArticle)->Unit(benchmark::kMicrosecond);

// The same call on N threads (ExtractOptions::threads; 0: one per core): the
// text's chunks shared out, the findings joined. Real time counts, not this
// thread's CPU.
void BM_ExtractThreads(benchmark::State& state) {
  const std::string& text = corpus();
  osprey::observables::ExtractOptions options;
  options.threads = static_cast<size_t>(state.range(0));
  size_t found = 0;
  for (auto _ : state) {
    osprey::Findings f = extractor().extract(text, options);
    found = f.observables.size();
    benchmark::DoNotOptimize(f);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
  state.counters["distinct"] = static_cast<double>(found);
  state.counters["threads"] = static_cast<double>(
      options.threads != 0 ? options.threads : std::thread::hardware_concurrency());
}
BENCHMARK(BM_ExtractThreads)
    ->Arg(0)
    ->Arg(4)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond)
    ->MinTime(2.0);

void BM_ExtractStreaming(benchmark::State& state) {
  const std::string& text = corpus();
  for (auto _ : state) {
    auto stream = extractor().stream();
    for (size_t pos = 0; pos < text.size(); pos += 1u << 20)
      stream.feed(std::string_view(text).substr(pos, 1u << 20));
    benchmark::DoNotOptimize(stream.finish());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_ExtractStreaming)->Unit(benchmark::kMillisecond)->MinTime(2.0);

void BM_Refang(benchmark::State& state) {
  const std::string& text = corpus();
  static const osprey::text::Refanger refanger = osprey::text::Refanger::create().value();
  for (auto _ : state) benchmark::DoNotOptimize(refanger.refang(text).view().size());
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_Refang)->Unit(benchmark::kMillisecond);

// Finding where defangs may be written, on a piece that stays in cache (the
// extractor refangs one chunk at a time): the cost of the trigger scan
// itself, without the memory traffic of a first read.
void BM_DefangSites(benchmark::State& state) {
  std::string_view piece = std::string_view(corpus()).substr(0, 256u << 10);
  std::vector<osprey::text::PatternMatch> sites, invalid;
  for (auto _ : state) {
    sites.clear();
    invalid.clear();
    osprey::text::find_defang_sites(piece, sites, invalid);
    benchmark::DoNotOptimize(sites.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * piece.size()));
}
BENCHMARK(BM_DefangSites);

// Start-up: the compiled databases come from the on-disk cache.
void BM_CreateExtractorCached(benchmark::State& state) {
  (void)osprey::observables::Extractor::create();  // warm the cache
  for (auto _ : state) benchmark::DoNotOptimize(osprey::observables::Extractor::create().ok());
}
BENCHMARK(BM_CreateExtractorCached)->Unit(benchmark::kMillisecond);

// Start-up without a cache: every pattern compiled (a fresh, empty cache
// folder for each iteration).
void BM_CreateExtractorCold(benchmark::State& state) {
  const char* saved = std::getenv("OSPREY_CACHE_DIR");
  std::string keep = saved ? saved : "";
  auto base = std::filesystem::temp_directory_path() / "osprey-bench-cold";
  int round = 0;
  for (auto _ : state) {
    state.PauseTiming();
    auto dir = base / std::to_string(round++);
    std::filesystem::remove_all(dir);
    setenv("OSPREY_CACHE_DIR", dir.c_str(), 1);
    state.ResumeTiming();
    benchmark::DoNotOptimize(osprey::observables::Extractor::create().ok());
  }
  std::filesystem::remove_all(base);
  if (saved)
    setenv("OSPREY_CACHE_DIR", keep.c_str(), 1);
  else
    unsetenv("OSPREY_CACHE_DIR");
}
BENCHMARK(BM_CreateExtractorCold)->Unit(benchmark::kMillisecond)->Iterations(5);

// Loading the committed knowledge base (kb/) into memory, indexes built.
void BM_KbLoad(benchmark::State& state) {
  for (auto _ : state) {
    auto kb = osprey::kb::KnowledgeBase::load(OSPREY_KB_DIR);
    if (!kb.ok()) state.SkipWithError(kb.error().message.c_str());
    benchmark::DoNotOptimize(kb);
  }
}
BENCHMARK(BM_KbLoad)->Unit(benchmark::kMillisecond);

// The knowledge base loaded and its matcher ready to match (its compiled
// name database from the pattern cache, as after the first run).
void BM_KbLoadAndMatcherReady(benchmark::State& state) {
  for (auto _ : state) {
    auto kb = osprey::kb::KnowledgeBase::load(OSPREY_KB_DIR);
    if (!kb.ok()) {
      state.SkipWithError(kb.error().message.c_str());
      return;
    }
    auto matcher = osprey::kb::EntityMatcher::create(kb.value());
    if (!matcher.ok()) state.SkipWithError(matcher.error().message.c_str());
    benchmark::DoNotOptimize(matcher);
  }
}
BENCHMARK(BM_KbLoadAndMatcherReady)->Unit(benchmark::kMillisecond);

const osprey::kb::EntityMatcher* entity_matcher(benchmark::State& state) {
  static const auto kb = osprey::kb::KnowledgeBase::load(OSPREY_KB_DIR);
  if (!kb.ok()) {
    state.SkipWithError(kb.error().message.c_str());
    return nullptr;
  }
  static const auto matcher = osprey::kb::EntityMatcher::create(kb.value()).value();
  return &matcher;
}

// Recognition over `text` in article-sized pieces, as it runs per article.
void match_pieces(benchmark::State& state, const std::string& text) {
  const osprey::kb::EntityMatcher* matcher = entity_matcher(state);
  if (!matcher) return;
  size_t found = 0;
  for (auto _ : state)
    for (size_t pos = 0; pos < text.size(); pos += 8192)
      found += matcher->match(std::string_view(text).substr(pos, 8192)).size();
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
  state.counters["mentions/KiB"] = static_cast<double>(found) /
                                   static_cast<double>(state.iterations()) /
                                   (static_cast<double>(text.size()) / 1024);
}

// Recognising knowledge-base entities in the corpus (matcher ready).
void BM_MatchEntities(benchmark::State& state) {
  match_pieces(state, corpus());
}
BENCHMARK(BM_MatchEntities)->Unit(benchmark::kMillisecond);

// The same over the entity evaluation passages, repeated to 32 MiB: vendor
// and news prose as dense with actors, malware, techniques, places and
// sectors as reporting gets (a name every hundred bytes), the matcher's
// slowest case.
void BM_MatchEntitiesDenseReports(benchmark::State& state) {
  static const std::string text = [] {
    std::string passages;
    for (const auto& e : std::filesystem::directory_iterator(std::filesystem::path(OSPREY_FIXTURES) /
                                                             "entities"))
      if (e.path().extension() == ".txt") passages += read(e.path()) + "\n\n";
    std::string text;
    while (text.size() < (32u << 20)) text += passages;
    return text;
  }();
  match_pieces(state, text);
}
BENCHMARK(BM_MatchEntitiesDenseReports)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
