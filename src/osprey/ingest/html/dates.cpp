#include "osprey/ingest/html/dates.h"

#include <array>

#include "osprey/ingest/html/dom.h"
#include "osprey/text/ascii.h"

namespace osprey::ingest::html {
namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (civil calendar
// arithmetic in 400-year eras).
int64_t days_since_epoch(int64_t year, int month, int day) {
  year -= month <= 2 ? 1 : 0;
  int64_t era = (year >= 0 ? year : year - 399) / 400;
  int64_t year_of_era = year - era * 400;
  int64_t day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

bool leap(int64_t y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int days_in_month(int64_t year, int month) {
  constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && leap(year) ? 29 : kDays[month - 1];
}

// Reads exactly `width` digits at `pos`.
bool digits(std::string_view s, size_t& pos, int width, int& value) {
  if (pos + width > s.size()) return false;
  value = 0;
  for (int i = 0; i < width; ++i) {
    char c = s[pos + i];
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  pos += width;
  return true;
}

struct Fields {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  int offset_seconds = 0;  // east of UTC
};

std::optional<int64_t> to_unix(const Fields& f) {
  if (f.year < 1900 || f.year > 2200 || f.month < 1 || f.month > 12 || f.day < 1 ||
      f.day > days_in_month(f.year, f.month) || f.hour > 23 || f.minute > 59 || f.second > 60)
    return std::nullopt;
  int64_t days = days_since_epoch(f.year, f.month, f.day);
  return days * 86400 + f.hour * 3600 + f.minute * 60 + f.second - f.offset_seconds;
}

// "Z", "UTC", "GMT", "+02:00", "+0200", "-05" or nothing.
bool zone(std::string_view s, size_t& pos, int& offset) {
  while (pos < s.size() && s[pos] == ' ') ++pos;
  if (pos == s.size()) return true;
  std::string rest = text::ascii_lowercase(s.substr(pos));
  if (rest == "z" || rest == "utc" || rest == "gmt" || rest == "ut") {
    pos = s.size();
    return true;
  }
  if (rest.starts_with("gmt") || rest.starts_with("utc")) pos += 3;
  if (pos >= s.size() || (s[pos] != '+' && s[pos] != '-')) return false;
  int sign = s[pos++] == '-' ? -1 : 1;
  int hours = 0, minutes = 0;
  if (!digits(s, pos, 2, hours)) return false;
  if (pos < s.size() && s[pos] == ':') ++pos;
  if (pos < s.size() && !digits(s, pos, 2, minutes)) return false;
  if (hours > 23 || minutes > 59) return false;
  offset = sign * (hours * 3600 + minutes * 60);
  return pos == s.size();
}

// hh:mm[:ss[.fraction]]
bool clock(std::string_view s, size_t& pos, Fields& f) {
  if (!digits(s, pos, 2, f.hour) || pos >= s.size() || s[pos++] != ':' ||
      !digits(s, pos, 2, f.minute))
    return false;
  if (pos < s.size() && s[pos] == ':') {
    ++pos;
    if (!digits(s, pos, 2, f.second)) return false;
    if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
      ++pos;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
    }
  }
  return true;
}

std::optional<int64_t> parse_iso(std::string_view s) {
  Fields f;
  size_t pos = 0;
  if (!digits(s, pos, 4, f.year) || pos >= s.size() || (s[pos] != '-' && s[pos] != '/'))
    return std::nullopt;
  char sep = s[pos++];
  if (!digits(s, pos, 2, f.month) || pos >= s.size() || s[pos++] != sep ||
      !digits(s, pos, 2, f.day))
    return std::nullopt;
  if (pos < s.size() && (s[pos] == 'T' || s[pos] == 't' || s[pos] == ' ')) {
    ++pos;
    if (!clock(s, pos, f)) return std::nullopt;
    if (!zone(s, pos, f.offset_seconds)) return std::nullopt;
  } else if (pos != s.size()) {
    return std::nullopt;
  }
  return to_unix(f);
}

int month_number(std::string_view name) {
  constexpr std::array<std::string_view, 12> kMonths = {"jan", "feb", "mar", "apr", "may", "jun",
                                                        "jul", "aug", "sep", "oct", "nov", "dec"};
  if (name.size() < 3) return 0;
  std::string lower = text::ascii_lowercase(name.substr(0, 3));
  for (size_t i = 0; i < kMonths.size(); ++i)
    if (lower == kMonths[i]) return static_cast<int>(i) + 1;
  return 0;
}

// [Day, ]DD Mon YYYY HH:MM[:SS] zone
std::optional<int64_t> parse_rfc2822(std::string_view s) {
  size_t comma = s.find(',');
  if (comma != std::string_view::npos && comma <= 10) s = trim(s.substr(comma + 1));
  Fields f;
  size_t pos = 0;
  int day_width = (s.size() > 1 && s[1] >= '0' && s[1] <= '9') ? 2 : 1;
  if (!digits(s, pos, day_width, f.day) || pos >= s.size() || s[pos++] != ' ') return std::nullopt;
  size_t month_end = s.find(' ', pos);
  if (month_end == std::string_view::npos) return std::nullopt;
  f.month = month_number(s.substr(pos, month_end - pos));
  pos = month_end + 1;
  if (f.month == 0 || !digits(s, pos, 4, f.year)) return std::nullopt;
  if (pos < s.size()) {
    if (s[pos++] != ' ' || !clock(s, pos, f) || !zone(s, pos, f.offset_seconds))
      return std::nullopt;
  }
  return to_unix(f);
}

}  // namespace

std::optional<int64_t> parse_date(std::string_view written) {
  std::string_view s = trim(written);
  if (s.empty() || s.size() > 64) return std::nullopt;
  if (s[0] >= '0' && s[0] <= '9' && s.size() >= 10 && (s[4] == '-' || s[4] == '/'))
    return parse_iso(s);
  return parse_rfc2822(s);
}

}  // namespace osprey::ingest::html
