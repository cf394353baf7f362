#include "osprey/observables/extractor.h"

#include <gtest/gtest.h>

#include <random>

#include "osprey/text/utf8.h"
#include "support.h"

namespace osprey {
namespace {

using namespace osprey::testing;

TEST(Extractor, SpansPointIntoTheOriginalBytes) {
  std::string text = "C2 at hxxps://evil-cdn[.]net/a and 198.51.100[.]7 again 198.51.100[.]7.";
  Findings f = extract(text);
  const Observable* url = only(f, "url");
  ASSERT_NE(url, nullptr);
  EXPECT_EQ(url->value, "https://evil-cdn.net/a");
  EXPECT_TRUE(url->defanged);
  EXPECT_EQ(text.substr(url->spans[0].start, url->spans[0].end - url->spans[0].start),
            "hxxps://evil-cdn[.]net/a");
  const Observable* ip = only(f, "ipv4");
  ASSERT_NE(ip, nullptr);
  EXPECT_EQ(ip->count, 2u);
  ASSERT_EQ(ip->spans.size(), 2u);
  for (const Span& s : ip->spans)
    EXPECT_EQ(text.substr(s.start, s.end - s.start), "198.51.100[.]7");
}

TEST(Extractor, ContextIsTheSentence) {
  Findings f =
      extract("Intro sentence here. The loader beaconed to 203.0.113.9 every hour. Outro.");
  const Observable* ip = only(f, "ipv4");
  ASSERT_NE(ip, nullptr);
  EXPECT_EQ(ip->context, "The loader beaconed to 203.0.113.9 every hour.");
}

TEST(Extractor, PlainIndicatorsAreNotDefanged) {
  Findings f = extract("Plain evil-site.com here, defanged other-site[.]com there.");
  auto d = values(f, "domain");
  ASSERT_EQ(d.size(), 2u);
  EXPECT_FALSE(f.observables[0].defanged);
  EXPECT_TRUE(f.observables[1].defanged);
}

TEST(Extractor, TypesOptionFilters) {
  observables::ExtractOptions options;
  options.types = {"cve"};
  Findings f = extract("CVE-2024-3400 on 203.0.113.9 via evil.com", options);
  EXPECT_EQ(all_pairs(f), (std::vector<std::string>{"cve:CVE-2024-3400"}));
}

TEST(Extractor, MaxSpansCapsListButCountsAll) {
  std::string text;
  for (int i = 0; i < 50; ++i) text += "seen 203.0.113.9 again\n";
  observables::ExtractOptions options;
  options.max_spans = 3;
  Findings f = extract(text, options);
  ASSERT_EQ(f.observables.size(), 1u);
  EXPECT_EQ(f.observables[0].spans.size(), 3u);
  EXPECT_EQ(f.observables[0].count, 50u);
}

TEST(Extractor, ExplainNamesTheRule) {
  observables::ExtractOptions options;
  options.explain = true;
  Findings f = extract("domain report[.]zip", options);
  const Observable* d = only(f, "domain");
  ASSERT_NE(d, nullptr);
  EXPECT_NE(d->rule.find("file extension"), std::string::npos) << d->rule;
  EXPECT_TRUE(extract("domain report[.]zip").observables[0].rule.empty());
}

TEST(Extractor, InvalidUtf8AndBinaryNeverCrashOrJoinTokens) {
  std::string text =
      "evil\xFF"
      "bad.com and \xC0\xAF 203.0.113.5 \xED\xA0\x80";
  Findings f = extract(text);
  EXPECT_EQ(values(f, "domain"), (std::vector<std::string>{"bad.com"}));
  EXPECT_EQ(values(f, "ipv4"), (std::vector<std::string>{"203.0.113.5"}));
  for (const Observable& o : f.observables)
    EXPECT_TRUE(text::is_valid_utf8(o.context)) << o.context;
  std::mt19937 rng(7);
  std::string noise(1 << 20, '\0');
  for (char& c : noise) c = static_cast<char>(rng());
  Findings binary = extract(noise);
  EXPECT_EQ(binary.bytes, noise.size());
}

// Streaming in small chunks, fed in odd-sized pieces, finds exactly what one
// pass over the whole text finds: no indicator is lost or split at a boundary.
TEST(Extractor, StreamingMatchesWholeTextAtEveryBoundary) {
  std::string text;
  std::mt19937 rng(42);
  const char* lines[] = {"The C2 was hxxps://cdn-%d.evil[.]net/gate.php today.",
                         "Hash %d: 44d88612fea8a8f36de82e1278abb02f and 203.0.113.%d.",
                         "Filler prose without indicators, number %d, that goes on for a while.",
                         "Mail from ops%d@phish-mail.com (CVE-2024-3400)."};
  char buf[256];
  for (int i = 0; i < 3000; ++i) {
    std::snprintf(buf, sizeof buf, lines[rng() % 4], static_cast<int>(rng() % 200));
    text += buf;
    text += (i % 7 == 0) ? "\n" : " ";
  }
  Findings whole = extract(text);
  observables::ExtractOptions options;
  options.chunk_bytes = 4096;
  options.max_spans = 100000;
  auto stream = extractor().stream(options);
  size_t pos = 0;
  while (pos < text.size()) {
    size_t n = std::min<size_t>(1 + rng() % 3000, text.size() - pos);
    stream.feed(std::string_view(text).substr(pos, n));
    pos += n;
  }
  Findings streamed = stream.finish();
  ASSERT_EQ(streamed.observables.size(), whole.observables.size());
  for (size_t i = 0; i < whole.observables.size(); ++i) {
    EXPECT_EQ(streamed.observables[i].value, whole.observables[i].value);
    EXPECT_EQ(streamed.observables[i].count, whole.observables[i].count);
    EXPECT_EQ(streamed.observables[i].spans.front(), whole.observables[i].spans.front());
  }
  EXPECT_EQ(streamed.bytes, text.size());
}

TEST(Extractor, ALineLongerThanAChunkIsCutAtWhiteSpace) {
  std::string text;
  for (int i = 0; i < 2000; ++i) text += "word 203.0.113." + std::to_string(i % 250) + " ";
  observables::ExtractOptions options;
  options.chunk_bytes = 4096;
  auto stream = extractor().stream(options);
  stream.feed(text);
  Findings f = stream.finish();
  EXPECT_EQ(f.observables.size(), 250u);
}

TEST(Extractor, EmptyInputFindsNothing) {
  Findings f = extract("");
  EXPECT_TRUE(f.observables.empty());
  EXPECT_EQ(f.bytes, 0u);
}

}  // namespace
}  // namespace osprey
