#include "osprey/analyze/story.h"

namespace osprey::analyze {

std::string outlet_of(std::string_view url) {
  size_t scheme = url.find("://");
  std::string_view host = scheme == std::string_view::npos ? url : url.substr(scheme + 3);
  size_t end = host.find_first_of("/?#");
  if (end != std::string_view::npos) host = host.substr(0, end);
  size_t at = host.rfind('@');
  if (at != std::string_view::npos) host = host.substr(at + 1);
  size_t colon = host.rfind(':');
  if (colon != std::string_view::npos && host.find(']') == std::string_view::npos)
    host = host.substr(0, colon);
  std::string out;
  for (char c : host) out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  if (out.rfind("www.", 0) == 0) out.erase(0, 4);
  return out;
}

}  // namespace osprey::analyze
