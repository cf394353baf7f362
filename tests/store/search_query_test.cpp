#include "osprey/store/search_query.h"

#include <gtest/gtest.h>

namespace osprey::store {
namespace {

using Filters = std::vector<std::pair<std::string, std::string>>;

TEST(SearchQuery, WordsAndFields) {
  auto q = parse_search(R"(ransomware actor:"APT 29" cve:cve-2024-3400 "initial access")");
  ASSERT_TRUE(q.ok()) << q.error().message;
  EXPECT_EQ(q.value().text, R"(ransomware "initial access")");
  EXPECT_EQ(q.value().filters, (Filters{{"actor", "APT 29"}, {"cve", "cve-2024-3400"}}));
}

TEST(SearchQuery, IndicatorsMayBeDefanged) {
  auto q = parse_search("ioc:hxxps://evil[.]example/a ioc:203.0.113[.]5");
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q.value().filters,
            (Filters{{"ioc", "https://evil.example/a"}, {"ioc", "203.0.113.5"}}));
}

TEST(SearchQuery, WordsFtsCannotReadBareAreQuoted) {
  auto q = parse_search("CVE-2024-3400 evil.example lock* OR wiper https://x.example/a");
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q.value().text,
            R"("CVE-2024-3400" "evil.example" lock* OR wiper "https://x.example/a")");
}

TEST(SearchQuery, BadQueriesAreClearErrors) {
  auto unknown = parse_search("colour:red");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.error().message.find("unknown field 'colour:'"), std::string::npos);
  EXPECT_FALSE(parse_search("actor:").ok());
  EXPECT_FALSE(parse_search("\"unclosed phrase").ok());
  EXPECT_TRUE(parse_search("").ok());
}

}  // namespace
}  // namespace osprey::store
