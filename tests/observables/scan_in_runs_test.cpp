// Scanning on several threads (ExtractOptions::threads) must find exactly
// what one thread finds.
#include <gtest/gtest.h>

#include <random>
#include <thread>

#include "osprey/observables/extractor.h"
#include "support.h"

namespace osprey {
namespace {

using namespace osprey::testing;

void expect_same(const Findings& got, const Findings& want) {
  EXPECT_EQ(got.bytes, want.bytes);
  ASSERT_EQ(got.observables.size(), want.observables.size());
  for (size_t i = 0; i < want.observables.size(); ++i) {
    const Observable& g = got.observables[i];
    const Observable& w = want.observables[i];
    SCOPED_TRACE(w.type + " " + w.value);
    EXPECT_EQ(g.type, w.type);
    EXPECT_EQ(g.value, w.value);
    EXPECT_EQ(g.unicode, w.unicode);
    EXPECT_EQ(g.defanged, w.defanged);
    EXPECT_EQ(g.spans, w.spans);
    EXPECT_EQ(g.count, w.count);
    EXPECT_EQ(g.context, w.context);
    EXPECT_EQ(g.flags, w.flags);
    EXPECT_EQ(g.benign, w.benign);
    EXPECT_EQ(g.rule, w.rule);
  }
}

// Values recur across the whole text, some written defanged or with a port
// only far from their first occurrence, so that the runs of chunks must be
// joined: counts added, spans appended, flags and the defanged mark merged.
std::string recurring_text(unsigned seed) {
  std::mt19937 rng(seed);
  const char* lines[] = {
      "The C2 was hxxps://cdn-%d.evil[.]net/gate.php today.",
      "Beacons went to 198.51.100.%d over TLS.",
      "Later the operators moved to 198.51.100.%d:8443 and kept it.",
      "Hash %d: 44d88612fea8a8f36de82e1278abb02f was seen again.",
      "Filler prose without indicators, number %d, that goes on for a while.",
      "Mail from ops%d@phish-mail.com (CVE-2024-3400) reached staff.",
      "The site update-%d.example.org was registered, then update-%d[.]example[.]org rotated.",
      "A plain mention of cdn-%d.evil.net in a later paragraph."};
  std::string text;
  char buf[256];
  for (int i = 0; i < 6000; ++i) {
    int n = static_cast<int>(rng() % 40);
    std::snprintf(buf, sizeof buf, lines[rng() % 8], n, n);
    text += buf;
    text += (i % 5 == 0) ? "\n" : " ";
  }
  return text;
}

TEST(ScanInRuns, FindsWhatOneThreadFindsForAnyNumberOfThreads) {
  const std::string text = recurring_text(7);
  for (size_t max_spans : {size_t{3}, size_t{100000}}) {
    observables::ExtractOptions options;
    options.chunk_bytes = 4096;
    options.max_spans = max_spans;
    options.explain = true;
    options.site = "example.org";
    Findings one = extract(text, options);
    ASSERT_GT(one.observables.size(), 100u);
    for (size_t threads : {2, 3, 4, 7, 64}) {
      SCOPED_TRACE("threads " + std::to_string(threads) + ", max_spans " +
                   std::to_string(max_spans));
      options.threads = threads;
      expect_same(extract(text, options), one);
    }
    options.threads = 1;
  }
}

TEST(ScanInRuns, JoinsWhatTheRunsLearnedLater) {
  // The address is plain in the first half and defanged with a port in the
  // second: only the join of the runs can know both.
  std::string text = "Beacons went to 198.51.100.7 over TLS.\n";
  while (text.size() < 64 * 1024) text += "Filler prose without indicators goes on for a while.\n";
  text += "Later it was 198.51.100[.]7:8443 again.\n";
  while (text.size() < 128 * 1024) text += "More filler prose that names nothing at all.\n";
  observables::ExtractOptions options;
  options.chunk_bytes = 4096;
  Findings one = extract(text, options);
  options.threads = 2;
  Findings two = extract(text, options);
  expect_same(two, one);
  const Observable* ip = only(two, "ipv4");
  ASSERT_NE(ip, nullptr);
  EXPECT_TRUE(ip->defanged);
  EXPECT_EQ(ip->count, 2u);
  ASSERT_EQ(ip->spans.size(), 2u);
  EXPECT_GT(ip->spans[1].start, 64u * 1024);
  EXPECT_EQ(ip->context, "Beacons went to 198.51.100.7 over TLS.");
}

TEST(ScanInRuns, ZeroThreadsMeansOnePerCoreAndSmallTextsStayWhole) {
  const std::string text = recurring_text(11);
  observables::ExtractOptions options;
  options.chunk_bytes = 4096;
  Findings one = extract(text, options);
  options.threads = 0;
  expect_same(extract(text, options), one);
  // Fewer than two chunks a thread: scanned by one stream, same result.
  std::string small = text.substr(0, 6000);
  options.threads = 1;
  Findings small_one = extract(small, options);
  options.threads = 8;
  expect_same(extract(small, options), small_one);
  EXPECT_TRUE(extract("", options).observables.empty());
}

TEST(ScanInRuns, AStreamFedLargePiecesFindsWhatOneThreadFinds) {
  // Pieces of several chunks are scanned in runs; the short remainders
  // between pieces still go through the pending line as on one thread.
  const std::string text = recurring_text(5);
  for (size_t piece : {size_t{5000}, size_t{40000}, size_t{300000}}) {
    SCOPED_TRACE("pieces of " + std::to_string(piece));
    auto feed_all = [&](size_t threads) {
      observables::ExtractOptions options;
      options.chunk_bytes = 4096;
      options.max_spans = 5;
      options.threads = threads;
      auto stream = extractor().stream(options);
      for (size_t pos = 0; pos < text.size(); pos += piece)
        stream.feed(std::string_view(text).substr(pos, piece));
      return stream.finish();
    };
    Findings one = feed_all(1);
    ASSERT_GT(one.observables.size(), 100u);
    expect_same(feed_all(2), one);
    expect_same(feed_all(5), one);
  }
}

TEST(ScanInRuns, OneExtractorServesSeveralThreadsAtOnce) {
  const std::string text = recurring_text(3);
  observables::ExtractOptions options;
  options.chunk_bytes = 4096;
  const Findings want = extract(text, options);
  std::vector<Findings> got(4);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < got.size(); ++t)
    threads.emplace_back([&, t] {
      observables::ExtractOptions mine = options;
      mine.threads = t % 2 + 1;  // some calls split their text again
      for (int round = 0; round < 3; ++round) got[t] = extract(text, mine);
    });
  for (std::thread& t : threads) t.join();
  for (const Findings& f : got) expect_same(f, want);
}

TEST(ScanInRuns, AChunkOfOneTokenEndsAtTheEndOfItsBytes) {
  // Exactly one chunk of bytes with no white space and nothing after it:
  // the cut must not look past the buffer (the sanitizer build checks).
  std::vector<char> bytes(4096, 'a');
  std::string_view text(bytes.data(), bytes.size());
  observables::ExtractOptions options;
  options.chunk_bytes = 4096;
  auto stream = extractor().stream(options);
  stream.feed(text);
  Findings f = stream.finish();
  EXPECT_EQ(f.bytes, 4096u);
  EXPECT_TRUE(f.observables.empty());
}

}  // namespace
}  // namespace osprey
