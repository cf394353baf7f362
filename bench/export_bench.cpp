// The export stage: a STIX 2.1 bundle for 1,000 articles with realistic
// findings (the Analyzer's findings on tests/fixtures/export/, made distinct
// per article), reported as STIX objects per second.
//
//   build/release/bench/osprey_bench --benchmark_filter=Export
#include <benchmark/benchmark.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "osprey/analyze/analyzer.h"
#include "osprey/export/stix.h"

namespace {

using namespace osprey;

// Makes an observable value distinct for article `i` while keeping its type valid.
void vary(Observable& o, int i) {
  char hex[8];
  std::snprintf(hex, sizeof hex, "%04x", i & 0xffff);
  const std::string n = std::to_string(i);
  if (o.type == "domain") o.value = "n" + n + "." + o.value;
  if (o.type == "url") o.value.insert(o.value.find("://") + 3, "n" + n + ".");
  if (o.type == "email") o.value.insert(o.value.find('@') + 1, "n" + n + ".");
  if (o.type == "ipv4" && o.flags.empty())
    o.value = "45." + std::to_string(i / 256 % 256) + "." + std::to_string(i % 256) + ".7";
  if (o.type == "md5" || o.type == "sha1" || o.type == "sha256") o.value.replace(0, 4, hex);
  if (o.type == "filename") o.value.insert(0, n + "_");
}

struct Corpus {
  std::unique_ptr<analyze::Analyzer> analyzer;
  exporting::ExportSet set;
};

const Corpus& corpus() {
  static const Corpus c = [] {
    Corpus out;
    analyze::AnalyzerOptions options;
    options.kb_dir = OSPREY_KB_DIR;
    out.analyzer = std::move(analyze::Analyzer::create(options)).value();
    std::ifstream in(std::string(OSPREY_FIXTURES) + "/export/apt29-embassy-phishing.txt");
    std::stringstream text;
    text << in.rdbuf();
    Article article;
    article.text = text.str();
    const Findings base = out.analyzer->analyze(article);
    out.set.generated_at = 1730801700;
    for (int i = 0; i < 1000; ++i) {
      exporting::ExportStory story;
      story.id = i / 2 + 1;  // two articles per story
      if (i % 2 == 1) story = std::move(out.set.stories.back()), out.set.stories.pop_back();
      story.title = "Story " + std::to_string(story.id);
      exporting::ExportArticle a;
      a.article = article;
      a.article.url = "https://news.example/a/" + std::to_string(i);
      a.article.title = "Article " + std::to_string(i);
      a.article.published_at = 1730700000 + i * 60;
      a.findings = base;
      for (Observable& o : a.findings.observables) vary(o, i);
      const Mention* actor = nullptr;
      for (const Mention& m : a.findings.entities)
        if (m.type == "intrusion-set" && !actor) actor = &m;
      for (const Mention& m : a.findings.entities)
        if (actor && &m != actor && (m.type == "malware" || m.type == "tool")) {
          Relation r;
          r.predicate = "uses";
          r.subject = {"entity", actor->type, actor->id, actor->name};
          r.object = {"entity", m.type, m.id, m.name};
          r.sentence = "evidence sentence";
          r.confidence = 0.8;
          a.findings.relations.push_back(std::move(r));
        }
      a.relevance_label = "security";
      a.relevance_score = 0.9;
      story.articles.push_back(std::move(a));
      out.set.stories.push_back(std::move(story));
    }
    return out;
  }();
  return c;
}

void BM_ExportStixBundle(benchmark::State& state) {
  const Corpus& c = corpus();
  exporting::ExportOptions options;
  options.kb = c.analyzer->knowledge_base();
  size_t objects = 0, bytes = 0;
  for (auto _ : state) {
    std::string bundle = exporting::to_stix_bundle(c.set, options);
    bytes = bundle.size();
    benchmark::DoNotOptimize(bundle);
    if (objects == 0) objects = nlohmann::json::parse(bundle)["objects"].size();
  }
  state.counters["objects"] = static_cast<double>(objects);
  state.counters["objects/s"] = benchmark::Counter(
      static_cast<double>(objects * state.iterations()), benchmark::Counter::kIsRate);
  state.SetBytesProcessed(static_cast<int64_t>(bytes * state.iterations()));
}
BENCHMARK(BM_ExportStixBundle)->Unit(benchmark::kMillisecond)->MinTime(2.0);

}  // namespace
