#include "osprey/ingest/fetch/response_headers.h"

#include <curl/curl.h>

#include <charconv>

#include "osprey/text/ascii.h"

namespace osprey::ingest {
namespace {

std::string_view trim_header(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
    s.remove_suffix(1);
  return s;
}

bool is_token(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c <= ' ' || c >= 127 || c == '"' || c == ';' || c == ',' || c == '=') return false;
  return true;
}

}  // namespace

MediaType parse_content_type(std::string_view value) {
  MediaType out;
  size_t semi = value.find(';');
  std::string_view type = trim_header(value.substr(0, semi));
  size_t slash = type.find('/');
  if (slash != std::string_view::npos && is_token(type.substr(0, slash)) &&
      is_token(type.substr(slash + 1)))
    out.type = text::ascii_lowercase(type);
  while (semi != std::string_view::npos) {
    value.remove_prefix(semi + 1);
    semi = value.find(';');
    std::string_view param = trim_header(value.substr(0, semi));
    size_t eq = param.find('=');
    if (eq == std::string_view::npos) continue;
    if (text::ascii_lowercase(trim_header(param.substr(0, eq))) != "charset") continue;
    std::string_view v = trim_header(param.substr(eq + 1));
    if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
    if (is_token(v)) out.charset = text::ascii_lowercase(v);
  }
  return out;
}

std::optional<int64_t> parse_retry_after(std::string_view value, int64_t now) {
  value = trim_header(value);
  if (value.empty()) return std::nullopt;
  if (value.front() >= '0' && value.front() <= '9') {
    int64_t delta = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), delta);
    if (ec == std::errc::result_out_of_range) return INT32_MAX;
    if (ec != std::errc() || end != value.data() + value.size()) return std::nullopt;
    return delta;
  }
  std::string date(value);
  time_t when = curl_getdate(date.c_str(), nullptr);
  if (when == -1) return std::nullopt;
  return when > now ? int64_t(when) - now : 0;
}

}  // namespace osprey::ingest
