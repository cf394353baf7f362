// Google Benchmark for HTML main-text extraction (ingest::read_article).
//
//   build/release/bench/osprey_bench --benchmark_filter=Article
//
// Pages: the WCXB dev article pages under $OSPREY_EXTRACT_DEV (default
// /work/shared/data/extract-dev; read with gzip -dc), else the hand-written
// pages in tests/fixtures/pages. Reports pages/s (items_per_second) and MB/s
// (bytes_per_second) on one core.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "osprey/ingest/html/article_reader.h"

namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string gunzip(const fs::path& p) {
  std::string cmd = "gzip -dc '" + p.string() + "'";
  std::string out;
  FILE* pipe = ::popen(cmd.c_str(), "r");
  if (!pipe) return out;
  char buf[65536];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
  ::pclose(pipe);
  return out;
}

bool is_article_page(const fs::path& truth) {
  auto j = nlohmann::json::parse(read_file(truth), nullptr, false);
  if (j.is_discarded()) return false;
  auto pt = j.value("_internal", nlohmann::json::object()).value("page_type", nlohmann::json());
  return !pt.is_object() || pt.value("primary", "article") == "article";
}

const std::vector<osprey::Document>& pages() {
  static const std::vector<osprey::Document> docs = [] {
    std::vector<osprey::Document> out;
    const char* env = std::getenv("OSPREY_EXTRACT_DEV");
    fs::path wcxb = fs::path(env ? env : "/work/shared/data/extract-dev") / "wcxb-dev";
    if (fs::is_directory(wcxb / "html")) {
      std::vector<fs::path> files;
      for (const auto& e : fs::directory_iterator(wcxb / "html")) files.push_back(e.path());
      std::sort(files.begin(), files.end());
      for (const fs::path& f : files) {
        std::string id = f.filename().string().substr(0, 4);
        if (!is_article_page(wcxb / "ground-truth" / (id + ".json"))) continue;
        out.push_back({f.string(), f.string(), "text/html", "", 0, gunzip(f)});
      }
      std::cerr << "article_bench: " << out.size() << " WCXB dev article pages\n";
    } else {
      std::cerr << "article_bench: no WCXB data at " << wcxb
                << " (set OSPREY_EXTRACT_DEV); using tests/fixtures/pages\n";
      for (const auto& e : fs::directory_iterator(fs::path(OSPREY_FIXTURES) / "pages"))
        if (e.path().extension() == ".html")
          out.push_back(
              {e.path().string(), e.path().string(), "text/html", "", 0, read_file(e.path())});
    }
    return out;
  }();
  return docs;
}

void BM_ReadArticle(benchmark::State& state) {
  const auto& docs = pages();
  if (docs.empty()) {
    state.SkipWithError("no pages");
    return;
  }
  size_t i = 0, bytes = 0, pages_read = 0;
  for (auto _ : state) {
    const osprey::Document& doc = docs[i];
    auto article = osprey::ingest::read_article(doc);
    benchmark::DoNotOptimize(article);
    bytes += doc.body.size();
    ++pages_read;
    i = (i + 1) % docs.size();
  }
  state.SetItemsProcessed(static_cast<int64_t>(pages_read));
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_ReadArticle)->Unit(benchmark::kMillisecond)->MinTime(5.0);

}  // namespace

