// The store at scale: ingest rate and query latency over a synthetic store.
//
//   OSPREY_BENCH_STORE_ARTICLES=1000000 build/release/bench/osprey_bench --benchmark_filter=Store
//
// The store (default 100,000 articles; the variable sets the size) is built
// once in /tmp/osprey-bench/store-N.db and reused by later runs. Articles are
// generated: ~2 KB of text drawn from a fixed vocabulary, 3 entity mentions
// from a pool of 500 actors and malware, 4 indicators, publication times
// spread over a year. BM_StoreIngest measures put_article (one transaction
// each, WAL, synchronous=NORMAL) into a fresh store, BM_StoreIngestBatch the
// same with 64 articles per commit (both in wall-clock time); BM_StoreSearch and
// BM_StoreEntity query the large one like `osprey search` and `osprey entity`.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "osprey/store/search_query.h"
#include "osprey/store/sqlite/sqlite_store.h"

namespace {

using osprey::store::ArticleInput;

const char* const kWords[] = {
    "attackers",  "exploited",   "a",         "vulnerability",  "in",       "the",      "gateway",
    "ransomware", "group",       "phishing",  "campaign",       "targeted", "hospital", "ministry",
    "network",    "credentials", "stolen",    "patch",          "released", "loader",   "backdoor",
    "servers",    "researchers", "said",      "victims",        "data",     "leak",     "site",
    "wiper",      "espionage",   "operators", "infrastructure", "command",  "control",  "domain"};

size_t store_size() {
  const char* env = std::getenv("OSPREY_BENCH_STORE_ARTICLES");
  return env ? std::strtoull(env, nullptr, 10) : 100000;
}

ArticleInput make_article(size_t i, std::mt19937_64& rng) {
  ArticleInput input;
  osprey::Article& a = input.article;
  a.source = "https://outlet" + std::to_string(i % 200) + ".example/feed";
  a.url = "https://outlet" + std::to_string(i % 200) + ".example/post/" + std::to_string(i);
  a.guid = std::to_string(i);
  a.published_at = 1'700'000'000 + static_cast<int64_t>(i % 31'536'000);
  a.title = "Report " + std::to_string(i) + ": " + kWords[rng() % std::size(kWords)] + " " +
            kWords[rng() % std::size(kWords)];
  while (a.text.size() < 2000) {
    a.text += kWords[rng() % std::size(kWords)];
    a.text += rng() % 12 == 0 ? ". " : " ";
  }
  a.text += " token" + std::to_string(i);  // every text differs
  for (int m = 0; m < 3; ++m) {
    osprey::Mention mention;
    size_t n = rng() % 500;
    mention.type = n % 2 ? "intrusion-set" : "malware";
    mention.id = mention.type + "--" + std::to_string(n);
    mention.name = "Entity" + std::to_string(n);
    mention.alias = mention.name;
    mention.confidence = 0.9;
    mention.count = 1;
    input.findings.entities.push_back(mention);
  }
  // An actor uses a malware and targets a sector, as the relation reader finds.
  const auto& mentions = input.findings.entities;
  for (size_t r = 0; r + 1 < mentions.size(); ++r) {
    osprey::Relation relation;
    relation.predicate = r == 0 ? "uses" : "targets";
    relation.subject = {"entity", mentions[r].type, mentions[r].id, mentions[r].name};
    relation.object = {"entity", mentions[r + 1].type, mentions[r + 1].id, mentions[r + 1].name};
    relation.sentence = "Entity" + std::to_string(r) + " was seen using the tool.";
    relation.confidence = 0.5 + static_cast<double>(rng() % 50) / 100;
    input.findings.relations.push_back(relation);
  }
  for (int o = 0; o < 4; ++o) {
    osprey::Observable observable;
    observable.type = "domain";
    observable.value = "host" + std::to_string(rng() % 100000) + ".example";
    observable.count = 1;
    input.findings.observables.push_back(observable);
  }
  input.analysis.relevance_label = i % 5 ? "security" : "noise";
  input.analysis.relevance_score = i % 5 ? 0.9 : 0.1;
  return input;
}

osprey::store::sqlite::SqliteStore& large_store() {
  static std::unique_ptr<osprey::store::sqlite::SqliteStore> store = [] {
    size_t n = store_size();
    std::filesystem::create_directories("/tmp/osprey-bench");
    std::string path = "/tmp/osprey-bench/store-" + std::to_string(n) + ".db";
    auto opened = osprey::store::sqlite::SqliteStore::open(path);
    if (!opened.ok()) std::abort();
    auto& s = *opened.value();
    int64_t have = s.count_articles().value();
    std::mt19937_64 rng(42);
    for (size_t i = 0; i < static_cast<size_t>(have); ++i) make_article(i, rng);  // same stream
    for (size_t i = static_cast<size_t>(have); i < n;) {
      auto batch = s.transaction([&]() -> osprey::Result<bool> {
        for (size_t end = std::min(n, i + 1000); i < end; ++i) {
          auto put = s.put_article(make_article(i, rng));
          if (!put.ok()) return put.error();
        }
        return true;
      });
      if (!batch.ok()) std::abort();
    }
    return std::move(opened.value());
  }();
  return *store;
}

void BM_StoreIngest(benchmark::State& state) {
  std::string path = "/tmp/osprey-bench/ingest.db";
  std::filesystem::create_directories("/tmp/osprey-bench");
  std::filesystem::remove(path);
  std::filesystem::remove(path + "-wal");
  std::filesystem::remove(path + "-shm");
  auto store = osprey::store::sqlite::SqliteStore::open(path);
  if (!store.ok()) return state.SkipWithError(store.error().message.c_str());
  std::mt19937_64 rng(7);
  size_t i = 0;
  for (auto _ : state) {
    state.PauseTiming();
    ArticleInput input = make_article(i++, rng);
    state.ResumeTiming();
    if (!store.value()->put_article(input).ok()) return state.SkipWithError("put failed");
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_StoreIngest)->Unit(benchmark::kMicrosecond)->UseRealTime();

// The same, committing 64 articles at a time, as `osprey ingest` does for
// local files and the poller does for a feed's items.
void BM_StoreIngestBatch(benchmark::State& state) {
  constexpr size_t kBatch = 64;
  std::string path = "/tmp/osprey-bench/ingest-batch.db";
  std::filesystem::create_directories("/tmp/osprey-bench");
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  auto store = osprey::store::sqlite::SqliteStore::open(path);
  if (!store.ok()) return state.SkipWithError(store.error().message.c_str());
  std::mt19937_64 rng(7);
  size_t i = 0;
  std::vector<ArticleInput> batch;
  for (auto _ : state) {
    state.PauseTiming();
    batch.clear();
    for (size_t b = 0; b < kBatch; ++b) batch.push_back(make_article(i++, rng));
    state.ResumeTiming();
    auto done = store.value()->transaction([&]() -> osprey::Result<bool> {
      for (const ArticleInput& input : batch) {
        auto put = store.value()->put_article(input);
        if (!put.ok()) return put.error();
      }
      return true;
    });
    if (!done.ok()) return state.SkipWithError(done.error().message.c_str());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kBatch));
}
BENCHMARK(BM_StoreIngestBatch)->Unit(benchmark::kMillisecond)->UseRealTime();

// One query per run, named in the label: common words, a selective filter,
// both together, an indicator, a phrase, a word in one article.
const char* const kSearches[] = {"ransomware hospital",
                                 "actor:Entity17",
                                 "wiper actor:Entity301",
                                 "ioc:host4242.example",
                                 "\"command control\" espionage",
                                 "token424242",
                                 "wiper ioc:host4242.example"};

void BM_StoreSearch(benchmark::State& state) {
  auto& store = large_store();
  const char* text = kSearches[state.range(0)];
  auto query = osprey::store::parse_search(text);
  if (!query.ok()) return state.SkipWithError(query.error().message.c_str());
  query.value().limit = 50;
  for (auto _ : state) {
    auto found = store.search(query.value());
    if (!found.ok()) return state.SkipWithError(found.error().message.c_str());
    benchmark::DoNotOptimize(found.value().size());
  }
  state.SetLabel(text);
  state.counters["articles"] = static_cast<double>(store_size());
}
BENCHMARK(BM_StoreSearch)
    ->DenseRange(0, std::size(kSearches) - 1)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// What `osprey entity` asks the store: the activity aggregates and the
// newest articles naming it.
void BM_StoreEntity(benchmark::State& state) {
  auto& store = large_store();
  size_t n = 0;
  for (auto _ : state) {
    std::string id = (n % 2 ? "intrusion-set--" : "malware--") + std::to_string(n * 37 % 500);
    ++n;
    auto activity = store.entity_activity(id, false);
    if (!activity.ok()) return state.SkipWithError(activity.error().message.c_str());
    auto recent = store.articles_with_entity({id}, 20, false);
    if (!recent.ok()) return state.SkipWithError(recent.error().message.c_str());
    benchmark::DoNotOptimize(activity.value().articles + recent.value().size());
  }
  state.counters["articles"] = static_cast<double>(store_size());
}
BENCHMARK(BM_StoreEntity)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
