#include "osprey/export/tabular.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "export/export_fixture.h"

namespace osprey::exporting {
namespace {

TEST(Csv, QuotesPerRfc4180) {
  EXPECT_EQ(csv_field("plain"), "plain");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(csv_field(""), "");
}

TEST(Csv, NeutralisesFormulaInjection) {
  EXPECT_EQ(csv_field("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
  EXPECT_EQ(csv_field("+1"), "'+1");
  EXPECT_EQ(csv_field("-2+3"), "'-2+3");
  EXPECT_EQ(csv_field("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(csv_field("\tx"), "'\tx");
  EXPECT_EQ(csv_field("\rx"), "\"'\rx\"");
}

TEST(Csv, OneRowPerIndicatorAndArticle) {
  ExportSet set = testing::fixture_set();
  set.stories[0].articles[0].article.title = "=cmd|' /C calc'!A0";
  const std::string csv = to_csv(set, testing::fixture_options());
  EXPECT_EQ(csv.rfind("type,value,defanged,first_seen,story_id,article_url,title,"
                      "relevance_label,confidence,benign,context\r\n",
                      0),
            0u);
  EXPECT_NE(csv.find("domain,update-cdn.net,update-cdn[.]net,"), std::string::npos);
  EXPECT_NE(csv.find("'=cmd|' /C calc'!A0"), std::string::npos);
  EXPECT_EQ(csv.find(",=cmd"), std::string::npos);
  EXPECT_EQ(csv.find("ipv4,192.168.10.20"), std::string::npos);  // benign left out
  EXPECT_EQ(csv.find("198.51.100.99"), std::string::npos);       // noise left out
  size_t domain_rows = 0;
  for (size_t at = csv.find("\r\ndomain,update-cdn.net,"); at != std::string::npos;
       at = csv.find("\r\ndomain,update-cdn.net,", at + 1))
    ++domain_rows;
  EXPECT_EQ(domain_rows, 2u);  // one per article
}

TEST(Ndjson, SameRowsAsJson) {
  const std::string ndjson = to_ndjson(testing::fixture_set(), testing::fixture_options());
  std::istringstream lines(ndjson);
  std::string line;
  size_t rows = 0;
  bool found = false;
  while (std::getline(lines, line)) {
    nlohmann::json row = nlohmann::json::parse(line);
    ++rows;
    EXPECT_EQ(row["story_id"], 42);
    EXPECT_TRUE(row["confidence"].is_number());
    if (row["type"] == "url") {
      found = true;
      EXPECT_EQ(row["defanged"], "hxxps://update-cdn[.]net/api/v2/check");
      EXPECT_EQ(row["confidence"], 75);  // named by two articles
    }
  }
  EXPECT_TRUE(found);
  EXPECT_GT(rows, 10u);
  ExportOptions options = testing::fixture_options();
  options.include_noise = options.include_benign = true;
  EXPECT_NE(to_ndjson(testing::fixture_set(), options).find("198.51.100.99"), std::string::npos);
}

}  // namespace
}  // namespace osprey::exporting
