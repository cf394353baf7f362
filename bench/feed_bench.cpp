// Throughput of parse_feed() on large, realistic feeds generated here: an
// RSS 2.0 feed with content:encoded, dc:creator, categories and escaped
// HTML, and an Atom 1.0 feed with HTML summaries and content. Reported as
// bytes per second of feed body.
//
//   build/rel/bench/osprey_bench --benchmark_filter=Feed
#include <benchmark/benchmark.h>

#include <string>

#include "osprey/ingest/feed/feed.h"

namespace {

// About 4 KB of article HTML, the size of a typical full-content feed item.
std::string article_html(size_t i) {
  std::string html;
  for (int p = 0; p < 8; ++p) {
    html += "<p>Researchers at firm " + std::to_string(i % 17) +
            " observed the actor deploying a new loader against <a href=\"https://victim" +
            std::to_string(p) +
            ".example.com/\">manufacturing targets</a>, using CVE-2024-3400 for initial access "
            "and living-off-the-land binaries for persistence &amp; lateral movement. "
            "Indicators include 198.51.100." +
            std::to_string(i % 250) + " and evil-cdn[.]net.</p>\n";
  }
  return html;
}

std::string escape(const std::string& html) {
  std::string out;
  for (char c : html) {
    if (c == '<')
      out += "&lt;";
    else if (c == '>')
      out += "&gt;";
    else if (c == '&')
      out += "&amp;";
    else
      out += c;
  }
  return out;
}

std::string rss_feed(size_t target) {
  std::string body =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" "
      "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" "
      "xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<channel><title>Bench News</title>"
      "<link>https://bench.example.com/</link><description>Security news</description>\n";
  for (size_t i = 0; body.size() < target; ++i) {
    std::string n = std::to_string(i);
    body += "<item><title>Campaign " + n +
            " hits &quot;critical&quot; infrastructure</title>"
            "<link>https://bench.example.com/2024/11/story-" +
            n +
            "</link>"
            "<guid isPermaLink=\"false\">bench-" +
            n +
            "</guid>"
            "<pubDate>Tue, 05 Nov 2024 10:15:00 +0100</pubDate>"
            "<dc:creator>Reporter " +
            std::to_string(i % 9) +
            "</dc:creator>"
            "<category>Malware</category><category>Vulnerabilities</category>"
            "<description>" +
            escape("<p>Teaser for story " + n + ".</p>") +
            "</description>"
            "<content:encoded><![CDATA[" +
            article_html(i) + "]]></content:encoded></item>\n";
  }
  return body + "</channel></rss>\n";
}

std::string atom_feed(size_t target) {
  std::string body =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" "
      "xml:base=\"https://research.example.org/\"><title>Bench Research</title>"
      "<link href=\"/\"/><updated>2024-11-05T10:15:00Z</updated><id>tag:bench,2024:feed</id>\n";
  for (size_t i = 0; body.size() < target; ++i) {
    std::string n = std::to_string(i);
    body += "<entry><title type=\"html\">Report " + n +
            ": &lt;b&gt;new&lt;/b&gt; loader</title>"
            "<link rel=\"alternate\" href=\"/posts/" +
            n +
            ".html\"/>"
            "<id>tag:bench,2024:" +
            n +
            "</id>"
            "<published>2024-11-05T10:15:00.123+01:00</published>"
            "<updated>2024-11-06T08:00:00Z</updated>"
            "<author><name>Analyst " +
            std::to_string(i % 5) +
            "</name></author>"
            "<category term=\"apt\" label=\"APT\"/>"
            "<summary type=\"html\">" +
            escape("<p>Summary " + n + "</p>") +
            "</summary>"
            "<content type=\"html\">" +
            escape(article_html(i)) + "</content></entry>\n";
  }
  return body + "</feed>\n";
}

void run(benchmark::State& state, const std::string& body) {
  osprey::Document doc;
  doc.url = doc.final_url = "https://bench.example.com/feed";
  doc.body = body;
  size_t items = 0;
  for (auto _ : state) {
    auto feed = osprey::ingest::parse_feed(doc);
    if (!feed.ok()) {
      state.SkipWithError(feed.error().message.c_str());
      return;
    }
    items = feed.value().items.size();
    benchmark::DoNotOptimize(items);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * body.size()));
  state.counters["items"] = static_cast<double>(items);
}

void BM_FeedRss2(benchmark::State& state) {
  static const std::string body = rss_feed(20u << 20);
  run(state, body);
}

void BM_FeedAtom1(benchmark::State& state) {
  static const std::string body = atom_feed(20u << 20);
  run(state, body);
}

BENCHMARK(BM_FeedRss2)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FeedAtom1)->Unit(benchmark::kMillisecond);

}  // namespace
