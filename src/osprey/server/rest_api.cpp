#include "osprey/server/rest_api.h"

#include <ctime>
#include <mutex>

#include "osprey/export/digest.h"
#include "osprey/export/misp.h"
#include "osprey/export/navigator.h"
#include "osprey/export/stix.h"
#include "osprey/export/tabular.h"
#include "osprey/kb/attack_catalog.h"
#include "osprey/model/json.h"
#include "osprey/pipeline/export_selection.h"
#include "osprey/pipeline/intel_reports.h"
#include "osprey/server/taxii_cache.h"
#include "osprey/store/search_query.h"

namespace osprey::server {
namespace {

using Args = std::vector<std::string>;

void health(ServerContext&, const httplib::Request&, httplib::Response& res, const Args&) {
  send_json(res, 200, {{"status", "ok"}, {"version", OSPREY_VERSION}});
}

void metrics(ServerContext& context, const httplib::Request&, httplib::Response& res, const Args&) {
  auto store = store_or_500(context, res);
  if (!store) return;
  auto articles = (*store)->count_articles();
  auto feeds = (*store)->list_feeds();
  if (!articles.ok() || !feeds.ok()) {
    send_error(res, 500, articles.ok() ? feeds.error().message : articles.error().message);
    return;
  }
  int64_t failing = 0;
  for (const Source& feed : feeds.value()) failing += feed.health.consecutive_failures > 0;
  uint64_t exports = context.taxii_cache ? context.taxii_cache->exports() : 0;
  uint64_t hits = context.responses ? context.responses->hits() : 0;
  res.set_content(context.metrics->render(articles.value(), failing, exports, hits),
                  "text/plain; version=0.0.4; charset=utf-8");
}

// Stories newest first; the cursor is "<last_seen>.<id>" of the last one shown.
void stories(ServerContext& context, const httplib::Request& req, httplib::Response& res,
             const Args&) {
  store::StoryQuery query;
  size_t limit = 0;
  if (!read_param(since_param(req, "since"), query.since, res) ||
      !read_param(count_param(req, "limit", 50, 500), limit, res) ||
      !read_param(count_param(req, "min_sources", 1, 1000), query.min_sources, res))
    return;
  if (req.has_param("cursor")) {
    std::string cursor = req.get_param_value("cursor");
    size_t dot = cursor.find('.');
    auto seen = parse_id(std::string_view(cursor).substr(0, dot));
    auto id = dot == std::string::npos ? std::nullopt : parse_id(cursor.substr(dot + 1));
    if (!seen || !id) return send_error(res, 400, "cursor: not one this server gave out");
    query.before_last_seen = *seen;
    query.before_id = *id;
  }
  query.limit = limit + 1;  // one more tells whether there is a next page
  auto store = store_or_500(context, res);
  if (!store) return;
  auto found = (*store)->list_stories(query);
  if (!found.ok()) return send_error(res, 500, found.error().message);
  nlohmann::json page = nlohmann::json::array();
  nlohmann::json next = nullptr;
  for (size_t i = 0; i < found.value().size() && i < limit; ++i) {
    const analyze::Story& s = found.value()[i];
    page.push_back(pipeline::story_summary_json(s));
    if (i + 1 == limit && found.value().size() > limit)
      next = std::to_string(s.last_seen) + "." + std::to_string(s.id);
  }
  send_json(res, 200, {{"stories", page}, {"next_cursor", next}});
}

void story(ServerContext& context, const httplib::Request&, httplib::Response& res,
           const Args& args) {
  auto id = parse_id(args[0]);
  if (!id) return send_error(res, 400, "story id: expected a number");
  auto store = store_or_500(context, res);
  if (!store) return;
  auto report = pipeline::story_report(**store, *id);
  if (!report.ok()) return send_error(res, 404, report.error().message);
  send_json(res, 200, pipeline::to_json(report.value()));
}

// Articles oldest id first; the cursor is the last id shown.
void articles(ServerContext& context, const httplib::Request& req, httplib::Response& res,
              const Args&) {
  store::ArticleQuery query;
  size_t limit = 0;
  if (!read_param(since_param(req, "since"), query.since, res) ||
      !read_param(count_param(req, "limit", 50, 500), limit, res))
    return;
  query.label = req.get_param_value("label");
  if (!query.label.empty() && query.label != "security" && query.label != "borderline" &&
      query.label != "noise")
    return send_error(res, 400, "label: expected security, borderline or noise");
  if (req.has_param("cursor")) {
    auto after = parse_id(req.get_param_value("cursor"));
    if (!after) return send_error(res, 400, "cursor: not one this server gave out");
    query.after_id = *after;
  }
  query.limit = limit + 1;
  auto store = store_or_500(context, res);
  if (!store) return;
  auto found = (*store)->list_articles(query);
  if (!found.ok()) return send_error(res, 500, found.error().message);
  nlohmann::json page = nlohmann::json::array();
  nlohmann::json next = nullptr;
  for (size_t i = 0; i < found.value().size() && i < limit; ++i) {
    page.push_back(pipeline::article_json(found.value()[i]));
    if (i + 1 == limit && found.value().size() > limit)
      next = std::to_string(found.value()[i].article.id);
  }
  send_json(res, 200, {{"articles", page}, {"next_cursor", next}});
}

// One article with its text and findings.
void article(ServerContext& context, const httplib::Request&, httplib::Response& res,
             const Args& args) {
  auto id = parse_id(args[0]);
  if (!id) return send_error(res, 400, "article id: expected a number");
  auto store = store_or_500(context, res);
  if (!store) return;
  auto found = (*store)->get_article(*id);
  if (!found.ok()) return send_error(res, 404, "no article " + args[0]);
  nlohmann::json j = pipeline::article_json(found.value());
  j["text"] = found.value().article.text;
  j["findings"] = found.value().findings;
  send_json(res, 200, j);
}

void search(ServerContext& context, const httplib::Request& req, httplib::Response& res,
            const Args&) {
  if (!req.has_param("q")) return send_error(res, 400, "q: a search is required");
  auto query = store::parse_search(req.get_param_value("q"));
  if (!query.ok()) return send_error(res, 400, "q: " + query.error().message);
  if (!read_param(count_param(req, "limit", 50, 500), query.value().limit, res) ||
      !read_param(flag_param(req, "include_noise"), query.value().include_noise, res) ||
      !read_param(since_param(req, "since"), query.value().since, res))
    return;
  auto store = store_or_500(context, res);
  if (!store) return;
  auto found = (*store)->search(query.value());
  if (!found.ok()) return send_error(res, 400, found.error().message);
  nlohmann::json all = nlohmann::json::array();
  for (const auto& a : found.value()) all.push_back(pipeline::article_brief_json(a));
  send_json(res, 200, all);
}

void entity(ServerContext& context, const httplib::Request& req, httplib::Response& res,
            const Args& args) {
  if (!context.kb) return send_error(res, 503, "no knowledge base loaded");
  size_t limit = 0;
  bool include_noise = false;
  if (!read_param(count_param(req, "limit", 50, 500), limit, res) ||
      !read_param(flag_param(req, "include_noise"), include_noise, res))
    return;
  auto store = store_or_500(context, res);
  if (!store) return;
  auto report = pipeline::entity_report(**store, *context.kb, args[0], limit, include_noise);
  if (!report.ok()) return send_error(res, 404, report.error().message);
  send_json(res, 200, pipeline::to_json(report.value()));
}

// ?since= (default: the last 30 days), ?type=a,b, ?limit=, ?include_noise=
bool read_activity_query(const httplib::Request& req, httplib::Response& res,
                         store::ActivityQuery& query) {
  if (!read_param(count_param(req, "limit", 100, 1000), query.limit, res) ||
      !read_param(flag_param(req, "include_noise"), query.include_noise, res) ||
      !read_param(since_param(req, "since"), query.since, res))
    return false;
  if (!req.has_param("since")) query.since = static_cast<int64_t>(std::time(nullptr)) - 30 * 86400;
  if (req.has_param("type")) query.types = pipeline::split_list(req.get_param_value("type"));
  return true;
}

// The entities most reported lately, most articles first.
void list_entities(ServerContext& context, const httplib::Request& req, httplib::Response& res,
                   const Args&) {
  store::ActivityQuery query;
  if (!read_activity_query(req, res, query)) return;
  auto store = store_or_500(context, res);
  if (!store) return;
  auto top = (*store)->top_entities(query);
  if (!top.ok()) return send_error(res, 500, top.error().message);
  send_json(res, 200, {{"entities", pipeline::entities_json(top.value())}});
}

// Articles per day naming the entity: the web UI's timeline chart.
void entity_timeline(ServerContext& context, const httplib::Request& req, httplib::Response& res,
                     const Args& args) {
  if (!context.kb) return send_error(res, 503, "no knowledge base loaded");
  bool include_noise = false;
  if (!read_param(flag_param(req, "include_noise"), include_noise, res)) return;
  auto matches = context.kb->lookup(args[0]);
  if (matches.empty()) return send_error(res, 404, "no entity named '" + args[0] + "'");
  const kb::Entity& entity = *matches.front().entity;
  auto store = store_or_500(context, res);
  if (!store) return;
  auto activity = (*store)->entity_activity(entity.id, include_noise);
  if (!activity.ok()) return send_error(res, 500, activity.error().message);
  nlohmann::json days = nlohmann::json::object();
  for (const auto& [day, n] : activity.value().days) days[pipeline::day_text(day)] = n;
  send_json(res, 200, {{"id", entity.id}, {"name", entity.name}, {"timeline", days}});
}

// The indicators most reported lately, most articles first.
void list_indicators(ServerContext& context, const httplib::Request& req, httplib::Response& res,
                     const Args&) {
  store::ActivityQuery query;
  if (!read_activity_query(req, res, query)) return;
  auto store = store_or_500(context, res);
  if (!store) return;
  auto top = (*store)->top_observables(query);
  if (!top.ok()) return send_error(res, 500, top.error().message);
  send_json(res, 200, {{"indicators", pipeline::indicators_json(top.value())}});
}

// The enterprise ATT&CK techniques for the web UI's matrix. The knowledge
// base never changes while it is loaded, so the answer is built once per
// knowledge base (keyed by its address and size) and kept for the process.
void attack_techniques(ServerContext& context, const httplib::Request&, httplib::Response& res,
                       const Args&) {
  if (!context.kb) return send_error(res, 503, "no knowledge base loaded");
  static std::mutex mutex;
  static const kb::KnowledgeBase* built_for = nullptr;
  static size_t built_size = 0;
  static std::string body;
  std::lock_guard lock(mutex);
  if (built_for != context.kb || built_size != context.kb->entities().size()) {
    body = kb::to_json(kb::enterprise_techniques(*context.kb))
               .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    built_for = context.kb;
    built_size = context.kb->entities().size();
  }
  res.set_content(body, "application/json");
}

void indicator(ServerContext& context, const httplib::Request& req, httplib::Response& res,
               const Args& args) {
  size_t limit = 0;
  if (!read_param(count_param(req, "limit", 50, 500), limit, res)) return;
  auto store = store_or_500(context, res);
  if (!store) return;
  auto sightings = pipeline::indicator_sightings(**store, args[0], limit);
  if (!sightings.ok()) return send_error(res, 500, sightings.error().message);
  if (sightings.value().empty())
    return send_error(res, 404, args[0] + ": not reported in any stored article");
  send_json(res, 200, pipeline::to_json(sightings.value()));
}

void list_feeds(ServerContext& context, const httplib::Request&, httplib::Response& res,
                const Args&) {
  auto store = store_or_500(context, res);
  if (!store) return;
  auto feeds = (*store)->list_feeds();
  if (!feeds.ok()) return send_error(res, 500, feeds.error().message);
  nlohmann::json all = nlohmann::json::array();
  for (const Source& feed : feeds.value()) all.push_back(pipeline::feed_json(feed));
  send_json(res, 200, all);
}

// {"url", "title", "category"}: subscribes (or finds the existing subscription).
void add_feed(ServerContext& context, const httplib::Request& req, httplib::Response& res,
              const Args&) {
  auto body = nlohmann::json::parse(req.body, nullptr, false);
  if (body.is_discarded() || !body.is_object() || !body.contains("url") || !body["url"].is_string())
    return send_error(res, 400, "body: expected {\"url\": …, \"title\": …, \"category\": …}");
  Source feed;
  feed.url = body["url"].get<std::string>();
  if (!feed.url.starts_with("http://") && !feed.url.starts_with("https://"))
    return send_error(res, 400, "url: expected an http:// or https:// address");
  if (body.contains("title") && body["title"].is_string()) feed.title = body["title"];
  if (body.contains("category") && body["category"].is_string()) feed.category = body["category"];
  auto store = store_or_500(context, res);
  if (!store) return;
  auto id = (*store)->add_feed(feed);
  if (!id.ok()) return send_error(res, 500, id.error().message);
  send_json(res, 201, {{"id", id.value()}, {"url", feed.url}});
}

void remove_feed(ServerContext& context, const httplib::Request& req, httplib::Response& res,
                 const Args&) {
  std::string url = req.get_param_value("url");
  if (url.empty()) return send_error(res, 400, "url: the subscription to remove is required");
  auto store = store_or_500(context, res);
  if (!store) return;
  auto removed = (*store)->remove_feed(url);
  if (!removed.ok()) return send_error(res, 500, removed.error().message);
  if (!removed.value()) return send_error(res, 404, "no subscription " + url);
  send_json(res, 200, {{"removed", url}});
}

// Every export format is a row: its name, exporter and media type.
struct ExportFormat {
  const char* name;
  std::string (*write)(const exporting::ExportSet&, const exporting::ExportOptions&);
  const char* media_type;
};

constexpr ExportFormat kFormats[] = {
    {"stix", exporting::to_stix_bundle, "application/stix+json;version=2.1"},
    {"misp", exporting::to_misp_event, "application/json"},
    {"navigator", exporting::to_navigator_layer, "application/json"},
    {"csv", exporting::to_csv, "text/csv; charset=utf-8"},
    {"ndjson", exporting::to_ndjson, "application/x-ndjson"},
    {"digest", exporting::to_digest_markdown, "text/markdown; charset=utf-8"},
};

void export_stories(ServerContext& context, const httplib::Request& req, httplib::Response& res,
                    const Args& args) {
  const ExportFormat* format = nullptr;
  for (const ExportFormat& f : kFormats) {
    if (args[0] == f.name) format = &f;
  }
  if (!format) return send_error(res, 404, "no export format " + args[0]);
  pipeline::ExportSelection selection;
  exporting::ExportOptions options;
  size_t min_confidence = 0;
  if (!read_param(since_param(req, "since"), selection.since, res) ||
      !read_param(flag_param(req, "include_noise"), options.include_noise, res))
    return;
  if (req.has_param("min_confidence")) {
    auto value = parse_id(req.get_param_value("min_confidence"));
    if (!value || *value > 100) return send_error(res, 400, "min_confidence: expected 0 to 100");
    min_confidence = static_cast<size_t>(*value);
  }
  options.min_confidence = static_cast<int>(min_confidence);
  if (req.has_param("story")) {
    auto id = parse_id(req.get_param_value("story"));
    if (!id || *id == 0) return send_error(res, 400, "story: expected a story id");
    selection.story_id = *id;
  }
  selection.entity = req.get_param_value("entity");
  options.kb = context.kb;
  auto store = store_or_500(context, res);
  if (!store) return;
  auto set = pipeline::collect_export_set(**store, context.kb, selection,
                                          static_cast<int64_t>(std::time(nullptr)));
  if (!set.ok()) return send_error(res, 404, set.error().message);
  res.set_content(format->write(set.value(), options), format->media_type);
}

}  // namespace

std::vector<Route> rest_routes(ServerContext& context) {
  return bind_routes(context, {
                                  {"GET", {"health"}, health},
                                  {"GET", {"metrics"}, metrics},
                                  {"GET", {"stories"}, stories},
                                  {"GET", {"stories", "*"}, story},
                                  {"GET", {"articles"}, articles},
                                  {"GET", {"articles", "*"}, article},
                                  {"GET", {"search"}, search},
                                  {"GET", {"entities"}, list_entities},
                                  {"GET", {"entities", "*"}, entity},
                                  {"GET", {"entities", "*", "timeline"}, entity_timeline},
                                  {"GET", {"indicators"}, list_indicators},
                                  {"GET", {"indicators", "*"}, indicator},
                                  {"GET", {"attack", "techniques"}, attack_techniques},
                                  {"GET", {"feeds"}, list_feeds},
                                  {"POST", {"feeds"}, add_feed},
                                  {"DELETE", {"feeds"}, remove_feed},
                                  {"GET", {"export", "*"}, export_stories},
                              });
}

}  // namespace osprey::server
