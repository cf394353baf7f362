#include "osprey/ingest/feed/url.h"

#include <curl/curl.h>

#include <cctype>
#include <memory>

namespace osprey::ingest {
namespace {

struct UrlDeleter {
  void operator()(CURLU* url) const { curl_url_cleanup(url); }
};
struct CurlStringDeleter {
  void operator()(char* text) const { curl_free(text); }
};

std::string_view trim_url(std::string_view s) {
  const char* kSpace = " \t\r\n\f";
  size_t first = s.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(kSpace) + 1 - first);
}

// True when the text starts with a URL scheme followed by ':'.
bool has_scheme(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '+' ||
                          s[i] == '-' || s[i] == '.'))
    ++i;
  return i > 0 && i < s.size() && s[i] == ':' && std::isalpha(static_cast<unsigned char>(s[0]));
}

}  // namespace

std::string resolve_url(std::string_view base, std::string_view reference) {
  reference = trim_url(reference);
  base = trim_url(base);
  if (reference.empty()) return std::string(base);
  if (has_scheme(reference) || base.empty() || !has_scheme(base)) return std::string(reference);
  std::unique_ptr<CURLU, UrlDeleter> url(curl_url());
  if (!url) return std::string(reference);
  std::string base_text(base), reference_text(reference);
  if (curl_url_set(url.get(), CURLUPART_URL, base_text.c_str(),
                   CURLU_NON_SUPPORT_SCHEME | CURLU_ALLOW_SPACE) != CURLUE_OK)
    return std::string(reference);
  if (curl_url_set(url.get(), CURLUPART_URL, reference_text.c_str(),
                   CURLU_NON_SUPPORT_SCHEME | CURLU_ALLOW_SPACE) != CURLUE_OK)
    return std::string(reference);
  char* joined = nullptr;
  if (curl_url_get(url.get(), CURLUPART_URL, &joined, 0) != CURLUE_OK || !joined)
    return std::string(reference);
  std::unique_ptr<char, CurlStringDeleter> owner(joined);
  return std::string(joined);
}

}  // namespace osprey::ingest
