#include "osprey/ingest/fetch/transfer.h"

#include <sys/socket.h>

#include <chrono>

#include "osprey/ingest/fetch/response_headers.h"
#include "osprey/text/ascii.h"

namespace osprey::ingest {
namespace {

int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

FetchErrorKind kind_of(CURLcode code) {
  switch (code) {
    case CURLE_URL_MALFORMAT:
      return FetchErrorKind::invalid_url;
    case CURLE_UNSUPPORTED_PROTOCOL:
      return FetchErrorKind::unsupported_scheme;
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
      return FetchErrorKind::dns;
    case CURLE_COULDNT_CONNECT:
      return FetchErrorKind::connect;
    case CURLE_OPERATION_TIMEDOUT:
      return FetchErrorKind::timeout;
    case CURLE_FILESIZE_EXCEEDED:
      return FetchErrorKind::too_large;
    case CURLE_TOO_MANY_REDIRECTS:
      return FetchErrorKind::too_many_redirects;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_SSL_SHUTDOWN_FAILED:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_USE_SSL_FAILED:
      return FetchErrorKind::tls;
    default:
      return FetchErrorKind::network;
  }
}

}  // namespace

UrlCheck check_url(const std::string& url, const TransferSettings& settings) {
  UrlCheck out;
  CURLU* parsed = curl_url();
  char* scheme = nullptr;
  char* host = nullptr;
  // The scheme is judged first: "file:///etc/passwd" has no host at all.
  bool parsed_ok =
      curl_url_set(parsed, CURLUPART_URL, url.c_str(), CURLU_NON_SUPPORT_SCHEME) == CURLUE_OK &&
      curl_url_get(parsed, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK;
  std::string s = parsed_ok ? text::ascii_lowercase(scheme) : "";
  if (parsed_ok && s != "http" && s != "https") {
    out.error_kind = FetchErrorKind::unsupported_scheme;
    out.error = url + ": the scheme \"" + s + "\" is not fetched (only http and https are)";
  } else if (!parsed_ok || curl_url_get(parsed, CURLUPART_HOST, &host, 0) != CURLUE_OK) {
    out.error_kind = FetchErrorKind::invalid_url;
    out.error = "not a valid URL: \"" + url + "\"";
  } else {
    out.host = text::ascii_lowercase(host);
  }
  // Behind a proxy the guard cannot see the destination address; an IP
  // literal is the one case that can still be checked here.
  if (out.error.empty() && !settings.options.proxy.empty()) {
    if (auto ip = parse_ip(out.host)) {
      std::string why =
          refusal_reason(*ip, settings.options.allow_private, settings.allowed_networks);
      if (!why.empty()) {
        out.error_kind = FetchErrorKind::refused_private;
        out.error = url + ": " + why;
      }
    }
  }
  curl_free(scheme);
  curl_free(host);
  curl_url_cleanup(parsed);
  return out;
}

FetchResult failed_result(const std::string& url, FetchErrorKind kind, std::string error) {
  FetchResult r;
  r.doc.url = url;
  r.doc.final_url = url;
  r.doc.fetched_at = unix_now();
  r.error_kind = kind;
  r.error = std::move(error);
  return r;
}

Transfer::Transfer(const FetchRequest& request, const TransferSettings& settings)
    : settings_(settings), url_(request.url), easy_(curl_easy_init()) {
  const FetchOptions& o = settings.options;
  curl_easy_setopt(easy_, CURLOPT_URL, url_.c_str());
  curl_easy_setopt(easy_, CURLOPT_PRIVATE, this);
  curl_easy_setopt(easy_, CURLOPT_ERRORBUFFER, error_buffer_);
  curl_easy_setopt(easy_, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(easy_, CURLOPT_USERAGENT, settings.user_agent.c_str());
  curl_easy_setopt(easy_, CURLOPT_HTTP_VERSION, long(CURL_HTTP_VERSION_2TLS));
  curl_easy_setopt(easy_, CURLOPT_ACCEPT_ENCODING, "");  // everything curl can decode
  curl_easy_setopt(easy_, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(easy_, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(easy_, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(easy_, CURLOPT_MAXREDIRS, long(o.max_redirects));
  curl_easy_setopt(easy_, CURLOPT_CONNECTTIMEOUT_MS, long(o.connect_timeout.count()));
  curl_easy_setopt(easy_, CURLOPT_TIMEOUT_MS, long(o.total_timeout.count()));
  // A declared Content-Length above the cap fails before the body arrives;
  // the write callback enforces the cap on the decompressed bytes.
  curl_easy_setopt(easy_, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(o.max_bytes));
  curl_easy_setopt(easy_, CURLOPT_WRITEFUNCTION, &Transfer::on_body);
  curl_easy_setopt(easy_, CURLOPT_WRITEDATA, this);
  curl_easy_setopt(easy_, CURLOPT_OPENSOCKETFUNCTION, &Transfer::on_open_socket);
  curl_easy_setopt(easy_, CURLOPT_OPENSOCKETDATA, this);
  if (settings.resolve != nullptr) curl_easy_setopt(easy_, CURLOPT_RESOLVE, settings.resolve);
  if (!o.proxy.empty()) curl_easy_setopt(easy_, CURLOPT_PROXY, o.proxy.c_str());
  if (!request.etag.empty())
    headers_ = curl_slist_append(headers_, ("If-None-Match: " + request.etag).c_str());
  if (!request.last_modified.empty())
    headers_ = curl_slist_append(headers_, ("If-Modified-Since: " + request.last_modified).c_str());
  if (!request.body.empty()) {
    curl_easy_setopt(easy_, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(request.body.size()));
    curl_easy_setopt(easy_, CURLOPT_COPYPOSTFIELDS, request.body.c_str());
    std::string type =
        request.content_type.empty() ? "application/octet-stream" : request.content_type;
    headers_ = curl_slist_append(headers_, ("Content-Type: " + type).c_str());
  }
  if (headers_ != nullptr) curl_easy_setopt(easy_, CURLOPT_HTTPHEADER, headers_);
}

Transfer::~Transfer() {
  curl_easy_cleanup(easy_);
  curl_slist_free_all(headers_);
}

size_t Transfer::on_body(char* data, size_t size, size_t count, void* self) {
  auto* t = static_cast<Transfer*>(self);
  size_t n = size * count;
  if (t->body_.size() + n > t->settings_.options.max_bytes) {
    t->too_large_ = true;
    return 0;  // anything but n aborts the transfer
  }
  t->body_.append(data, n);
  return n;
}

// Every connection curl opens, to the first host and after each redirect,
// passes here with the resolved address; refusing it here, not before DNS,
// leaves no window for a name to re-resolve to somewhere else.
curl_socket_t Transfer::on_open_socket(void* self, curlsocktype purpose, curl_sockaddr* address) {
  auto* t = static_cast<Transfer*>(self);
  bool behind_proxy = !t->settings_.options.proxy.empty();
  if (purpose == CURLSOCKTYPE_IPCXN && !behind_proxy) {
    auto ip = ip_from_sockaddr(&address->addr);
    std::string why =
        ip ? refusal_reason(*ip, t->settings_.options.allow_private, t->settings_.allowed_networks)
           : "refused to connect: not an IP address";
    if (!why.empty()) {
      t->refusal_ = std::move(why);
      return CURL_SOCKET_BAD;
    }
  }
  return socket(address->family, address->socktype | SOCK_CLOEXEC, address->protocol);
}

std::string Transfer::header(const char* name) const {
  curl_header* h = nullptr;
  if (curl_easy_header(easy_, name, 0, CURLH_HEADER, -1, &h) != CURLHE_OK) return {};
  return h->value;
}

FetchResult Transfer::finish(CURLcode code) {
  FetchResult r;
  r.doc.url = url_;
  r.doc.fetched_at = unix_now();
  char* final_url = nullptr;
  curl_easy_getinfo(easy_, CURLINFO_EFFECTIVE_URL, &final_url);
  r.doc.final_url = final_url != nullptr ? final_url : url_;
  curl_easy_getinfo(easy_, CURLINFO_RESPONSE_CODE, &r.status);
  char* content_type = nullptr;
  curl_easy_getinfo(easy_, CURLINFO_CONTENT_TYPE, &content_type);
  if (content_type != nullptr) {
    MediaType media = parse_content_type(content_type);
    r.doc.content_type = std::move(media.type);
    r.doc.charset = std::move(media.charset);
  }
  if (r.status != 0) {
    r.etag = header("ETag");
    r.last_modified = header("Last-Modified");
    if (r.status == 429 || r.status == 503)
      r.retry_after = parse_retry_after(header("Retry-After"), r.doc.fetched_at);
  }

  if (code == CURLE_OK && (r.status / 100 == 2 || r.status == 304)) {
    r.not_modified = r.status == 304;
    r.doc.body = std::move(body_);
    return r;
  }
  if (code == CURLE_OK) {
    r.error_kind = FetchErrorKind::http_status;
    r.error = r.doc.final_url + ": HTTP status " + std::to_string(r.status);
    r.doc.body = std::move(body_);  // an error page may still explain itself
    return r;
  }
  r.error_kind = kind_of(code);
  std::string detail = error_buffer_[0] != 0 ? error_buffer_ : curl_easy_strerror(code);
  if (too_large_ || code == CURLE_FILESIZE_EXCEEDED) {
    r.error_kind = FetchErrorKind::too_large;
    detail = "the body is larger than the " + std::to_string(settings_.options.max_bytes) +
             "-byte limit";
  } else if (!refusal_.empty() && code == CURLE_COULDNT_CONNECT) {
    r.error_kind = FetchErrorKind::refused_private;
    detail = refusal_;
  }
  r.error = url_ + ": " + detail;
  return r;
}

}  // namespace osprey::ingest
