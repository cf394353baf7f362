#include "osprey/ingest/fetch/fetch_options.h"

namespace osprey::ingest {

std::string_view fetch_error_kind_name(FetchErrorKind kind) {
  switch (kind) {
    case FetchErrorKind::none:
      return "none";
    case FetchErrorKind::invalid_url:
      return "invalid_url";
    case FetchErrorKind::unsupported_scheme:
      return "unsupported_scheme";
    case FetchErrorKind::refused_private:
      return "refused_private";
    case FetchErrorKind::dns:
      return "dns";
    case FetchErrorKind::connect:
      return "connect";
    case FetchErrorKind::timeout:
      return "timeout";
    case FetchErrorKind::tls:
      return "tls";
    case FetchErrorKind::too_large:
      return "too_large";
    case FetchErrorKind::too_many_redirects:
      return "too_many_redirects";
    case FetchErrorKind::http_status:
      return "http_status";
    case FetchErrorKind::host_backoff:
      return "host_backoff";
    case FetchErrorKind::network:
      return "network";
  }
  return "unknown";
}

}  // namespace osprey::ingest
