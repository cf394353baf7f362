#include "osprey/server/watch_api.h"

#include <ctime>

#include "osprey/pipeline/intel_reports.h"
#include "osprey/pipeline/watch_alerts.h"
#include "osprey/pipeline/watch_reports.h"
#include "osprey/watch/watchlist_builder.h"

namespace osprey::server {
namespace {

using Args = std::vector<std::string>;

constexpr int64_t kTestWindow = 30 * 86400;  // POST /test looks this far back by default

void list_watchlists(ServerContext& context, const httplib::Request&, httplib::Response& res,
                     const Args&) {
  auto store = store_or_500(context, res);
  if (!store) return;
  auto all = (*store)->list_watchlists();
  if (!all.ok()) return send_error(res, 500, all.error().message);
  nlohmann::json list = nlohmann::json::array();
  for (const Watchlist& w : all.value()) list.push_back(pipeline::watchlist_json(w));
  send_json(res, 200, {{"watchlists", list}});
}

// The request a JSON body asks for; an Error names what is wrong with it.
Result<watch::WatchlistRequest> read_request(const std::string& text) {
  auto body = nlohmann::json::parse(text, nullptr, false);
  if (body.is_discarded() || !body.is_object())
    return Error{"body: expected {\"name\": …, \"query\": {\"actors\": […], …}, \"webhook\": …}"};
  watch::WatchlistRequest request;
  if (!body.contains("name") || !body["name"].is_string())
    return Error{"name: a watchlist needs a name (a string)"};
  request.name = body["name"].get<std::string>();
  if (body.contains("webhook") && !body["webhook"].is_null()) {
    if (!body["webhook"].is_string()) return Error{"webhook: expected a URL string"};
    request.webhook = body["webhook"].get<std::string>();
  }
  if (!body.contains("query") || !body["query"].is_object())
    return Error{"query: expected an object such as {\"actors\": [\"Kimsuky\"]}"};
  for (const auto& [field, values] : body["query"].items()) {
    if (!values.is_array()) return Error{"query." + field + ": expected a list of strings"};
    std::vector<std::string>& into = request.terms[field];
    for (const auto& value : values) {
      if (!value.is_string()) return Error{"query." + field + ": expected a list of strings"};
      into.push_back(value.get<std::string>());
    }
  }
  return request;
}

void add_watchlist(ServerContext& context, const httplib::Request& req, httplib::Response& res,
                   const Args&) {
  auto request = read_request(req.body);
  if (!request.ok()) return send_error(res, 400, request.error().message);
  auto watchlist = watch::build_watchlist(request.value(), context.kb);
  if (!watchlist.ok()) return send_error(res, 400, watchlist.error().message);
  watchlist.value().created_at = static_cast<int64_t>(std::time(nullptr));
  auto store = store_or_500(context, res);
  if (!store) return;
  auto id = (*store)->add_watchlist(watchlist.value());
  if (!id.ok()) return send_error(res, 500, id.error().message);
  watchlist.value().id = id.value();
  send_json(res, 201, pipeline::watchlist_json(watchlist.value()));
}

// The watchlist named by the path's id; answers 400/404/500 and returns nullopt otherwise.
std::optional<Watchlist> watchlist_or_404(store::Store& store, const std::string& arg,
                                          httplib::Response& res) {
  auto id = parse_id(arg);
  if (!id) {
    send_error(res, 400, "watchlist id: expected a number");
    return std::nullopt;
  }
  auto found = store.get_watchlist(*id);
  if (!found.ok()) {
    send_error(res, 500, found.error().message);
    return std::nullopt;
  }
  if (!found.value()) send_error(res, 404, "no watchlist " + arg);
  return found.value();
}

void remove_watchlist(ServerContext& context, const httplib::Request&, httplib::Response& res,
                      const Args& args) {
  auto store = store_or_500(context, res);
  if (!store) return;
  auto watchlist = watchlist_or_404(**store, args[0], res);
  if (!watchlist) return;
  auto removed = (*store)->remove_watchlist(watchlist->id);
  if (!removed.ok()) return send_error(res, 500, removed.error().message);
  if (!removed.value()) return send_error(res, 404, "no watchlist " + args[0]);
  res.status = 204;
}

// Which stored articles (of the last 30 days unless ?since=) the watchlist would match.
void test_watchlist(ServerContext& context, const httplib::Request& req, httplib::Response& res,
                    const Args& args) {
  size_t limit = 0;
  int64_t since = 0;
  if (!read_param(count_param(req, "limit", 50, 500), limit, res) ||
      !read_param(since_param(req, "since"), since, res))
    return;
  if (!req.has_param("since")) since = static_cast<int64_t>(std::time(nullptr)) - kTestWindow;
  auto store = store_or_500(context, res);
  if (!store) return;
  auto watchlist = watchlist_or_404(**store, args[0], res);
  if (!watchlist) return;
  auto matches = pipeline::matching_articles(**store, *watchlist, since, limit);
  if (!matches.ok()) return send_error(res, 500, matches.error().message);
  nlohmann::json briefs = nlohmann::json::array();
  for (const auto& a : matches.value()) briefs.push_back(pipeline::article_brief_json(a));
  send_json(res, 200, {{"matches", briefs}});
}

// Alerts newest first; the cursor is the last alert id shown.
void list_alerts(ServerContext& context, const httplib::Request& req, httplib::Response& res,
                 const Args&) {
  store::AlertQuery query;
  size_t limit = 0;
  if (!read_param(since_param(req, "since"), query.since, res) ||
      !read_param(count_param(req, "limit", 50, 500), limit, res))
    return;
  if (req.has_param("watchlist")) {
    auto id = parse_id(req.get_param_value("watchlist"));
    if (!id || *id == 0) return send_error(res, 400, "watchlist: expected a watchlist id");
    query.watchlist_id = *id;
  }
  if (req.has_param("cursor")) {
    auto before = parse_id(req.get_param_value("cursor"));
    if (!before || *before == 0)
      return send_error(res, 400, "cursor: not one this server gave out");
    query.before_id = *before;
  }
  query.limit = limit + 1;  // one more tells whether there is a next page
  auto store = store_or_500(context, res);
  if (!store) return;
  auto found = (*store)->list_alerts(query);
  if (!found.ok()) return send_error(res, 500, found.error().message);
  nlohmann::json page = nlohmann::json::array();
  nlohmann::json next = nullptr;
  for (size_t i = 0; i < found.value().size() && i < limit; ++i) {
    page.push_back(pipeline::alert_json(found.value()[i]));
    if (i + 1 == limit && found.value().size() > limit) next = std::to_string(found.value()[i].id);
  }
  send_json(res, 200, {{"alerts", page}, {"next_cursor", next}});
}

}  // namespace

std::vector<Route> watch_routes(ServerContext& context) {
  return bind_routes(context, {
                                  {"GET", {"watchlists"}, list_watchlists},
                                  {"POST", {"watchlists"}, add_watchlist},
                                  {"DELETE", {"watchlists", "*"}, remove_watchlist},
                                  {"POST", {"watchlists", "*", "test"}, test_watchlist},
                                  {"GET", {"alerts"}, list_alerts},
                              });
}

}  // namespace osprey::server
