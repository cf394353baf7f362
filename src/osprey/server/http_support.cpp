#include "osprey/server/http_support.h"

#include <ctime>

#include "osprey/text/since.h"

namespace osprey::server {

std::vector<std::string> path_segments(std::string_view path) {
  std::vector<std::string> segments;
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    if (slash > start) segments.emplace_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return segments;
}

Dispatch dispatch(const std::vector<Route>& routes, const httplib::Request& request,
                  httplib::Response& response, const std::vector<std::string>& segments) {
  bool path_known = false;
  for (const Route& route : routes) {
    if (route.pattern.size() != segments.size()) continue;
    std::vector<std::string> args;
    bool match = true;
    for (size_t i = 0; i < segments.size() && match; ++i) {
      if (route.pattern[i] == "*")
        args.push_back(segments[i]);
      else
        match = route.pattern[i] == segments[i];
    }
    if (!match) continue;
    path_known = true;
    if (route.method != request.method) continue;
    route.handle(request, response, args);
    return Dispatch::handled;
  }
  return path_known ? Dispatch::wrong_method : Dispatch::no_such_path;
}

Result<size_t> count_param(const httplib::Request& request, const char* name, size_t fallback,
                           size_t max) {
  if (!request.has_param(name)) return fallback;
  auto value = parse_id(request.get_param_value(name));
  if (!value || *value < 1 || static_cast<size_t>(*value) > max) {
    return Error{std::string(name) + ": expected a number from 1 to " + std::to_string(max)};
  }
  return static_cast<size_t>(*value);
}

Result<bool> flag_param(const httplib::Request& request, const char* name) {
  if (!request.has_param(name)) return false;
  std::string value = request.get_param_value(name);
  if (value == "true" || value == "1" || value.empty()) return true;
  if (value == "false" || value == "0") return false;
  return Error{std::string(name) + ": expected true or false"};
}

Result<int64_t> since_param(const httplib::Request& request, const char* name) {
  if (!request.has_param(name)) return int64_t{0};
  std::string value = request.get_param_value(name);
  auto since = text::parse_since(value, static_cast<int64_t>(std::time(nullptr)));
  if (!since) return Error{std::string(name) + ": cannot read '" + value + "'"};
  return *since;
}

std::optional<int64_t> parse_id(std::string_view text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  int64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

void send_json(httplib::Response& response, int status, const nlohmann::json& body,
               const char* content_type) {
  response.status = status;
  response.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                       content_type);
}

void send_error(httplib::Response& response, int status, const std::string& message) {
  send_json(response, status, {{"error", message}});
}

std::optional<StorePool::Lease> store_or_500(ServerContext& context, httplib::Response& res) {
  auto lease = context.pool->lease();
  if (!lease.ok()) {
    send_error(res, 500, lease.error().message);
    return std::nullopt;
  }
  return std::move(lease.value());
}

std::vector<Route> bind_routes(ServerContext& context, std::initializer_list<RouteRow> rows) {
  std::vector<Route> routes;
  for (const RouteRow& row : rows) {
    ContextHandler handler = row.handler;
    routes.push_back({row.method, row.pattern,
                      [&context, handler](const httplib::Request& req, httplib::Response& res,
                                          const std::vector<std::string>& args) {
                        handler(context, req, res, args);
                      }});
  }
  return routes;
}

}  // namespace osprey::server
