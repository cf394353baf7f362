// ASCII character classes and case folding, independent of the C locale.
// Indicators, names and cue words are compared in ASCII; other bytes pass
// through unchanged.
#pragma once

#include <string>
#include <string_view>

namespace osprey::text {

inline bool is_ascii_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
inline bool is_ascii_alnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || is_ascii_upper(c);
}
inline char ascii_lower(char c) {
  return is_ascii_upper(c) ? static_cast<char>(c - 'A' + 'a') : c;
}

inline std::string ascii_lowercase(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

}  // namespace osprey::text
