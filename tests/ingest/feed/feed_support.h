// Helpers for the feed tests: fixtures as Documents, parsed.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "osprey/ingest/feed/feed.h"
#include "osprey/text/utf8.h"

namespace osprey::testing {

inline std::string feed_fixture(const std::string& name) {
  std::ifstream in(std::filesystem::path(OSPREY_FIXTURES) / "feeds" / name, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline Document feed_document(std::string body,
                              std::string url = "https://feeds.example.com/feed.xml",
                              std::string charset = "") {
  Document doc;
  doc.url = url;
  doc.final_url = url;
  doc.charset = std::move(charset);
  doc.body = std::move(body);
  return doc;
}

// Parses a fixture; fails the test when it is not a feed.
inline ingest::Feed parse_fixture(const std::string& name, std::string charset = "",
                                  std::string url = "https://feeds.example.com/feed.xml") {
  auto feed = ingest::parse_feed(feed_document(feed_fixture(name), url, std::move(charset)));
  EXPECT_TRUE(feed.ok()) << name << ": " << (feed.ok() ? "" : feed.error().message);
  return feed.ok() ? std::move(feed).value() : ingest::Feed{};
}

// True when every string of the feed is valid UTF-8.
inline bool all_utf8(const ingest::Feed& f) {
  auto ok = [](const std::string& s) { return text::is_valid_utf8(s); };
  if (!ok(f.title) || !ok(f.link) || !ok(f.description)) return false;
  for (const auto& w : f.warnings)
    if (!ok(w)) return false;
  for (const auto& i : f.items) {
    for (const std::string* s : {&i.title, &i.link, &i.id, &i.published, &i.summary, &i.content})
      if (!ok(*s)) return false;
    for (const auto& a : i.authors)
      if (!ok(a)) return false;
    for (const auto& c : i.categories)
      if (!ok(c)) return false;
  }
  return true;
}

inline std::vector<std::string> strings_of(std::initializer_list<const char*> list) {
  return std::vector<std::string>(list.begin(), list.end());
}

inline bool has_warning(const ingest::Feed& f, const std::string& part) {
  for (const auto& w : f.warnings)
    if (w.find(part) != std::string::npos) return true;
  return false;
}

}  // namespace osprey::testing
