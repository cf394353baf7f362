#include "osprey/text/dates.h"

#include <gtest/gtest.h>

namespace osprey::text {
namespace {

TEST(PageDates, Rfc3339AndIso8601) {
  EXPECT_EQ(parse_date("2024-03-05T08:30:00Z"), 1709627400);
  EXPECT_EQ(parse_date("2024-03-05T09:30:00+01:00"), 1709627400);
  EXPECT_EQ(parse_date("2024-03-05T03:30:00-0500"), 1709627400);
  EXPECT_EQ(parse_date("2024-03-05T08:30:00.123456Z"), 1709627400);
  EXPECT_EQ(parse_date("2024-03-05 08:30"), 1709627400);
  EXPECT_EQ(parse_date("2024-03-05"), 1709596800);
  EXPECT_EQ(parse_date("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(parse_date("1850-01-01"), std::nullopt);  // not a web page's publication date
}

TEST(PageDates, Rfc2822) {
  EXPECT_EQ(parse_date("Tue, 05 Mar 2024 08:30:00 GMT"), 1709627400);
  EXPECT_EQ(parse_date("5 Mar 2024 09:30:00 +0100"), 1709627400);
  EXPECT_EQ(parse_date("05 March 2024"), 1709596800);
}

TEST(PageDates, LeapDaysAndImpossibleDates) {
  EXPECT_EQ(parse_date("2024-02-29"), 1709164800);
  EXPECT_EQ(parse_date("2023-02-29"), std::nullopt);
  EXPECT_EQ(parse_date("2024-13-01"), std::nullopt);
  EXPECT_EQ(parse_date("2024-04-31"), std::nullopt);
  EXPECT_EQ(parse_date("2024-03-05T25:00:00Z"), std::nullopt);
}

TEST(PageDates, NotADate) {
  EXPECT_EQ(parse_date(""), std::nullopt);
  EXPECT_EQ(parse_date("yesterday"), std::nullopt);
  EXPECT_EQ(parse_date("2024-03-05T08:30:00 in the morning"), std::nullopt);
  EXPECT_EQ(parse_date(std::string(1000, '9')), std::nullopt);
}

}  // namespace
}  // namespace osprey::text
