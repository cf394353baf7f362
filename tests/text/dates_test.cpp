// Feed dates as they are really written, table-driven.
#include "osprey/text/dates.h"

#include <gtest/gtest.h>

#include <ctime>

namespace osprey::testing {
namespace {

using text::parse_date;
using text::unix_seconds;

struct DateCase {
  const char* text;
  int64_t expected;  // Unix seconds, UTC
};

// 2024-11-05 09:15:00 UTC, written every way feeds write it.
const int64_t kT = unix_seconds(2024, 11, 5, 9, 15, 0);
const int64_t kDay = unix_seconds(2024, 11, 5, 0, 0, 0);

TEST(FeedDates, UnixSecondsMatchesTimegm) {
  for (int year : {1970, 1999, 2000, 2024, 2038, 2100}) {
    std::tm tm{};
    tm.tm_year = year - 1900;
    tm.tm_mon = 1;
    tm.tm_mday = 28;
    tm.tm_hour = 23;
    EXPECT_EQ(unix_seconds(year, 2, 28, 23, 0, 0), timegm(&tm));
  }
  EXPECT_EQ(unix_seconds(1970, 1, 1, 0, 0, 0), 0);
  EXPECT_EQ(unix_seconds(2024, 2, 29, 0, 0, 0) + 86400, unix_seconds(2024, 3, 1, 0, 0, 0));
}

TEST(FeedDates, Rfc822AndVariants) {
  const DateCase cases[] = {
      {"Tue, 05 Nov 2024 10:15:00 +0100", kT},
      {"Tue, 05 Nov 2024 09:15:00 GMT", kT},
      {"Tue, 05 Nov 2024 09:15:00 UT", kT},
      {"Tue, 05 Nov 2024 09:15:00 UTC", kT},
      {"Tue, 05 Nov 2024 09:15:00 Z", kT},
      {"Tue, 05 Nov 2024 04:15:00 EST", kT},
      {"Tue, 05 Nov 2024 05:15:00 EDT", kT},
      {"Tue, 05 Nov 2024 03:15:00 CST", kT},
      {"Tue, 05 Nov 2024 04:15:00 CDT", kT},
      {"Tue, 05 Nov 2024 02:15:00 MST", kT},
      {"Tue, 05 Nov 2024 01:15:00 PST", kT},
      {"Tue, 05 Nov 2024 02:15:00 PDT", kT},
      {"Tue, 05 Nov 2024 10:15:00 CET", kT},
      {"Tue, 05 Nov 2024 18:15:00 JST", kT},
      {"Tue, 05 Nov 2024 09:15:00 A", kT},  // military zones carry no information
      {"Tue, 05 Nov 2024 11:15:00 +02:00", kT},
      {"Tue, 05 Nov 2024 04:15:00 -0500", kT},
      {"Tue, 05 Nov 2024 14:45:00 +0530", kT},
      {"05 Nov 2024 10:15:00 +0100", kT},            // no weekday
      {"Tue, 05 Nov 2024 10:15 +0100", kT},          // no seconds
      {"Tue, 5 Nov 2024 10:15:00 +0100", kT},        // one-digit day
      {"Tue, 05 Nov 24 10:15:00 +0100", kT},         // two-digit year
      {"Fri, 05 Nov 2024 10:15:00 +0100", kT},       // wrong weekday
      {"Tuesday, 05-Nov-2024 10:15:00 +0100", kT},   // RFC 850 style
      {"Tue, 05 November 2024 10:15:00 +0100", kT},  // full month
      {"Tue,05 Nov 2024 10:15:00 +0100", kT},        // no space after the comma
      {"  Tue, 05 Nov 2024 09:15:00 GMT  ", kT},     // surrounding white space
      {"tue, 05 nov 2024 09:15:00 gmt", kT},         // lower case
      {"Tue Nov  5 09:15:00 2024", kT},              // asctime
      {"Tue Nov 05 2024 09:15:00 GMT+0000", kT},     // JavaScript Date.toString
      {"November 5, 2024 9:15 AM", kT},
      {"November 5th, 2024 9:15 am", kT},
      {"Nov 5, 2024, 4:15 PM +0700", kT},
      {"Tue, 05 Nov 2024", kDay},
      {"5 Nov 2024", kDay},
      {"Thu, 01 Jan 1970 00:00:00 GMT", 0},
      {"Sat, 01 Jan 00 00:00:00 GMT", unix_seconds(2000, 1, 1, 0, 0, 0)},
      {"Fri, 31 Dec 99 23:59:59 GMT", unix_seconds(1999, 12, 31, 23, 59, 59)},
      {"Thu, 29 Feb 2024 12:00:00 GMT", unix_seconds(2024, 2, 29, 12, 0, 0)},
      {"Sat, 31 Dec 2016 23:59:60 GMT", unix_seconds(2016, 12, 31, 23, 59, 59)},
  };
  for (const DateCase& c : cases) {
    auto got = parse_date(c.text);
    ASSERT_TRUE(got.has_value()) << c.text;
    EXPECT_EQ(*got, c.expected) << c.text;
  }
}

TEST(FeedDates, Rfc3339AndIso8601) {
  const DateCase cases[] = {
      {"2024-11-05T09:15:00Z", kT},
      {"2024-11-05T09:15:00z", kT},
      {"2024-11-05t09:15:00Z", kT},
      {"2024-11-05T10:15:00+01:00", kT},
      {"2024-11-05T10:15:00+0100", kT},
      {"2024-11-05T10:15:00+01", kT},
      {"2024-11-05T04:15:00-05:00", kT},
      {"2024-11-05T09:15:00.123Z", kT},
      {"2024-11-05T09:15:00.123456789Z", kT},
      {"2024-11-05T10:15:00,5+01:00", kT},
      {"2024-11-05T09:15Z", kT},
      {"2024-11-05T09:15:00", kT},  // no zone: UTC
      {"2024-11-05 09:15:00", kT},  // space instead of T
      {"2024-11-05 10:15:00 +0100", kT},
      {"2024-11-05 09:15:00 GMT", kT},
      {"2024-11-05 09:15:00 UTC", kT},
      {"20241105T091500Z", kT},  // basic format
      {"20241105T101500+0100", kT},
      {"20241105", kDay},
      {"2024-11-05", kDay},
      {"2024/11/05", kDay},
      {"2024-11", unix_seconds(2024, 11, 1, 0, 0, 0)},
      {"Tuesday, 2024-11-05T09:15:00Z", kT},
      {"2024-11-05T24:00:00Z", unix_seconds(2024, 11, 6, 0, 0, 0)},
      {"1969-12-31T23:59:59Z", -1},
  };
  for (const DateCase& c : cases) {
    auto got = parse_date(c.text);
    ASSERT_TRUE(got.has_value()) << c.text;
    EXPECT_EQ(*got, c.expected) << c.text;
  }
}

TEST(FeedDates, LocalizedMonthAndDayNames) {
  const DateCase cases[] = {
      // German
      {"Di, 05 Nov 2024 10:15:00 +0100", kT},
      {"Dienstag, 5. November 2024 10:15", unix_seconds(2024, 11, 5, 10, 15, 0)},
      {"5. März 2024", unix_seconds(2024, 3, 5, 0, 0, 0)},
      {"Mo, 04 Mär 2024 08:00:00 +0100", unix_seconds(2024, 3, 4, 7, 0, 0)},
      {"12. Dez. 2024 um 10:15 Uhr", unix_seconds(2024, 12, 12, 10, 15, 0)},
      {"1. Okt 2024", unix_seconds(2024, 10, 1, 0, 0, 0)},
      {"3. Mai 2024", unix_seconds(2024, 5, 3, 0, 0, 0)},
      // French
      {"5 novembre 2024", kDay},
      {"mar., 05 nov. 2024 10:15:00 +0100", kT},
      {"mardi 5 novembre 2024 à 10h15", unix_seconds(2024, 11, 5, 10, 15, 0)},
      {"14 février 2024", unix_seconds(2024, 2, 14, 0, 0, 0)},
      {"1 août 2024", unix_seconds(2024, 8, 1, 0, 0, 0)},
      {"24 déc. 2024", unix_seconds(2024, 12, 24, 0, 0, 0)},
      {"15 FÉVRIER 2024", unix_seconds(2024, 2, 15, 0, 0, 0)},
      // Spanish
      {"5 de noviembre de 2024", kDay},
      {"mar, 05 nov 2024 10:15:00 +0100", kT},  // "mar" is martes here
      {"Lun, 04 Ene 2024 10:00:00 GMT", unix_seconds(2024, 1, 4, 10, 0, 0)},
      {"20 de diciembre de 2024 10:15", unix_seconds(2024, 12, 20, 10, 15, 0)},
      // Italian
      {"5 novembre 2024", kDay},
      {"mar, 05 gen 2024 10:15:00 +0100", unix_seconds(2024, 1, 5, 9, 15, 0)},
      {"12 settembre 2024", unix_seconds(2024, 9, 12, 0, 0, 0)},
      {"3 ottobre 2024", unix_seconds(2024, 10, 3, 0, 0, 0)},
      // Portuguese
      {"5 de março de 2024", unix_seconds(2024, 3, 5, 0, 0, 0)},
      {"ter, 05 out 2024 10:15:00 +0100", unix_seconds(2024, 10, 5, 9, 15, 0)},
      {"25 de dezembro de 2024", unix_seconds(2024, 12, 25, 0, 0, 0)},
      // Dutch
      {"di, 05 mei 2024 10:15:00 +0200", unix_seconds(2024, 5, 5, 8, 15, 0)},
      {"5 maart 2024", unix_seconds(2024, 3, 5, 0, 0, 0)},
      {"17 okt 2024", unix_seconds(2024, 10, 17, 0, 0, 0)},
  };
  for (const DateCase& c : cases) {
    auto got = parse_date(c.text);
    ASSERT_TRUE(got.has_value()) << c.text;
    EXPECT_EQ(*got, c.expected) << c.text;
  }
}

TEST(FeedDates, RejectsWhatIsNotADate) {
  for (const char* text :
       {"", "   ", "yesterday", "not a date", "Tue, 32 Nov 2024 10:15:00 GMT",
        "Fri, 30 Feb 2024 10:15:00 GMT", "2024-13-05", "2024-11-05T25:00:00Z",
        "2024-11-05T10:61:00Z", "Nov 2024", "12345", "2024-11-05Tgarbage",
        // Longer than any real date (200 bytes): not read at all.
        "Tue, 05 Nov 2024 10:15:00 +0100 and then a very long tail that goes on and on and on and "
        "on "
        "and on and on and on and on and on and on and on and on and on and on and on and on and "
        "on and on and on and on and on and on and on and on and on and on"}) {
    EXPECT_FALSE(parse_date(text).has_value()) << text;
  }
}

}  // namespace
}  // namespace osprey::testing
