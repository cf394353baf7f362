#include "osprey/server/taxii.h"

#include <algorithm>
#include <map>
#include <set>

#include "osprey/export/formats.h"
#include "osprey/export/stix.h"
#include "osprey/export/uuid5.h"
#include "osprey/pipeline/export_selection.h"
#include "osprey/server/taxii_cache.h"
#include "osprey/text/since.h"

namespace osprey::server {
namespace {

using Args = std::vector<std::string>;
using Entry = TaxiiEntry;

constexpr size_t kMaxPage = 1000;
constexpr int kHighConfidence = 75;

struct Collection {
  const char* id;
  const char* title;
  const char* description;
  bool (*admits)(const nlohmann::json& object);
};

bool any_object(const nlohmann::json&) {
  return true;
}
bool confident_indicator(const nlohmann::json& object) {
  return object.value("type", "") == "indicator" &&
         object.value("confidence", 0) >= kHighConfidence;
}

constexpr Collection kCollections[] = {
    {"all", "All intelligence",
     "Every STIX object Osprey derives from the stored stories (noise left out)", any_object},
    {"high-confidence-indicators", "High-confidence indicators",
     "Indicators from non-noise stories with confidence 75 or more", confident_indicator},
};

// A collection as served: one of kCollections, or a watchlist's.
struct CollectionInfo {
  std::string id, title, description;
  bool (*admits)(const nlohmann::json& object) = any_object;
  int64_t watchlist_id = 0;  // the watchlist whose alerted articles it holds; 0 = none
};

std::string watchlist_collection_id(int64_t watchlist_id) {
  return exporting::uuid5(exporting::kOspreyNamespace,
                          "taxii-collection:watchlist:" + std::to_string(watchlist_id));
}

// The fixed collections, then one per watchlist, oldest first.
Result<std::vector<CollectionInfo>> all_collections(ServerContext& context) {
  std::vector<CollectionInfo> all;
  for (const Collection& c : kCollections) all.push_back({c.id, c.title, c.description, c.admits});
  auto store = context.pool->lease();
  if (!store.ok()) return store.error();
  auto watchlists = (*store.value()).list_watchlists();
  if (!watchlists.ok()) return watchlists.error();
  for (const Watchlist& w : watchlists.value()) {
    all.push_back(
        {watchlist_collection_id(w.id), "Watchlist: " + w.name,
         "Every STIX object Osprey derives from the articles that alerted for watchlist " +
             std::to_string(w.id),
         any_object, w.id});
  }
  return all;
}

std::string version_of(const nlohmann::json& object, int64_t date_added) {
  if (object.contains("modified")) return object["modified"].get<std::string>();
  if (object.contains("created")) return object["created"].get<std::string>();
  return exporting::rfc3339_millis(date_added);
}

// Every object version the collection holds, ordered by (date_added, id,
// version): from the cache while the store's data version is the same.
Result<TaxiiEntries> collection_entries(ServerContext& context, const CollectionInfo& collection) {
  auto store = context.pool->lease();
  if (!store.ok()) return store.error();
  // Read before exporting: a write meanwhile makes the next request export again.
  auto data_version = (*store.value()).data_version();
  if (!data_version.ok()) return data_version.error();
  std::unique_lock<std::mutex> exporting;
  if (context.taxii_cache) {
    if (auto cached = context.taxii_cache->find(collection.id, data_version.value())) return cached;
    exporting = std::unique_lock(context.taxii_cache->export_mutex());
    if (auto cached = context.taxii_cache->find(collection.id, data_version.value())) return cached;
  }
  pipeline::ExportSelection selection;
  selection.watchlist_id = collection.watchlist_id;
  auto set = pipeline::collect_export_set(*store.value(), context.kb, selection, 0);
  if (!set.ok()) return set.error();
  exporting::ExportOptions options;
  options.kb = context.kb;
  std::map<std::pair<std::string, std::string>, Entry> versions;
  for (const exporting::ExportStory& story : set.value().stories) {
    int64_t added = story.last_seen;
    exporting::ExportSet one{added, {story}};
    auto bundle = nlohmann::json::parse(exporting::to_stix_bundle(one, options), nullptr, false);
    if (bundle.is_discarded() || !bundle.contains("objects")) continue;
    for (auto& object : bundle["objects"]) {
      if (!collection.admits(object)) continue;
      Entry entry;
      entry.id = object.value("id", "");
      entry.type = object.value("type", "");
      entry.spec_version = object.value("spec_version", "2.1");
      entry.version = version_of(object, added);
      entry.date_added = added;
      entry.object = std::move(object);
      auto key = std::make_pair(entry.id, entry.version);
      auto found = versions.find(key);
      if (found == versions.end() || found->second.date_added > entry.date_added)
        versions[key] = std::move(entry);
    }
  }
  // `versions` is ordered by (id, version): an id's first and last are at its ends.
  for (auto it = versions.begin(); it != versions.end(); ++it) {
    auto next = std::next(it);
    it->second.first = it == versions.begin() || std::prev(it)->first.first != it->first.first;
    it->second.last = next == versions.end() || next->first.first != it->first.first;
  }
  auto entries = std::make_shared<std::vector<Entry>>();
  for (auto& [key, entry] : versions) {
    entry.text = entry.object.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    entries->push_back(std::move(entry));
  }
  std::sort(entries->begin(), entries->end(), [](const Entry& a, const Entry& b) {
    return std::tie(a.date_added, a.id, a.version) < std::tie(b.date_added, b.id, b.version);
  });
  if (context.taxii_cache) context.taxii_cache->put(collection.id, data_version.value(), entries);
  return TaxiiEntries(std::move(entries));
}

// "a,b,c" → {a, b, c}; empty when the parameter is absent.
std::set<std::string> list_param(const httplib::Request& req, const char* name) {
  std::set<std::string> values;
  if (!req.has_param(name)) return values;
  for (size_t i = 0; i < req.get_param_value_count(name); ++i) {
    std::string all = req.get_param_value(name, i);
    size_t start = 0;
    while (start <= all.size()) {
      size_t comma = all.find(',', start);
      if (comma == std::string::npos) comma = all.size();
      if (comma > start) values.insert(all.substr(start, comma - start));
      start = comma + 1;
    }
  }
  return values;
}

// A TAXII timestamp ("2024-11-05T10:15:00.000Z"), fractions dropped.
std::optional<int64_t> parse_timestamp(std::string text) {
  size_t dot = text.find('.');
  if (dot != std::string::npos) {
    size_t end = dot + 1;
    while (end < text.size() && text[end] >= '0' && text[end] <= '9') ++end;
    text.erase(dot, end - dot);
  }
  if (text.size() < 11 || text[10] != 'T') return std::nullopt;
  return text::parse_since(text, 0);
}

// The filters of §3.5: added_after, match[id|type|version|spec_version].
// An Error names an unreadable filter.
Result<std::vector<const Entry*>> filter(const std::vector<Entry>& entries,
                                         const httplib::Request& req, const std::string& only_id) {
  int64_t added_after = -1;
  if (req.has_param("added_after")) {
    auto t = parse_timestamp(req.get_param_value("added_after"));
    if (!t) return Error{"added_after: expected a timestamp like 2024-11-05T10:15:00.000Z"};
    added_after = *t;
  }
  auto ids = list_param(req, "match[id]");
  if (!only_id.empty()) ids = {only_id};
  auto types = list_param(req, "match[type]");
  auto specs = list_param(req, "match[spec_version]");
  auto versions = list_param(req, "match[version]");
  if (versions.empty()) versions = {"last"};
  std::vector<const Entry*> kept;
  for (const Entry& e : entries) {
    if (e.date_added <= added_after) continue;
    if (!ids.empty() && !ids.count(e.id)) continue;
    if (!types.empty() && !types.count(e.type)) continue;
    if (!specs.empty() && !specs.count(e.spec_version)) continue;
    bool version_ok = versions.count("all") || versions.count(e.version) ||
                      (versions.count("first") && e.first) || (versions.count("last") && e.last);
    if (version_ok) kept.push_back(&e);
  }
  return kept;
}

// Answers 406 unless the Accept header admits the TAXII media type.
bool acceptable(const httplib::Request& req, httplib::Response& res) {
  if (!req.has_header("Accept")) return true;
  std::string accept = req.get_header_value("Accept");
  size_t start = 0;
  while (start <= accept.size()) {
    size_t comma = accept.find(',', start);
    if (comma == std::string::npos) comma = accept.size();
    std::string item = accept.substr(start, comma - start);
    std::string compact;
    for (char c : item) {
      if (c != ' ' && c != '\t') compact.push_back(static_cast<char>(std::tolower(c)));
    }
    std::string type = compact.substr(0, compact.find(';'));
    std::string params = compact.size() > type.size() ? compact.substr(type.size()) : "";
    bool version_ok = params.find("version=") == std::string::npos ||
                      params.find("version=2.1") != std::string::npos;
    if (type == "*/*" || type == "application/*" ||
        (type == "application/taxii+json" && version_ok))
      return true;
    start = comma + 1;
  }
  send_taxii_error(res, 406, "Not Acceptable",
                   std::string("this server answers only ") + kTaxiiMediaType);
  return false;
}

void send_taxii(httplib::Response& res, const nlohmann::json& body) {
  send_json(res, 200, body, kTaxiiMediaType);
}

void discovery(ServerContext&, const httplib::Request& req, httplib::Response& res, const Args&) {
  if (!acceptable(req, res)) return;
  send_taxii(res, {{"title", "Osprey TAXII 2.1"},
                   {"description", "Threat intelligence Osprey derives from security news"},
                   {"default", "/taxii2/api/"},
                   {"api_roots", {"/taxii2/api/"}}});
}

void api_root(ServerContext&, const httplib::Request& req, httplib::Response& res, const Args&) {
  if (!acceptable(req, res)) return;
  send_taxii(
      res, {{"title", "Osprey"}, {"versions", {kTaxiiMediaType}}, {"max_content_length", 1 << 20}});
}

nlohmann::json collection_json(const CollectionInfo& c) {
  return {{"id", c.id},
          {"title", c.title},
          {"description", c.description},
          {"can_read", true},
          {"can_write", false},
          {"media_types", {"application/stix+json;version=2.1"}}};
}

void collections(ServerContext& context, const httplib::Request& req, httplib::Response& res,
                 const Args&) {
  if (!acceptable(req, res)) return;
  auto found = all_collections(context);
  if (!found.ok()) return send_taxii_error(res, 500, "Internal Error", found.error().message);
  nlohmann::json all = nlohmann::json::array();
  for (const CollectionInfo& c : found.value()) all.push_back(collection_json(c));
  send_taxii(res, {{"collections", all}});
}

// The collection with this id; answers 404 (or 500) and returns nullopt otherwise.
std::optional<CollectionInfo> collection_or_404(ServerContext& context, const std::string& id,
                                                httplib::Response& res) {
  auto found = all_collections(context);
  if (!found.ok()) {
    send_taxii_error(res, 500, "Internal Error", found.error().message);
    return std::nullopt;
  }
  for (CollectionInfo& c : found.value()) {
    if (c.id == id) return std::move(c);
  }
  send_taxii_error(res, 404, "Not Found", "no collection " + id);
  return std::nullopt;
}

void collection(ServerContext& context, const httplib::Request& req, httplib::Response& res,
                const Args& args) {
  if (!acceptable(req, res)) return;
  if (auto c = collection_or_404(context, args[0], res)) send_taxii(res, collection_json(*c));
}

// The filtered entries and the page asked for; false after answering an error.
struct Page {
  std::vector<const Entry*> entries;
  bool more = false;
  size_t next = 0;
};

bool read_page(ServerContext& context, const httplib::Request& req, httplib::Response& res,
               const std::string& collection_id, const std::string& only_id, TaxiiEntries& storage,
               Page& page) {
  if (!acceptable(req, res)) return false;
  auto c = collection_or_404(context, collection_id, res);
  if (!c) return false;
  auto limit = count_param(req, "limit", 100, kMaxPage);
  if (!limit.ok()) {
    send_taxii_error(res, 400, "Bad Request", limit.error().message);
    return false;
  }
  size_t offset = 0;
  if (req.has_param("next")) {
    auto n = parse_id(req.get_param_value("next"));
    if (!n) {
      send_taxii_error(res, 400, "Bad Request", "next: not one this server gave out");
      return false;
    }
    offset = static_cast<size_t>(*n);
  }
  auto entries = collection_entries(context, *c);
  if (!entries.ok()) {
    send_taxii_error(res, 500, "Internal Error", entries.error().message);
    return false;
  }
  storage = std::move(entries.value());
  auto kept = filter(*storage, req, only_id);
  if (!kept.ok()) {
    send_taxii_error(res, 400, "Bad Request", kept.error().message);
    return false;
  }
  const auto& all = kept.value();
  if (!only_id.empty() && all.empty()) {
    send_taxii_error(res, 404, "Not Found", "no object " + only_id + " in " + collection_id);
    return false;
  }
  for (size_t i = offset; i < all.size() && page.entries.size() < limit.value(); ++i)
    page.entries.push_back(all[i]);
  page.next = offset + page.entries.size();
  page.more = page.next < all.size();
  if (!page.entries.empty()) {
    res.set_header("X-TAXII-Date-Added-First",
                   exporting::rfc3339_millis(page.entries.front()->date_added));
    res.set_header("X-TAXII-Date-Added-Last",
                   exporting::rfc3339_millis(page.entries.back()->date_added));
  }
  return true;
}

nlohmann::json envelope(const Page& page, nlohmann::json items, const char* key) {
  nlohmann::json body = {{"more", page.more}};
  if (page.more) body["next"] = std::to_string(page.next);
  if (!items.empty()) body[key] = std::move(items);
  return body;
}

void objects(ServerContext& context, const httplib::Request& req, httplib::Response& res,
             const Args& args) {
  TaxiiEntries storage;
  Page page;
  std::string only_id = args.size() > 1 ? args[1] : "";
  if (!read_page(context, req, res, args[0], only_id, storage, page)) return;
  // The envelope around objects serialized when the collection was exported:
  // a page of a thousand is a concatenation, not a thousand serializations.
  std::string body = envelope(page, nlohmann::json::array(), "objects").dump();
  if (!page.entries.empty()) {
    body.pop_back();  // the closing brace
    body += R"(,"objects":[)";
    for (size_t i = 0; i < page.entries.size(); ++i) {
      if (i) body += ',';
      body += page.entries[i]->text;
    }
    body += "]}";
  }
  res.status = 200;
  res.set_content(std::move(body), kTaxiiMediaType);
}

void manifest(ServerContext& context, const httplib::Request& req, httplib::Response& res,
              const Args& args) {
  TaxiiEntries storage;
  Page page;
  if (!read_page(context, req, res, args[0], "", storage, page)) return;
  nlohmann::json items = nlohmann::json::array();
  for (const Entry* e : page.entries) {
    items.push_back({{"id", e->id},
                     {"date_added", exporting::rfc3339_millis(e->date_added)},
                     {"version", e->version},
                     {"media_type", "application/stix+json;version=2.1"}});
  }
  send_taxii(res, envelope(page, std::move(items), "objects"));
}

void versions(ServerContext& context, const httplib::Request& req, httplib::Response& res,
              const Args& args) {
  // Every version unless match[version] narrows it (§5.7).
  httplib::Request all = req;
  if (!all.has_param("match[version]")) all.params.emplace("match[version]", "all");
  TaxiiEntries storage;
  Page page;
  if (!read_page(context, all, res, args[0], args[1], storage, page)) return;
  nlohmann::json items = nlohmann::json::array();
  for (const Entry* e : page.entries) items.push_back(e->version);
  send_taxii(res, envelope(page, std::move(items), "versions"));
}

void read_only(ServerContext&, const httplib::Request&, httplib::Response& res, const Args&) {
  send_taxii_error(res, 403, "Forbidden", "Osprey's collections are read-only (can_write false)");
}

}  // namespace

void send_taxii_error(httplib::Response& response, int status, const std::string& title,
                      const std::string& description) {
  send_json(
      response, status,
      {{"title", title}, {"description", description}, {"http_status", std::to_string(status)}},
      kTaxiiMediaType);
}

std::vector<Route> taxii_routes(ServerContext& context) {
  return bind_routes(context,
                     {
                         {"GET", {}, discovery},
                         {"GET", {"api"}, api_root},
                         {"GET", {"api", "collections"}, collections},
                         {"GET", {"api", "collections", "*"}, collection},
                         {"GET", {"api", "collections", "*", "objects"}, objects},
                         {"POST", {"api", "collections", "*", "objects"}, read_only},
                         {"GET", {"api", "collections", "*", "manifest"}, manifest},
                         {"GET", {"api", "collections", "*", "objects", "*"}, objects},
                         {"DELETE", {"api", "collections", "*", "objects", "*"}, read_only},
                         {"GET", {"api", "collections", "*", "objects", "*", "versions"}, versions},
                     });
}

}  // namespace osprey::server
