#include "osprey/text/dates.h"

#include <algorithm>
#include <array>
#include <string>
#include <utility>
#include <vector>

namespace osprey::text {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || static_cast<unsigned char>(c) >= 0x80;
}

struct Name {
  std::string_view text;
  int value;
};

// Month names and abbreviations, lower case, in the languages feeds use
// most. Abbreviations may be followed by '.' in the text.
constexpr Name kMonths[] = {
    // English
    {"january", 1},
    {"february", 2},
    {"march", 3},
    {"april", 4},
    {"may", 5},
    {"june", 6},
    {"july", 7},
    {"august", 8},
    {"september", 9},
    {"october", 10},
    {"november", 11},
    {"december", 12},
    {"jan", 1},
    {"feb", 2},
    {"mar", 3},
    {"apr", 4},
    {"jun", 6},
    {"jul", 7},
    {"aug", 8},
    {"sep", 9},
    {"sept", 9},
    {"oct", 10},
    {"nov", 11},
    {"dec", 12},
    // German
    {"januar", 1},
    {"jänner", 1},
    {"jän", 1},
    {"februar", 2},
    {"märz", 3},
    {"mär", 3},
    {"maerz", 3},
    {"mrz", 3},
    {"mai", 5},
    {"juni", 6},
    {"juli", 7},
    {"oktober", 10},
    {"okt", 10},
    {"dezember", 12},
    {"dez", 12},
    // French
    {"janvier", 1},
    {"janv", 1},
    {"février", 2},
    {"fevrier", 2},
    {"févr", 2},
    {"fevr", 2},
    {"fév", 2},
    {"mars", 3},
    {"avril", 4},
    {"avr", 4},
    {"juin", 6},
    {"juillet", 7},
    {"juil", 7},
    {"août", 8},
    {"aout", 8},
    {"septembre", 9},
    {"octobre", 10},
    {"novembre", 11},
    {"décembre", 12},
    {"decembre", 12},
    {"déc", 12},
    // Spanish
    {"enero", 1},
    {"ene", 1},
    {"febrero", 2},
    {"marzo", 3},
    {"abril", 4},
    {"abr", 4},
    {"mayo", 5},
    {"junio", 6},
    {"julio", 7},
    {"agosto", 8},
    {"ago", 8},
    {"septiembre", 9},
    {"setiembre", 9},
    {"octubre", 10},
    {"noviembre", 11},
    {"diciembre", 12},
    {"dic", 12},
    // Italian
    {"gennaio", 1},
    {"gen", 1},
    {"febbraio", 2},
    {"aprile", 4},
    {"maggio", 5},
    {"mag", 5},
    {"giugno", 6},
    {"giu", 6},
    {"luglio", 7},
    {"lug", 7},
    {"settembre", 9},
    {"set", 9},
    {"ottobre", 10},
    {"ott", 10},
    {"dicembre", 12},
    // Portuguese
    {"janeiro", 1},
    {"fevereiro", 2},
    {"fev", 2},
    {"março", 3},
    {"marco", 3},
    {"maio", 5},
    {"junho", 6},
    {"julho", 7},
    {"setembro", 9},
    {"outubro", 10},
    {"out", 10},
    {"novembro", 11},
    {"dezembro", 12},
    // Dutch
    {"januari", 1},
    {"februari", 2},
    {"maart", 3},
    {"mrt", 3},
    {"mei", 5},
    {"augustus", 8},
};

// Zone abbreviations with their offset in minutes east of UTC. North
// American zones as RFC 822 defines them, plus the European and Asian ones
// feeds commonly print.
constexpr Name kZones[] = {
    {"gmt", 0},     {"ut", 0},      {"utc", 0},    {"z", 0},      {"est", -300}, {"edt", -240},
    {"cst", -360},  {"cdt", -300},  {"mst", -420}, {"mdt", -360}, {"pst", -480}, {"pdt", -420},
    {"akst", -540}, {"akdt", -480}, {"hst", -600}, {"ast", -240}, {"adt", -180}, {"nst", -210},
    {"ndt", -150},  {"wet", 0},     {"west", 60},  {"bst", 60},   {"cet", 60},   {"cest", 120},
    {"met", 60},    {"mest", 120},  {"mez", 60},   {"mesz", 120}, {"eet", 120},  {"eest", 180},
    {"msk", 180},   {"ist", 330},   {"sgt", 480},  {"hkt", 480},  {"awst", 480}, {"jst", 540},
    {"kst", 540},   {"acst", 570},  {"aest", 600}, {"aedt", 660}, {"nzst", 720}, {"nzdt", 780},
};

// Words that mark the afternoon or the morning in 12-hour times.
constexpr std::string_view kPm[] = {"pm", "p.m."};
constexpr std::string_view kAm[] = {"am", "a.m."};

std::string lowercase_with_accents(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  // The few upper-case accented letters month names use (É, Ä, Û → é, ä, û).
  for (size_t i = 0; i + 1 < out.size(); ++i)
    if (static_cast<unsigned char>(out[i]) == 0xC3) {
      unsigned char next = static_cast<unsigned char>(out[i + 1]);
      if (next >= 0x80 && next <= 0x9E && next != 0x97) out[i + 1] = static_cast<char>(next + 0x20);
    }
  return out;
}

std::optional<int> lookup(const Name* begin, const Name* end, std::string_view word) {
  for (const Name* n = begin; n != end; ++n)
    if (n->text == word) return n->value;
  return std::nullopt;
}

std::optional<int> month_of(std::string_view word) {
  return lookup(std::begin(kMonths), std::end(kMonths), word);
}

std::optional<int> zone_of(std::string_view word) {
  if (auto z = lookup(std::begin(kZones), std::end(kZones), word)) return z;
  // Military zones: RFC 822 got their signs wrong, so they say nothing.
  if (word.size() == 1 && word[0] >= 'a' && word[0] <= 'y' && word[0] != 'j') return 0;
  return std::nullopt;
}

bool is_leap(int64_t y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int days_in_month(int64_t year, int month) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap(year) ? 29 : kDays[static_cast<size_t>(month - 1)];
}

// The pieces of a date as they are found.
struct Parts {
  int64_t year = -1;
  int month = 0;
  int day = 0;
  int hour = 0, minute = 0, second = 0;
  bool has_time = false;
  int offset_minutes = 0;  // east of UTC
};

std::optional<int64_t> finish(const Parts& p) {
  if (p.year < 0 || p.month < 1 || p.month > 12 || p.day < 1) return std::nullopt;
  if (p.year > 9999 || p.day > days_in_month(p.year, p.month)) return std::nullopt;
  // No feed or page was published before 1900: such a date is a placeholder.
  if (p.year < 1900) return std::nullopt;
  if (p.hour > 24 || p.minute > 59 || p.second > 60) return std::nullopt;
  if (p.hour == 24 && (p.minute || p.second)) return std::nullopt;
  int second = p.second == 60 ? 59 : p.second;  // leap seconds
  return unix_seconds(p.year, p.month, p.day, p.hour, p.minute, second) -
         int64_t{p.offset_minutes} * 60;
}

// Reads exactly `n` digits at s[i]; advances i.
bool digits(std::string_view s, size_t& i, size_t n, int& out) {
  if (i + n > s.size()) return false;
  int v = 0;
  for (size_t k = 0; k < n; ++k) {
    if (!is_digit(s[i + k])) return false;
    v = v * 10 + (s[i + k] - '0');
  }
  out = v;
  i += n;
  return true;
}

// A zone at s[i]: Z, +hh:mm, +hhmm, +hh; advances i.
bool numeric_zone(std::string_view s, size_t& i, int& offset) {
  if (i < s.size() && (s[i] == 'Z' || s[i] == 'z')) {
    offset = 0;
    ++i;
    return true;
  }
  if (i >= s.size() || (s[i] != '+' && s[i] != '-')) return false;
  int sign = s[i] == '-' ? -1 : 1;
  size_t j = i + 1;
  int hours = 0, minutes = 0;
  if (!digits(s, j, 2, hours)) return false;
  if (j < s.size() && s[j] == ':') ++j;
  if (!digits(s, j, 2, minutes)) minutes = 0;
  if (hours > 23 || minutes > 59) return false;
  offset = sign * (hours * 60 + minutes);
  i = j;
  return true;
}

// RFC 3339 / ISO 8601: 2024-11-05, 2024-11-05T10:15:00.123+01:00,
// 2024-11-05 10:15Z, 20241105T101500Z, 2024-11-05T10:15:00 (UTC).
std::optional<int64_t> parse_iso(std::string_view s) {
  Parts p;
  size_t i = 0;
  int year = 0;
  if (!digits(s, i, 4, year)) return std::nullopt;
  p.year = year;
  bool basic = i < s.size() && is_digit(s[i]);
  if (!basic && (i >= s.size() || (s[i] != '-' && s[i] != '/'))) return std::nullopt;
  if (!basic) ++i;
  if (!digits(s, i, 2, p.month)) return std::nullopt;
  if (!basic && i < s.size() && (s[i] == '-' || s[i] == '/')) ++i;
  if (!digits(s, i, 2, p.day)) {
    // Year and month only ("2024-11").
    if (i != s.size()) return std::nullopt;
    p.day = 1;
    return finish(p);
  }
  if (i < s.size() && (s[i] == 'T' || s[i] == 't' || s[i] == ' ')) {
    size_t j = i + 1;
    while (j < s.size() && s[j] == ' ') ++j;
    if (digits(s, j, 2, p.hour)) {
      i = j;
      if (i < s.size() && s[i] == ':') ++i;
      if (!digits(s, i, 2, p.minute)) return std::nullopt;
      size_t k = i;
      if (k < s.size() && s[k] == ':') ++k;
      if (digits(s, k, 2, p.second)) i = k;
      if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
        ++i;
        while (i < s.size() && is_digit(s[i])) ++i;
      }
      p.has_time = true;
    }
  }
  while (i < s.size() && s[i] == ' ') ++i;
  if (i < s.size() && !numeric_zone(s, i, p.offset_minutes)) {
    // A zone name after the time ("2024-11-05 10:15:00 GMT").
    size_t end = i;
    while (end < s.size() && is_letter(s[end])) ++end;
    auto zone = zone_of(lowercase_with_accents(s.substr(i, end - i)));
    if (!zone) return std::nullopt;
    p.offset_minutes = *zone;
    i = end;
    if (i < s.size()) numeric_zone(s, i, p.offset_minutes);  // "UTC+01:00"
  }
  while (i < s.size() && s[i] == ' ') ++i;
  if (i != s.size()) return std::nullopt;
  return finish(p);
}

// Reads a time at s[i]: hh:mm[:ss[.fraction]], or French "10h15".
bool read_time(std::string_view s, size_t& i, Parts& p) {
  size_t j = i;
  int hour = 0, minute = 0, second = 0;
  size_t start = j;
  while (j < s.size() && is_digit(s[j]) && j - start < 2) hour = hour * 10 + (s[j++] - '0');
  if (j == start || j >= s.size() || (s[j] != ':' && s[j] != 'h')) return false;
  ++j;
  if (!digits(s, j, 2, minute)) return false;
  if (j < s.size() && s[j] == ':') {
    ++j;
    if (!digits(s, j, 2, second)) return false;
    if (j < s.size() && (s[j] == '.' || s[j] == ',')) {
      ++j;
      while (j < s.size() && is_digit(s[j])) ++j;
    }
  }
  p.hour = hour;
  p.minute = minute;
  p.second = second;
  p.has_time = true;
  i = j;
  return true;
}

// RFC 822 and the free-form dates people write: a month name, a day, a
// year, optionally a time and a zone, in any usual order; other words
// (weekdays, "de", "at", "Uhr") are skipped.
std::optional<int64_t> parse_words(std::string_view s) {
  Parts p;
  std::vector<int> months;  // every month name seen: "Mar" may be Spanish for Tuesday
  std::vector<std::pair<int, size_t>> numbers;  // value, digits
  bool pm = false, am = false;
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (is_digit(c)) {
      if (read_time(s, i, p)) continue;
      size_t start = i;
      int value = 0;
      while (i < s.size() && is_digit(s[i]) && i - start < 9) value = value * 10 + (s[i++] - '0');
      while (i < s.size() && is_digit(s[i])) ++i;
      numbers.emplace_back(value, i - start);
      continue;
    }
    if ((c == '+' || c == '-') && p.has_time && i + 1 < s.size() && is_digit(s[i + 1])) {
      if (numeric_zone(s, i, p.offset_minutes)) continue;
      // "+2" or "-5": whole hours.
      int sign = c == '-' ? -1 : 1;
      int hours = s[i + 1] - '0';
      i += 2;
      if (i < s.size() && is_digit(s[i])) hours = hours * 10 + (s[i++] - '0');
      p.offset_minutes = sign * hours * 60;
      continue;
    }
    if (is_letter(c)) {
      size_t start = i;
      while (i < s.size() && (is_letter(s[i]) || (s[i] == '.' && i + 1 < s.size() &&
                                                  is_letter(s[i + 1]) && i - start == 1)))
        ++i;
      std::string word = lowercase_with_accents(s.substr(start, i - start));
      if (auto m = month_of(word)) {
        months.push_back(*m);
      } else if (std::find(std::begin(kPm), std::end(kPm), word) != std::end(kPm)) {
        pm = true;
      } else if (std::find(std::begin(kAm), std::end(kAm), word) != std::end(kAm)) {
        am = true;
      } else if (p.has_time || word.size() >= 3) {
        if (auto z = zone_of(word); z && (p.has_time || word.size() > 1)) p.offset_minutes = *z;
      }
      continue;
    }
    ++i;
  }
  if (months.empty()) return std::nullopt;
  // A month word first, followed by another, was a weekday ("Mar, 05 Nov").
  p.month = months.size() > 1 ? months[1] : months[0];
  for (auto [value, width] : numbers) {
    if (width >= 3) {
      if (p.year < 0) p.year = value;
    } else if (p.day == 0) {
      p.day = value;
    } else if (p.year < 0) {
      p.year = value < 50 ? 2000 + value : 1900 + value;
    }
  }
  if (pm && p.hour < 12) p.hour += 12;
  if (am && p.hour == 12) p.hour = 0;
  return finish(p);
}

}  // namespace

int64_t unix_seconds(int64_t year, int month, int day, int hour, int minute, int second) {
  // Days from civil: count years from March so that the leap day is last.
  int64_t y = year - (month <= 2 ? 1 : 0);
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  int64_t year_of_era = y - era * 400;
  int64_t month_from_march = month > 2 ? month - 3 : month + 9;
  int64_t day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
  int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  int64_t days = era * 146097 + day_of_era - 719468;
  return days * 86400 + hour * 3600 + minute * 60 + second;
}

std::optional<int64_t> parse_date(std::string_view text) {
  const char* kSpace = " \t\r\n";
  size_t first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return std::nullopt;
  text = text.substr(first, text.find_last_not_of(kSpace) + 1 - first);
  if (text.size() > 200) return std::nullopt;
  if (text.size() >= 7 && is_digit(text[0]) && is_digit(text[1]) && is_digit(text[2]) &&
      is_digit(text[3])) {
    if (auto iso = parse_iso(text)) return iso;
  }
  // "Tuesday, 2024-11-05T10:15:00Z": an ISO date after a weekday.
  size_t digit = 0;
  while (digit < text.size() && !is_digit(text[digit])) ++digit;
  if (digit > 0 && digit + 10 <= text.size() && text[digit + 4] == '-') {
    if (auto iso = parse_iso(text.substr(digit))) return iso;
  }
  return parse_words(text);
}

}  // namespace osprey::text
