// One HTTP transfer: a configured libcurl easy handle and what it has
// received so far. Internal to the fetcher; the multi loop in fetcher.cpp
// drives it and reads the result when curl reports it done.
#pragma once

#include <curl/curl.h>

#include <memory>
#include <string>
#include <vector>

#include "osprey/ingest/fetch/address_policy.h"
#include "osprey/ingest/fetch/fetch_options.h"

namespace osprey::ingest {

// What every transfer of one Fetcher shares; outlives the transfers.
struct TransferSettings {
  FetchOptions options;
  std::string user_agent;
  std::vector<IpNetwork> allowed_networks;
  curl_slist* resolve = nullptr;  // owned by the fetcher
};

// The checks made before any network traffic: scheme, syntax, and (behind
// a proxy) an IP-literal host. On success `host` is the lower-case host
// name that politeness is counted against.
struct UrlCheck {
  std::string host;
  FetchErrorKind error_kind = FetchErrorKind::none;
  std::string error;
};
UrlCheck check_url(const std::string& url, const TransferSettings& settings);

class Transfer {
 public:
  Transfer(const FetchRequest& request, const TransferSettings& settings);
  ~Transfer();
  Transfer(const Transfer&) = delete;
  Transfer& operator=(const Transfer&) = delete;

  CURL* handle() const { return easy_; }

  // The result once curl reports `code` for this transfer.
  FetchResult finish(CURLcode code);

 private:
  static size_t on_body(char* data, size_t size, size_t count, void* self);
  static curl_socket_t on_open_socket(void* self, curlsocktype purpose, curl_sockaddr* address);
  std::string header(const char* name) const;

  const TransferSettings& settings_;
  std::string url_;
  CURL* easy_ = nullptr;
  curl_slist* headers_ = nullptr;
  std::string body_;
  bool too_large_ = false;
  std::string refusal_;  // why the guard refused an address, if it did
  char error_buffer_[CURL_ERROR_SIZE] = {};
};

// A result for a request that never reached the network.
FetchResult failed_result(const std::string& url, FetchErrorKind kind, std::string error);

}  // namespace osprey::ingest
