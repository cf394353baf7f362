// The osprey executable as users and scripts call it: exit codes, formats,
// and behaviour on bad input.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "cli/cli_support.h"

namespace {

using osprey::testing::osprey;
using osprey::testing::Outcome;
using osprey::testing::scratch;
using osprey::testing::slurp;
using osprey::testing::write_file;

const char* kReport =
    "The actor used hxxps://evil-cdn[.]net/gate.php and 198.51.100.23 (CVE-2024-3400).\n";

TEST(CliExtract, VersionAndHelpSucceed) {
  Outcome v = osprey("--version");
  EXPECT_EQ(v.status, 0);
  EXPECT_NE(v.out.find("osprey "), std::string::npos);
  EXPECT_EQ(osprey("--help").status, 0);
  Outcome h = osprey("extract --help");
  EXPECT_EQ(h.status, 0);
  EXPECT_NE(h.out.find("--format"), std::string::npos);
}

TEST(CliExtract, BadUsageExitsTwo) {
  EXPECT_EQ(osprey("").status, 2);
  EXPECT_EQ(osprey("frobnicate").status, 2);
  EXPECT_EQ(osprey("extract --no-such-flag x").status, 2);
  Outcome bad_format = osprey("extract --format yaml x");
  EXPECT_EQ(bad_format.status, 2);
  EXPECT_FALSE(bad_format.err.empty());
  EXPECT_EQ(osprey("extract --types ipv4,nonsense x").status, 2);
}

TEST(CliExtract, AnyNumberOfThreadsPrintsTheSameFindings) {
  // Several MiB of lines, so that the file has chunks for every thread.
  std::string text;
  for (int i = 0; text.size() < (5u << 20); ++i)
    text += "Beacon " + std::to_string(i % 5000) + " went to 198.51." + std::to_string(i % 200) +
            "." + std::to_string(i % 250) + " and hxxps://cdn-" + std::to_string(i % 900) +
            ".evil[.]net/g.php today.\n";
  std::string file = write_file("threads.txt", text);
  Outcome one = osprey("extract --no-entities --format ndjson --threads 1 " + file);
  ASSERT_EQ(one.status, 0) << one.err;
  EXPECT_GT(std::count(one.out.begin(), one.out.end(), '\n'), 2000);
  for (const char* threads : {"2", "3", "0"}) {
    Outcome many = osprey(std::string("extract --no-entities --format ndjson --threads ") +
                          threads + " " + file);
    ASSERT_EQ(many.status, 0) << many.err;
    EXPECT_EQ(many.out, one.out) << "--threads " << threads;
  }
  EXPECT_EQ(osprey("extract --threads -1 " + file).status, 2);
  EXPECT_EQ(osprey("extract --threads many " + file).status, 2);
}

TEST(CliExtract, OneInputGivesOneFindingsObject) {
  std::string file = write_file("one.txt", kReport);
  Outcome r = osprey("extract --format json " + file);
  ASSERT_EQ(r.status, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_TRUE(j.is_object());
  EXPECT_EQ(j["source"], file);
  std::set<std::string> types;
  for (const auto& o : j["observables"]) {
    types.insert(o["type"]);
    EXPECT_TRUE(o.contains("value") && o.contains("defanged") && o.contains("spans") &&
                o.contains("context") && o.contains("flags"));
  }
  EXPECT_EQ(types, (std::set<std::string>{"url", "domain", "ipv4", "cve"}));
}

TEST(CliExtract, SeveralInputsGiveAnArrayAndAMissingOneExitsOne) {
  std::string a = write_file("a.txt", kReport), b = write_file("b.txt", "Nothing here.");
  std::string missing = (scratch() / "missing.txt").string();
  Outcome r = osprey("extract " + a + " " + missing + " " + b);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find(missing), std::string::npos);
  auto j = nlohmann::json::parse(r.out);
  ASSERT_TRUE(j.is_array());
  ASSERT_EQ(j.size(), 2u);
  EXPECT_EQ(j[0]["source"], a);
  EXPECT_EQ(j[1]["source"], b);
  EXPECT_TRUE(j[1]["observables"].empty());
}

TEST(CliExtract, ADirectoryIsReportedAndSkipped) {
  Outcome r = osprey("extract " + scratch().string());
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find(scratch().string()), std::string::npos);
}

TEST(CliExtract, ReadsStandardInput) {
  Outcome r = osprey("extract -f ndjson -", kReport);
  ASSERT_EQ(r.status, 0);
  Outcome implicit = osprey("extract -f ndjson", kReport);
  EXPECT_EQ(implicit.out, r.out);
  std::istringstream lines(r.out);
  std::string line;
  size_t n = 0;
  while (std::getline(lines, line)) {
    auto j = nlohmann::json::parse(line);
    EXPECT_EQ(j["source"], "-");
    EXPECT_TRUE(j.contains("type") && j.contains("value"));
    ++n;
  }
  EXPECT_EQ(n, 4u);
}

TEST(CliExtract, CsvIsQuotedRfc4180) {
  Outcome r = osprey("extract -f csv -", "Seen at 203.0.113.9, \"quoted\", then gone.\n");
  ASSERT_EQ(r.status, 0);
  std::istringstream lines(r.out);
  std::string header, row;
  std::getline(lines, header);
  std::getline(lines, row);
  EXPECT_EQ(header, "source,type,value,defanged,count,start,end,flags,benign,context");
  EXPECT_EQ(row.rfind("-,ipv4,203.0.113.9,false,1,8,19,documentation,", 0), 0u) << row;
  EXPECT_NE(row.find("\"Seen at 203.0.113.9, \"\"quoted\"\", then gone.\""), std::string::npos)
      << row;
}

TEST(CliExtract, TextFormatIsReadable) {
  Outcome r = osprey("extract -f text --explain -", kReport);
  ASSERT_EQ(r.status, 0);
  EXPECT_NE(r.out.find("-: 4 observables"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("[defanged]"), std::string::npos);
  EXPECT_NE(r.out.find("rule: "), std::string::npos);
}

TEST(CliExtract, HtmlMarkupAndScriptsAreIgnored) {
  std::string file = write_file(
      "page.html",
      "<!DOCTYPE html><html><head><script>fetch('http://tracker-ads.com/x')</script></head>"
      "<body><p>C2: <b>evil-c2.net</b></p><a href=\"https://linked.org/\">x</a></body></html>");
  Outcome r = osprey("extract -f ndjson " + file);
  ASSERT_EQ(r.status, 0);
  EXPECT_NE(r.out.find("evil-c2.net"), std::string::npos);
  EXPECT_EQ(r.out.find("tracker-ads.com"), std::string::npos);
  EXPECT_EQ(r.out.find("linked.org"), std::string::npos);  // attributes are markup
}

TEST(CliExtract, BinaryAndInvalidUtf8InputGiveValidJson) {
  std::string bytes;
  for (int i = 0; i < 70000; ++i) bytes += static_cast<char>((i * 131) % 256);
  bytes += " 203.0.113.77 \xFF\xFE\n";
  std::string file = write_file("binary.bin", bytes);
  Outcome r = osprey("extract " + file);
  ASSERT_EQ(r.status, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  bool found = false;
  for (const auto& o : j["observables"]) found = found || o["value"] == "203.0.113.77";
  EXPECT_TRUE(found);
}

}  // namespace

namespace {

TEST(CliExtract, EntitiesAreRecognisedUnlessTurnedOff) {
  std::string file =
      write_file("actor.txt", "The Lazarus Group, a North Korean group, used spear-phishing.\n");
  Outcome with = osprey("extract " + file);
  ASSERT_EQ(with.status, 0) << with.err;
  auto j = nlohmann::json::parse(with.out);
  bool lazarus = false;
  for (const auto& e : j["entities"]) lazarus = lazarus || e["name"] == "Lazarus Group";
  EXPECT_TRUE(lazarus) << with.out;
  Outcome without = osprey("extract --no-entities " + file);
  ASSERT_EQ(without.status, 0) << without.err;
  EXPECT_TRUE(nlohmann::json::parse(without.out)["entities"].empty());
}

}  // namespace
