// What the REST API and the TAXII server share: the context every handler
// reads, a small router over path segments, and query-parameter readers.
// Internal to server/.
#pragma once

#include <httplib.h>

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "osprey/kb/knowledge_base.h"
#include "osprey/model/result.h"
#include "osprey/server/metrics.h"
#include "osprey/server/response_cache.h"
#include "osprey/server/store_pool.h"

namespace osprey::server {

class TaxiiCache;

struct ServerContext {
  StorePool* pool = nullptr;
  const kb::KnowledgeBase* kb = nullptr;  // null: GET /entities answers 503
  Metrics* metrics = nullptr;
  TaxiiCache* taxii_cache = nullptr;   // null: every TAXII page exports anew
  ResponseCache* responses = nullptr;  // null: every API request is answered anew
};

// A request parameter that could not be read: the handler answers 400.
struct BadParameter {
  std::string message;
};

// The path's segments between slashes, empty ones dropped ("/a//b/" → a, b).
std::vector<std::string> path_segments(std::string_view path);

// A route: method and pattern segments, "*" matching any one segment; the
// handler gets the matched "*" segments in order.
using RouteHandler = std::function<void(const httplib::Request&, httplib::Response&,
                                        const std::vector<std::string>& args)>;
struct Route {
  std::string method;
  std::vector<std::string> pattern;
  RouteHandler handle;
};

// A row of a route table whose handler also receives the server's context;
// bind_routes() turns a table into Routes.
using ContextHandler = void (*)(ServerContext&, const httplib::Request&, httplib::Response&,
                                const std::vector<std::string>& args);
struct RouteRow {
  const char* method;
  std::vector<std::string> pattern;
  ContextHandler handler;
};
std::vector<Route> bind_routes(ServerContext& context, std::initializer_list<RouteRow> rows);

enum class Dispatch { handled, no_such_path, wrong_method };
// Runs the first route whose pattern and method match `segments`.
Dispatch dispatch(const std::vector<Route>& routes, const httplib::Request& request,
                  httplib::Response& response, const std::vector<std::string>& segments);

// Reads ?name= as a count in [1, max]; `fallback` when absent.
Result<size_t> count_param(const httplib::Request& request, const char* name, size_t fallback,
                           size_t max);
// Reads ?name= as true/false/1/0; false when absent.
Result<bool> flag_param(const httplib::Request& request, const char* name);
// Reads ?name= as a time ("2d", "2024-11-05", RFC 3339); 0 when absent.
Result<int64_t> since_param(const httplib::Request& request, const char* name);
// Reads a non-negative integer ("42"); nullopt when it is not one.
std::optional<int64_t> parse_id(std::string_view text);

// Leases a store connection; answers 500 and returns nullopt when none opens.
std::optional<StorePool::Lease> store_or_500(ServerContext& context, httplib::Response& res);

// Unwraps a parameter; answers 400 when it could not be read.
template <typename T>
bool read_param(Result<T> param, T& into, httplib::Response& res);

// Sets the body to compact JSON (invalid UTF-8 replaced) with the content type.
void send_json(httplib::Response& response, int status, const nlohmann::json& body,
               const char* content_type = "application/json");
// {"error": message}
void send_error(httplib::Response& response, int status, const std::string& message);

template <typename T>
bool read_param(Result<T> param, T& into, httplib::Response& res) {
  if (!param.ok()) {
    send_error(res, 400, param.error().message);
    return false;
  }
  into = param.value();
  return true;
}

}  // namespace osprey::server
