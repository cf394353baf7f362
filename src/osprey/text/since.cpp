#include "osprey/text/since.h"

#include <cstdio>
#include <ctime>

namespace osprey::text {

std::optional<int64_t> parse_since(const std::string& text, int64_t now) {
  if (text.empty()) return std::nullopt;
  char unit = text.back();
  std::string digits = text.substr(0, text.size() - 1);
  bool relative = !digits.empty() && digits.find_first_not_of("0123456789") == std::string::npos;
  if (relative && digits.size() <= 9) {
    int64_t n = std::stoll(digits);
    switch (unit) {
      case 'm':
        return now - n * 60;
      case 'h':
        return now - n * 3600;
      case 'd':
        return now - n * 86400;
      case 'w':
        return now - n * 7 * 86400;
      default:
        break;
    }
  }
  std::tm tm{};
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  char zone[8] = {};
  int fields = std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%7s", &year, &month, &day, &hour,
                           &minute, &second, zone);
  if (fields != 3 && fields < 6) return std::nullopt;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60)
    return std::nullopt;
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_sec = second;
  int64_t t = timegm(&tm);
  std::string z = zone;
  auto digit = [&z](size_t i) { return z[i] >= '0' && z[i] <= '9'; };
  bool offset_form = z.size() == 6 && (z[0] == '+' || z[0] == '-') && z[3] == ':' && digit(1) &&
                     digit(2) && digit(4) && digit(5);
  if (fields == 7 && z != "Z" && offset_form) {
    int64_t offset = std::stoi(z.substr(1, 2)) * 3600 + std::stoi(z.substr(4, 2)) * 60;
    t += z[0] == '+' ? -offset : offset;
  } else if (fields == 7 && z != "Z") {
    return std::nullopt;
  }
  return t;
}

}  // namespace osprey::text
