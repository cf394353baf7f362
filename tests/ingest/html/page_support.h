// Helpers for the HTML article tests: fixture pages and inline pages.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "osprey/ingest/html/article_reader.h"

namespace osprey::testing {

inline Document fixture_page(const std::string& name, const std::string& charset = "") {
  auto path = std::filesystem::path(OSPREY_FIXTURES) / "pages" / name;
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  Document doc;
  doc.url = path.string();
  doc.final_url = doc.url;
  doc.content_type = "text/html";
  doc.charset = charset;
  doc.body = ss.str();
  return doc;
}

inline Document inline_page(std::string html, const std::string& charset = "") {
  Document doc;
  doc.url = "inline.html";
  doc.charset = charset;
  doc.body = std::move(html);
  return doc;
}

// The article, failing the test when there is an Error.
inline Article read_ok(const Document& doc) {
  auto result = ingest::read_article(doc);
  EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().message);
  return result.ok() ? std::move(result).value() : Article{};
}

inline bool contains(const std::string& text, const std::string& snippet) {
  return text.find(snippet) != std::string::npos;
}

}  // namespace osprey::testing
