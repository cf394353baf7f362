// Story clustering costs: fingerprinting one 5 KB article, and assigning
// articles into an index pre-filled with 100,000 synthetic stories spread
// over two years (≈ 1,900 stories inside any ±7-day window).
//
//   osprey_bench --benchmark_filter='Fingerprint|Assign'
#include <benchmark/benchmark.h>

#include <algorithm>
#include <random>
#include <string>

#include "osprey/analyze/fingerprint.h"
#include "osprey/analyze/memory_story_index.h"
#include "osprey/analyze/story_clusterer.h"

namespace {

using namespace osprey::analyze;

// Synthetic news: words drawn from a skewed vocabulary of 20,000, so some
// words are common and most are rare, like real text.
class SyntheticNews {
 public:
  explicit SyntheticNews(uint32_t seed) : rng_(seed) {}

  std::string words(size_t n) {
    std::string out;
    for (size_t i = 0; i < n; ++i) {
      double u = unit_(rng_);
      auto w = static_cast<uint32_t>(20000 * u * u * u);
      out.append("w").append(std::to_string(w)).append((i % 17 == 16) ? ". " : " ");
    }
    return out;
  }

  osprey::Findings findings() {
    osprey::Findings f;
    for (int i = 0; i < 3; ++i) {
      osprey::Mention m;
      m.type = i == 0 ? "intrusion-set" : "location";
      m.id = std::string("entity-").append(
          std::to_string(static_cast<uint32_t>(500 * unit_(rng_) * unit_(rng_))));
      m.confidence = 0.9;
      f.entities.push_back(m);
    }
    osprey::Observable cve;
    cve.type = "cve";
    cve.value = std::string("CVE-2024-")
                    .append(std::to_string(10000 + static_cast<uint32_t>(40000 * unit_(rng_))));
    f.observables.push_back(cve);
    return f;
  }

  osprey::Article article(size_t words_in_text, int64_t t) {
    osprey::Article a;
    a.title = words(9);
    a.text = words(words_in_text);
    a.published_at = t;
    return a;
  }

 private:
  std::mt19937 rng_;
  std::uniform_real_distribution<double> unit_{0.0, 1.0};
};

constexpr int64_t kStart = 1700000000;  // November 2023
constexpr int64_t kSpan = 730 * 86400;  // two years
constexpr size_t kStories = 100000;
constexpr int kAssignIterations = 2000;

// A 5 KB article: about 800 words.
osprey::Article five_kb_article(SyntheticNews& news, int64_t t) {
  osprey::Article a = news.article(0, t);
  while (a.text.size() < 5000) a.text += news.words(20);
  return a;
}

void BM_Fingerprint5KB(benchmark::State& state) {
  SyntheticNews news(7);
  osprey::Article a = five_kb_article(news, kStart);
  osprey::Findings f = news.findings();
  for (auto _ : state) benchmark::DoNotOptimize(make_fingerprint(a, f));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * a.text.size()));
}
BENCHMARK(BM_Fingerprint5KB)->Unit(benchmark::kMicrosecond);

// The pre-filled index, built once (≈ 100k fingerprints of 80-word leads).
MemoryStoryIndex& filled_index() {
  static MemoryStoryIndex* index = [] {
    auto* idx = new MemoryStoryIndex;
    StoryClusterer writer(*idx);
    SyntheticNews news(1);
    for (size_t i = 0; i < kStories; ++i) {
      int64_t t = kStart + static_cast<int64_t>(i) * (kSpan / kStories);
      osprey::Article a = news.article(80, t);
      ArticleFingerprint fp = make_fingerprint(a, news.findings());
      Story s;
      s.title = a.title;
      s.first_seen = s.last_seen = t;
      s.articles = 1;
      s.members.push_back(StoryMember{
          static_cast<int64_t>(i + 1), "synthetic.example",
          std::string("https://synthetic.example/").append(std::to_string(i)), a.title, t, 0});
      for (const KeyTerm& term : fp.terms)
        s.terms.push_back(StoryTerm{term.key, term_hash(term.key), 1, 0, 5.0f, term.kind});
      std::sort(s.terms.begin(), s.terms.end(),
                [](const auto& a, const auto& b) { return a.hash < b.hash; });
      update_content_norm(s, {});
      int64_t id = idx->put_story(std::move(s));
      idx->index_article(static_cast<int64_t>(i + 1), id, fp, writer.band_keys(fp));
    }
    return idx;
  }();
  return *index;
}

// Fingerprint + assign of 5 KB articles published just after the newest
// indexed story, as news arrives; each iteration adds one new article to the index (never
// the same text twice, which would take the cheaper copy path).
void BM_Assign5KBInto100kStories(benchmark::State& state) {
  MemoryStoryIndex& index = filled_index();
  StoryClusterer clusterer(index);
  SyntheticNews news(99);
  std::vector<std::pair<osprey::Article, osprey::Findings>> inputs;
  for (int i = 0; i < kAssignIterations; ++i) {
    osprey::Article a = five_kb_article(news, kStart + kSpan + i * 60);
    inputs.emplace_back(std::move(a), news.findings());
  }
  int64_t next_id = 10'000'000;
  size_t i = 0;
  uint64_t candidates = 0, postings = 0, copies = 0;
  for (auto _ : state) {
    const auto& [article, findings] = inputs[i++ % inputs.size()];
    ArticleFingerprint fp = make_fingerprint(article, findings);
    Assignment a = clusterer.assign(
        StoryMember{++next_id, "bench.example", "", article.title, article.published_at, 0}, fp);
    candidates += a.candidates;
    postings += a.postings;
    copies += a.kind == Assignment::Kind::kDuplicate;
  }
  double n = static_cast<double>(state.iterations());
  state.counters["candidates"] = static_cast<double>(candidates) / n;
  state.counters["postings"] = static_cast<double>(postings) / n;
  state.counters["copies"] = static_cast<double>(copies);
  state.counters["stories"] = static_cast<double>(index.story_count());
}
BENCHMARK(BM_Assign5KBInto100kStories)
    ->Unit(benchmark::kMicrosecond)
    ->Iterations(kAssignIterations);

// The decision alone (fingerprint computed beforehand), without recording.
void BM_Decide5KBIn100kStories(benchmark::State& state) {
  MemoryStoryIndex& index = filled_index();
  StoryClusterer clusterer(index);
  SyntheticNews news(98);
  std::vector<ArticleFingerprint> fps;
  for (int i = 0; i < 64; ++i)
    fps.push_back(
        make_fingerprint(five_kb_article(news, kStart + kSpan + i * 60), news.findings()));
  size_t i = 0;
  uint64_t candidates = 0;
  for (auto _ : state) {
    Assignment a = clusterer.decide(fps[i++ % fps.size()]);
    candidates += a.candidates;
    benchmark::DoNotOptimize(a);
  }
  state.counters["candidates"] =
      static_cast<double>(candidates) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_Decide5KBIn100kStories)->Unit(benchmark::kMicrosecond);

}  // namespace
