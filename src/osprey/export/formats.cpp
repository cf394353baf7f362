#include "osprey/export/formats.h"

#include <cstdio>

namespace osprey::exporting {
namespace {

struct CivilTime {
  int64_t year;
  unsigned month, day, hour, minute, second;
};

// Howard Hinnant's civil_from_days: proleptic Gregorian, any int64 day.
CivilTime civil(int64_t t) {
  int64_t days = t / 86400;
  int64_t secs = t % 86400;
  if (secs < 0) {
    secs += 86400;
    days -= 1;
  }
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(days - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400 + (m <= 2 ? 1 : 0);
  return {y,
          m,
          d,
          static_cast<unsigned>(secs / 3600),
          static_cast<unsigned>(secs / 60 % 60),
          static_cast<unsigned>(secs % 60)};
}

// Defangs the host part [from, to) of `value`: every '.' becomes "[.]".
std::string defang_dots(std::string_view value, size_t from, size_t to) {
  std::string out(value.substr(0, from));
  for (size_t i = from; i < to && i < value.size(); ++i) {
    if (value[i] == '.')
      out.append("[.]");
    else
      out.push_back(value[i]);
  }
  if (to < value.size()) out.append(value.substr(to));
  return out;
}

std::string defang_url(std::string_view url) {
  std::string out;
  size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return defang_dots(url, 0, url.size());
  std::string scheme(url.substr(0, scheme_end));
  if (scheme.size() >= 2 && (scheme[0] == 'h' || scheme[0] == 'H') &&
      (scheme[1] == 't' || scheme[1] == 'T'))
    scheme.replace(1, 2, "xx");  // http → hxxp, https → hxxps
  else if (scheme.size() >= 3 && (scheme[0] == 'f' || scheme[0] == 'F'))
    scheme[1] = 'x';  // ftp → fxp
  size_t host = scheme_end + 3;
  size_t host_end = url.find_first_of("/?#", host);
  if (host_end == std::string_view::npos) host_end = url.size();
  out = scheme;
  out.append(defang_dots(url.substr(scheme_end), 3, host_end - scheme_end));
  return out;
}

}  // namespace

std::string rfc3339_millis(int64_t unix_seconds) {
  CivilTime c = civil(unix_seconds);
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%04lld-%02u-%02uT%02u:%02u:%02u.000Z",
                static_cast<long long>(c.year), c.month, c.day, c.hour, c.minute, c.second);
  return buffer;
}

std::string iso_date(int64_t unix_seconds) {
  CivilTime c = civil(unix_seconds);
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04lld-%02u-%02u", static_cast<long long>(c.year), c.month,
                c.day);
  return buffer;
}

std::string defang(std::string_view type, std::string_view value) {
  if (type == "url") return defang_url(value);
  if (type == "domain" || type == "ipv4" || type == "cidr") {
    // Only the last dot: "evil.example[.]com" keeps it readable, "1.2.3[.]4" too.
    size_t dot = value.rfind('.');
    if (dot == std::string_view::npos) return std::string(value);
    return defang_dots(value, dot, dot + 1);
  }
  if (type == "email") {
    size_t at = value.rfind('@');
    if (at == std::string_view::npos) return std::string(value);
    std::string out(value.substr(0, at));
    out.append("[@]");
    std::string_view host = value.substr(at + 1);
    out.append(defang_dots(host, 0, host.size()));
    return out;
  }
  if (type == "ipv6") {
    std::string out;
    for (char c : value) {
      if (c == ':')
        out.append("[:]");
      else
        out.push_back(c);
    }
    return out;
  }
  return std::string(value);
}

std::string one_line(std::string_view text) {
  std::string out;
  for (char c : text) out.push_back(c == '\n' || c == '\r' || c == '\t' ? ' ' : c);
  return out;
}

bool is_web_link(std::string_view url) {
  auto starts = [&](std::string_view prefix) {
    if (url.size() < prefix.size()) return false;
    for (size_t i = 0; i < prefix.size(); ++i) {
      char c = url[i];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (c != prefix[i]) return false;
    }
    return true;
  };
  return starts("http://") || starts("https://");
}

}  // namespace osprey::exporting
