// `osprey article` as users and scripts call it: formats, several inputs,
// exit codes and messages.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/cli_support.h"

namespace {

namespace fs = std::filesystem;

using osprey::testing::osprey;
using osprey::testing::Outcome;
using osprey::testing::scratch;
using osprey::testing::slurp;

std::string page(const std::string& name) {
  return (fs::path(OSPREY_FIXTURES) / "pages" / name).string();
}

TEST(CliArticle, JsonObjectForOnePage) {
  Outcome r = osprey("article --format json " + page("news_site.html"));
  ASSERT_EQ(r.status, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_TRUE(j.is_object());
  for (const char* key : {"source", "title", "text", "published", "published_at", "authors",
                          "language", "canonical_url", "site_name", "warnings"})
    EXPECT_TRUE(j.contains(key)) << key;
  EXPECT_EQ(j["title"], "Water utility hit by ransomware, services restored");
  EXPECT_EQ(j["published_at"], 1709627400);
  EXPECT_EQ(j["authors"].size(), 2u);
  EXPECT_NE(j["text"].get<std::string>().find("A regional water utility"), std::string::npos);
  EXPECT_EQ(j["text"].get<std::string>().find("We use cookies"), std::string::npos);
}

TEST(CliArticle, SeveralPagesGiveAnArray) {
  Outcome r =
      osprey("article -f json " + page("news_site.html") + " " + page("vendor_research.html"));
  ASSERT_EQ(r.status, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_TRUE(j.is_array());
  ASSERT_EQ(j.size(), 2u);
  EXPECT_EQ(j[1]["authors"][0], "Priya Raman");
}

TEST(CliArticle, TextFormatShowsMetadataThenText) {
  Outcome r = osprey("article " + page("dom_only.html"));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("Title: Patchday: Kritische Lücken in Routern geschlossen"),
            std::string::npos);
  EXPECT_NE(r.out.find("Authors: Karin Maier"), std::string::npos);
  EXPECT_NE(r.out.find("Der Hersteller hat am Dienstag"), std::string::npos);
}

TEST(CliArticle, ReadsStandardInput) {
  Outcome r = osprey("article --format json -",
                     "<html><body><p>From standard input, one paragraph.</p></body></html>");
  ASSERT_EQ(r.status, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["source"], "-");
  EXPECT_EQ(j["text"], "From standard input, one paragraph.");
}

TEST(CliArticle, MissingFileIsNamedAndOthersStillRead) {
  Outcome r = osprey("article --format json /no/such/page.html " + page("content_farm.html"));
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("/no/such/page.html"), std::string::npos);
  auto j = nlohmann::json::parse(r.out);
  ASSERT_TRUE(j.is_array());
  ASSERT_EQ(j.size(), 1u);
  EXPECT_EQ(j[0]["title"], "Bank warns customers about SMS scam");
}

TEST(CliArticle, OneFailedInputPrintsNoJson) {
  Outcome r = osprey("article --format json /no/such/page.html");
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(r.out.empty());
  EXPECT_NE(r.err.find("cannot read /no/such/page.html"), std::string::npos);
}

TEST(CliArticle, BinaryInputFailsWithExitOne) {
  std::string binary(5000, '\0');
  auto path = scratch() / "binary.bin";
  std::ofstream(path, std::ios::binary) << binary;
  Outcome r = osprey("article " + path.string());
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("binary.bin"), std::string::npos);
  EXPECT_NE(r.err.find("not an HTML page"), std::string::npos);
}

TEST(CliArticle, BadFormatIsUsageError) {
  Outcome r = osprey("article --format yaml " + page("news_site.html"));
  EXPECT_EQ(r.status, 2);
  EXPECT_FALSE(r.err.empty());
}

}  // namespace
