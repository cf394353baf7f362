// What the fetcher is asked, how it behaves, and what it reports. Plain
// values: the poll scheduler and the CLI build requests and read results
// without knowing anything about libcurl.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "osprey/model/article.h"

namespace osprey::ingest {

using std::chrono::milliseconds;
using std::chrono::seconds;

struct FetchOptions {
  // Sent on every request; empty means "Osprey/<version> (+<contact_url>)".
  std::string user_agent;
  // Where a site operator can reach whoever runs this Osprey.
  std::string contact_url = "https://github.com/osprey-cti/osprey";

  milliseconds connect_timeout{10'000};
  milliseconds total_timeout{60'000};  // whole transfer, redirects included
  uint64_t max_bytes = 20u << 20;      // of the decompressed body; more is too_large
  int max_redirects = 5;

  int per_host_concurrency = 2;        // transfers in flight to one host name
  milliseconds per_host_delay{1'000};  // between starting two requests to one host
  int max_total_concurrency = 16;      // transfers in flight in all

  // "http://proxy:3128" or "socks5h://..."; empty means none. Behind a proxy
  // the guard can only see the proxy's address, so only URLs whose host is
  // an IP literal are checked; the proxy must enforce its own policy.
  std::string proxy;

  // The SSRF guard. Non-global addresses (loopback, private, link-local,
  // ...) are refused unless allow_private is set or one of allowed_networks
  // ("10.1.0.0/16", "fd00:1::/64") contains the address.
  bool allow_private = false;
  std::vector<std::string> allowed_networks;

  // Pinned name resolution, like curl --resolve: "host:port:address".
  // The guard still applies to the pinned address.
  std::vector<std::string> resolve;

  // Retries of transient failures (timeouts, connection errors, 5xx, 429)
  // within one fetch_all call; later attempts wait for the host's backoff.
  int max_retries = 1;
  milliseconds backoff_initial{1'000};  // host pause after its first failure
  milliseconds backoff_max{60'000};     // cap of the doubling pause
  // A host asked to wait longer than this (Retry-After or backoff) gets its
  // remaining requests answered with error_kind host_backoff and
  // retry_after set, instead of stalling the batch.
  milliseconds max_host_wait{30'000};
};

struct FetchRequest {
  std::string url;
  std::string etag;           // sent as If-None-Match when not empty
  std::string last_modified;  // sent as If-Modified-Since when not empty
  // A POST of this body (webhooks) when not empty; a GET otherwise. A POST
  // is best sent with max_redirects 0 and max_retries 0: curl turns a
  // redirected POST into a GET, and a retry may deliver twice.
  // (Initialised here so {url, etag, last_modified} still says everything.)
  std::string body = {};
  std::string content_type = {};  // of the body
};

enum class FetchErrorKind {
  none,
  invalid_url,
  unsupported_scheme,  // anything but http and https, also on redirects
  refused_private,     // the SSRF guard refused the address
  dns,
  connect,
  timeout,
  tls,
  too_large,  // declared or decompressed body above max_bytes
  too_many_redirects,
  http_status,   // a final status other than 2xx and 304
  host_backoff,  // not attempted: the host asked to wait (see retry_after)
  network,       // any other transfer failure
};

// "timeout", "too_large", ... for logs and the store.
std::string_view fetch_error_kind_name(FetchErrorKind kind);

struct FetchResult {
  Document doc;               // url, final_url, media type, charset, time, body
  long status = 0;            // final HTTP status; 0 when no response came
  bool not_modified = false;  // 304 to a conditional request; doc.body is empty
  std::string etag;           // validators of the final response
  std::string last_modified;
  std::optional<int64_t> retry_after;  // seconds, from a 429 or 503 (delta or HTTP-date)
  FetchErrorKind error_kind = FetchErrorKind::none;
  std::string error;        // names the URL and the cause; empty on success
  milliseconds elapsed{0};  // of the last attempt, from its start to its end
  int attempts = 0;         // 1 + retries made

  bool ok() const { return error_kind == FetchErrorKind::none; }
};

}  // namespace osprey::ingest
