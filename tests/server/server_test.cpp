// osprey serve over HTTP: the REST API, TAXII 2.1 and tokens, against a
// server started in-process on 127.0.0.1 (ephemeral port) over a store
// filled from the bundled samples.
#include "osprey/server/server.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "cli/cli_support.h"
#include "osprey/server/auth.h"
#include "osprey/store/store.h"
#include "server/server_support.h"

namespace {

using nlohmann::json;
using osprey::testing::kTaxii;
using osprey::testing::osprey;
using osprey::testing::Outcome;
using osprey::testing::Running;
using osprey::testing::scratch;
using osprey::testing::start;

// Every byte but unreserved ones as %XX, for names in a path segment.
std::string percent_encode(const std::string& text) {
  std::string out;
  const char* hex = "0123456789ABCDEF";
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 15]);
    }
  }
  return out;
}

class Serve : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    db_ = (scratch() / "serve.db").string();
    std::filesystem::remove(db_);
    Outcome ingested =
        osprey("ingest --db " + db_ + " " + std::string(OSPREY_SOURCE_DIR) + "/samples");
    ASSERT_EQ(ingested.status, 0) << ingested.err;
    auto store = osprey::store::open_store(db_);
    ASSERT_TRUE(store.ok());
    using osprey::server::Role;
    reader_ = osprey::server::create_token(*store.value(), Role::reader, "test reader").value();
    writer_ = osprey::server::create_token(*store.value(), Role::writer, "test writer").value();
    web_ = (scratch() / "web").string();
    std::filesystem::create_directories(web_);
    std::ofstream(web_ + "/index.html") << "<!doctype html><title>Osprey UI</title>";
    server_ = start(db_, false, web_).release();
    open_ = start(db_, true).release();
    ASSERT_NE(server_, nullptr);
    ASSERT_NE(open_, nullptr);
  }
  static void TearDownTestSuite() {
    delete server_;
    delete open_;
  }

  static httplib::Client client(const std::string& token = reader_) {
    httplib::Client c("127.0.0.1", server_->server->port());
    if (!token.empty()) c.set_bearer_token_auth(token.c_str());
    return c;
  }
  static json get_json(const std::string& path, int expected = 200) {
    auto r = client().Get(path.c_str());
    EXPECT_TRUE(r) << path;
    if (!r) return nullptr;
    EXPECT_EQ(r->status, expected) << path << ": " << r->body;
    return json::parse(r->body, nullptr, false);
  }
  static json taxii(const std::string& path, int expected = 200) {
    auto r = client().Get(path.c_str(), {{"Accept", kTaxii}});
    EXPECT_TRUE(r) << path;
    if (!r) return nullptr;
    EXPECT_EQ(r->status, expected) << path << ": " << r->body;
    EXPECT_EQ(r->get_header_value("Content-Type"), kTaxii) << path;
    return json::parse(r->body, nullptr, false);
  }

  static std::string db_, reader_, writer_, web_;
  static Running* server_;
  static Running* open_;
};
std::string Serve::db_, Serve::reader_, Serve::writer_, Serve::web_;
Running* Serve::server_ = nullptr;
Running* Serve::open_ = nullptr;

TEST_F(Serve, HealthNeedsNoTokenAndEveryResponseCarriesTheSecurityHeaders) {
  auto anonymous = client("");
  auto health = anonymous.Get("/api/v1/health");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  EXPECT_EQ(json::parse(health->body)["status"], "ok");
  for (const char* path : {"/api/v1/health", "/api/v1/stories", "/nowhere", "/taxii2/"}) {
    auto r = anonymous.Get(path);
    ASSERT_TRUE(r) << path;
    EXPECT_EQ(r->get_header_value("Content-Security-Policy"), "default-src 'self'") << path;
    EXPECT_EQ(r->get_header_value("X-Content-Type-Options"), "nosniff") << path;
  }
}

TEST_F(Serve, TheWebUiIsServedWithoutATokenTheDataIsNot) {
  auto anonymous = client("");
  auto page = anonymous.Get("/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("Osprey UI"), std::string::npos);
  EXPECT_EQ(page->get_header_value("Content-Security-Policy"), "default-src 'self'");
  auto data = anonymous.Get("/api/v1/stories");
  ASSERT_TRUE(data);
  EXPECT_EQ(data->status, 401);
  auto escape = anonymous.Get("/../../etc/passwd");
  ASSERT_TRUE(escape);
  EXPECT_NE(escape->status, 200);
}

TEST_F(Serve, WithoutAValidTokenRequestsAre401) {
  auto r = client("").Get("/api/v1/stories");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 401);
  EXPECT_TRUE(json::parse(r->body).contains("error"));
  auto wrong = client("osp_not_a_token").Get("/api/v1/stories");
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 401);
  auto taxii = client("").Get("/taxii2/api/collections/", {{"Accept", kTaxii}});
  ASSERT_TRUE(taxii);
  EXPECT_EQ(taxii->status, 401);
  auto error = json::parse(taxii->body);
  EXPECT_EQ(error["http_status"], "401");
  EXPECT_TRUE(error.contains("title"));
}

TEST_F(Serve, ReadersCannotChangeFeedsWritersCan) {
  const std::string body = R"({"url": "https://news.example/feed.xml", "title": "Example"})";
  auto refused = client(reader_).Post("/api/v1/feeds", body, "application/json");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 403);
  auto added = client(writer_).Post("/api/v1/feeds", body, "application/json");
  ASSERT_TRUE(added);
  EXPECT_EQ(added->status, 201) << added->body;
  json feeds = get_json("/api/v1/feeds");
  bool listed = false;
  for (const auto& f : feeds) listed |= f["url"] == "https://news.example/feed.xml";
  EXPECT_TRUE(listed);
  auto bad = client(writer_).Post("/api/v1/feeds", "{\"url\": 3}", "application/json");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  auto removed = client(writer_).Delete("/api/v1/feeds?url=https://news.example/feed.xml");
  ASSERT_TRUE(removed);
  EXPECT_EQ(removed->status, 200);
  auto again = client(writer_).Delete("/api/v1/feeds?url=https://news.example/feed.xml");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 404);
}

TEST_F(Serve, OpenModeReadsWithoutATokenButNeverWrites) {
  httplib::Client anonymous("127.0.0.1", open_->server->port());
  auto read = anonymous.Get("/api/v1/stories");
  ASSERT_TRUE(read);
  EXPECT_EQ(read->status, 200);
  auto write =
      anonymous.Post("/api/v1/feeds", R"({"url": "https://a.example/f"})", "application/json");
  ASSERT_TRUE(write);
  EXPECT_EQ(write->status, 401);
}

TEST_F(Serve, StoriesPageWithACursor) {
  json all = get_json("/api/v1/stories?limit=500");
  ASSERT_GE(all["stories"].size(), 2u);
  std::vector<int64_t> paged;
  std::string path = "/api/v1/stories?limit=1";
  for (int guard = 0; guard < 100; ++guard) {
    json page = get_json(path);
    ASSERT_LE(page["stories"].size(), 1u);
    for (const auto& s : page["stories"]) paged.push_back(s["id"]);
    if (page["next_cursor"].is_null()) break;
    path = "/api/v1/stories?limit=1&cursor=" + page["next_cursor"].get<std::string>();
  }
  std::vector<int64_t> expected;
  for (const auto& s : all["stories"]) expected.push_back(s["id"]);
  EXPECT_EQ(paged, expected);
  get_json("/api/v1/stories?limit=0", 400);
  get_json("/api/v1/stories?since=someday", 400);
  get_json("/api/v1/stories?cursor=abc", 400);
}

TEST_F(Serve, OneStoryAsTheCliShowsIt) {
  json all = get_json("/api/v1/stories");
  ASSERT_FALSE(all["stories"].empty());
  int64_t id = all["stories"][0]["id"];
  json story = get_json("/api/v1/stories/" + std::to_string(id));
  Outcome cli = osprey("story -f json --db " + db_ + " " + std::to_string(id));
  ASSERT_EQ(cli.status, 0) << cli.err;
  EXPECT_EQ(story, json::parse(cli.out));
  get_json("/api/v1/stories/999999", 404);
  get_json("/api/v1/stories/abc", 400);
}

TEST_F(Serve, ArticlesPageAndFilter) {
  json first = get_json("/api/v1/articles?limit=2");
  ASSERT_EQ(first["articles"].size(), 2u);
  ASSERT_TRUE(first["next_cursor"].is_string());
  json second =
      get_json("/api/v1/articles?limit=2&cursor=" + first["next_cursor"].get<std::string>());
  ASSERT_FALSE(second["articles"].empty());
  EXPECT_GT(second["articles"][0]["id"].get<int64_t>(), first["articles"][1]["id"].get<int64_t>());
  json noise = get_json("/api/v1/articles?label=noise");
  for (const auto& a : noise["articles"]) EXPECT_EQ(a["relevance"]["label"], "noise");
  get_json("/api/v1/articles?label=spicy", 400);
  int64_t id = first["articles"][0]["id"];
  json article = get_json("/api/v1/articles/" + std::to_string(id));
  EXPECT_TRUE(article.contains("text"));
  EXPECT_TRUE(article.contains("findings"));
  get_json("/api/v1/articles/999999", 404);
}

TEST_F(Serve, SearchEntityAndIndicator) {
  json found = get_json("/api/v1/search?q=ransomware");
  EXPECT_FALSE(found.empty());
  get_json("/api/v1/search", 400);
  get_json("/api/v1/search?q=nosuchfield:x", 400);
  get_json("/api/v1/entities/NoSuchActorAnywhere", 404);
  json story =
      get_json("/api/v1/stories/" +
               std::to_string(get_json("/api/v1/stories")["stories"][0]["id"].get<int64_t>()));
  if (!story["entities"].empty()) {
    std::string name = story["entities"][0]["name"];
    json entity = get_json("/api/v1/entities/" + percent_encode(name));
    EXPECT_TRUE(entity.contains("timeline"));
    for (const json& r : entity["relations"])
      EXPECT_FALSE(r["other_id"].get<std::string>().empty());
  }
  get_json("/api/v1/indicators/203.0.113.250", 404);
  json stories = get_json("/api/v1/stories");  // kept alive: the loop walks into it
  for (const auto& s : stories["stories"]) {
    json full = get_json("/api/v1/stories/" + std::to_string(s["id"].get<int64_t>()));
    if (full["observables"].empty()) continue;
    std::string value = full["observables"][0]["value"];
    json sightings = get_json("/api/v1/indicators/" + percent_encode(value));
    EXPECT_FALSE(sightings.empty());
    break;
  }
}

TEST_F(Serve, EntityAndIndicatorListingsAndATimeline) {
  json listed = get_json("/api/v1/entities?since=2000-01-01");
  ASSERT_FALSE(listed["entities"].empty());
  int64_t previous = INT64_MAX;
  for (const auto& e : listed["entities"]) {
    EXPECT_LE(e["articles"].get<int64_t>(), previous);  // most reported first
    previous = e["articles"].get<int64_t>();
    EXPECT_TRUE(e.contains("id") && e.contains("name") && e.contains("last_seen"));
  }
  json actors = get_json("/api/v1/entities?since=2000-01-01&type=intrusion-set&limit=3");
  EXPECT_LE(actors["entities"].size(), 3u);
  for (const auto& e : actors["entities"]) EXPECT_EQ(e["type"], "intrusion-set");
  get_json("/api/v1/entities?limit=0", 400);
  get_json("/api/v1/entities?since=yesterdayish", 400);
  EXPECT_TRUE(get_json("/api/v1/entities?since=2999-01-01")["entities"].empty());

  // The timeline endpoint agrees with the entity page.
  std::string name = listed["entities"][0]["name"];
  json entity = get_json("/api/v1/entities/" + percent_encode(name));
  json timeline = get_json("/api/v1/entities/" + percent_encode(name) + "/timeline");
  EXPECT_EQ(timeline["timeline"], entity["timeline"]);
  EXPECT_EQ(timeline["id"], entity["id"]);
  get_json("/api/v1/entities/NoSuchActorAnywhere/timeline", 404);

  json indicators = get_json("/api/v1/indicators?since=2000-01-01&type=domain,url");
  ASSERT_FALSE(indicators["indicators"].empty());
  for (const auto& i : indicators["indicators"]) {
    EXPECT_TRUE(i["type"] == "domain" || i["type"] == "url") << i.dump();
    EXPECT_GE(i["articles"].get<int64_t>(), 1);
  }
  std::string value = indicators["indicators"][0]["value"];
  EXPECT_FALSE(get_json("/api/v1/indicators/" + percent_encode(value)).empty());
}

TEST_F(Serve, AttackTechniquesForTheMatrixFromTheKnowledgeBase) {
  const std::set<std::string> enterprise_tactics = {"reconnaissance",  "resource-development",
                                                    "initial-access",  "execution",
                                                    "persistence",     "privilege-escalation",
                                                    "defense-evasion", "credential-access",
                                                    "discovery",       "lateral-movement",
                                                    "collection",      "command-and-control",
                                                    "exfiltration",    "impact"};
  json all = get_json("/api/v1/attack/techniques");
  ASSERT_TRUE(all.is_array());
  EXPECT_GT(all.size(), 500u);
  std::set<std::string> ids;
  json spearphishing, phishing;
  for (const json& t : all) {
    std::string id = t["id"];
    EXPECT_TRUE(ids.insert(id).second) << id << " twice";
    for (const json& tactic : t["tactics"]) EXPECT_TRUE(enterprise_tactics.count(tactic)) << tactic;
    if (id.find('.') != std::string::npos)
      EXPECT_EQ(t["parent"], id.substr(0, id.find('.'))) << id;
    else
      EXPECT_TRUE(t["parent"].is_null()) << id;
    if (id == "T1566.001") spearphishing = t;
    if (id == "T1566") phishing = t;
  }
  EXPECT_EQ(spearphishing["name"], "Spearphishing Attachment");
  EXPECT_EQ(spearphishing["tactics"], json::array({"initial-access"}));
  EXPECT_EQ(phishing["name"], "Phishing");
  EXPECT_EQ(ids.count("T1603"), 0u) << "a mobile-only technique";
  EXPECT_EQ(ids.count("T1193"), 0u) << "a revoked technique";
  // Cached: the same bytes again; readers need a token like for any read.
  auto again = client().Get("/api/v1/attack/techniques");
  ASSERT_TRUE(again);
  EXPECT_EQ(json::parse(again->body), all);
  auto anonymous = client("").Get("/api/v1/attack/techniques");
  ASSERT_TRUE(anonymous);
  EXPECT_EQ(anonymous->status, 401);
}

TEST_F(Serve, ExportsInEveryFormat) {
  for (const char* format : {"stix", "misp", "navigator", "csv", "ndjson", "digest"}) {
    auto r = client().Get((std::string("/api/v1/export/") + format).c_str());
    ASSERT_TRUE(r) << format;
    EXPECT_EQ(r->status, 200) << format;
    EXPECT_FALSE(r->body.empty()) << format;
  }
  get_json("/api/v1/export/yaml", 404);
  get_json("/api/v1/export/stix?story=999999", 404);
  get_json("/api/v1/export/stix?min_confidence=101", 400);
  get_json("/api/v1/export/stix?entity=NoSuchActorAnywhere", 404);
}

TEST_F(Serve, MetricsAndWrongMethods) {
  get_json("/api/v1/health");
  auto r = client().Get("/api/v1/metrics");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  for (const char* name :
       {"osprey_articles_total", "osprey_feeds_failing", "osprey_http_requests_total{code=\"200\"}",
        "osprey_http_request_duration_seconds_bucket"})
    EXPECT_NE(r->body.find(name), std::string::npos) << name;
  auto put = client(writer_).Put("/api/v1/stories", "", "application/json");
  ASSERT_TRUE(put);
  EXPECT_EQ(put->status, 405);
  get_json("/api/v1/nothing-here", 404);
}

TEST_F(Serve, TaxiiDiscoveryRootAndCollections) {
  json discovery = taxii("/taxii2/");
  EXPECT_EQ(discovery["api_roots"][0], "/taxii2/api/");
  json root = taxii("/taxii2/api/");
  EXPECT_EQ(root["versions"][0], kTaxii);
  EXPECT_GT(root["max_content_length"].get<int64_t>(), 0);
  json collections = taxii("/taxii2/api/collections/");
  std::set<std::string> ids;
  for (const auto& c : collections["collections"]) {
    ids.insert(c["id"]);
    EXPECT_EQ(c["can_write"], false);
  }
  EXPECT_TRUE(ids.count("all"));
  EXPECT_TRUE(ids.count("high-confidence-indicators"));
  EXPECT_EQ(taxii("/taxii2/api/collections/all/")["id"], "all");
  json missing = taxii("/taxii2/api/collections/nope/", 404);
  EXPECT_EQ(missing["http_status"], "404");
}

TEST_F(Serve, TaxiiChecksTheAcceptHeader) {
  auto refused = client().Get("/taxii2/api/", {{"Accept", "text/html"}});
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 406);
  EXPECT_EQ(json::parse(refused->body)["http_status"], "406");
  auto old = client().Get("/taxii2/api/", {{"Accept", "application/taxii+json;version=2.0"}});
  ASSERT_TRUE(old);
  EXPECT_EQ(old->status, 406);
  auto any = client().Get("/taxii2/api/", {{"Accept", "*/*"}});
  ASSERT_TRUE(any);
  EXPECT_EQ(any->status, 200);
}

TEST_F(Serve, TaxiiObjectsPageWithNextAndMore) {
  json all = taxii("/taxii2/api/collections/all/objects/?limit=1000");
  ASSERT_GE(all["objects"].size(), 3u);
  EXPECT_EQ(all["more"], false);
  std::vector<std::string> paged;
  std::string path = "/taxii2/api/collections/all/objects/?limit=2";
  for (int guard = 0; guard < 1000; ++guard) {
    auto r = client().Get(path.c_str(), {{"Accept", kTaxii}});
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200);
    EXPECT_FALSE(r->get_header_value("X-TAXII-Date-Added-First").empty());
    EXPECT_FALSE(r->get_header_value("X-TAXII-Date-Added-Last").empty());
    json page = json::parse(r->body);
    for (const auto& o : page["objects"]) paged.push_back(o["id"]);
    if (!page["more"].get<bool>()) break;
    path = "/taxii2/api/collections/all/objects/?limit=2&next=" + page["next"].get<std::string>();
  }
  std::vector<std::string> expected;
  for (const auto& o : all["objects"]) expected.push_back(o["id"]);
  EXPECT_EQ(paged, expected);
  taxii("/taxii2/api/collections/all/objects/?limit=0", 400);
  taxii("/taxii2/api/collections/all/objects/?next=x", 400);
}

TEST_F(Serve, TaxiiFilters) {
  json indicators = taxii("/taxii2/api/collections/all/objects/?match[type]=indicator");
  ASSERT_FALSE(indicators["objects"].empty());
  for (const auto& o : indicators["objects"]) EXPECT_EQ(o["type"], "indicator");
  json confident = taxii("/taxii2/api/collections/high-confidence-indicators/objects/");
  for (const auto& o : confident.value("objects", json::array())) {
    EXPECT_EQ(o["type"], "indicator");
    EXPECT_GE(o["confidence"].get<int>(), 75);
  }
  json later = taxii("/taxii2/api/collections/all/objects/?added_after=2999-01-01T00:00:00.000Z");
  EXPECT_FALSE(later.contains("objects"));
  json earlier = taxii("/taxii2/api/collections/all/objects/?added_after=1971-01-01T00:00:00.000Z");
  EXPECT_FALSE(earlier["objects"].empty());
  taxii("/taxii2/api/collections/all/objects/?added_after=yesterday", 400);
  std::string id = indicators["objects"][0]["id"];
  json one = taxii("/taxii2/api/collections/all/objects/?match[id]=" + id);
  ASSERT_EQ(one["objects"].size(), 1u);
  EXPECT_EQ(one["objects"][0]["id"], id);
  json none = taxii("/taxii2/api/collections/all/objects/?match[spec_version]=2.0");
  EXPECT_FALSE(none.contains("objects"));
}

TEST_F(Serve, TaxiiObjectManifestAndVersions) {
  json indicators = taxii("/taxii2/api/collections/all/objects/?match[type]=indicator");
  ASSERT_FALSE(indicators["objects"].empty());
  std::string id = indicators["objects"][0]["id"];
  json one = taxii("/taxii2/api/collections/all/objects/" + id + "/");
  EXPECT_EQ(one["objects"][0]["id"], id);
  json versions = taxii("/taxii2/api/collections/all/objects/" + id + "/versions/");
  ASSERT_FALSE(versions["versions"].empty());
  taxii("/taxii2/api/collections/all/objects/indicator--00000000-0000-0000-0000-000000000000/",
        404);
  json manifest = taxii("/taxii2/api/collections/all/manifest/?match[type]=indicator");
  ASSERT_FALSE(manifest["objects"].empty());
  EXPECT_TRUE(manifest["objects"][0].contains("date_added"));
  EXPECT_TRUE(manifest["objects"][0].contains("version"));
  EXPECT_EQ(manifest["objects"][0]["media_type"], "application/stix+json;version=2.1");
}

TEST_F(Serve, TaxiiBasicAuthWithTheTokenAsPasswordAndReadOnlyCollections) {
  httplib::Client basic("127.0.0.1", server_->server->port());
  basic.set_basic_auth("any-user", reader_.c_str());
  auto r = basic.Get("/taxii2/api/collections/", {{"Accept", kTaxii}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  auto post = client(writer_).Post("/taxii2/api/collections/all/objects/", {{"Accept", kTaxii}},
                                   "{}", "application/taxii+json;version=2.1");
  ASSERT_TRUE(post);
  EXPECT_EQ(post->status, 403);
  EXPECT_EQ(json::parse(post->body)["http_status"], "403");
}

// The join the web UI's heat map makes: an entity's technique relation names
// the technique by other_id, the id /attack/techniques lists as "entity".
TEST(ServeEntity, TechniqueRelationsCarryTheIdTheAttackCatalogueLists) {
  std::string db = (scratch() / "techniques.db").string();
  std::filesystem::remove(db);
  std::string report =
      std::string(OSPREY_SOURCE_DIR) + "/web/test/fixtures/real/kimsuky-think-tanks.txt";
  Outcome ingested = osprey("ingest --db " + db + " " + report);
  ASSERT_EQ(ingested.status, 0) << ingested.err;
  auto running = start(db, true);
  ASSERT_NE(running, nullptr);
  httplib::Client c("127.0.0.1", running->server->port());
  auto entity = c.Get("/api/v1/entities/Kimsuky");
  auto catalogue = c.Get("/api/v1/attack/techniques");
  ASSERT_TRUE(entity && catalogue);
  ASSERT_EQ(entity->status, 200) << entity->body;
  json techniques = json::parse(catalogue->body), kimsuky = json::parse(entity->body);
  std::string spearphishing;
  for (const json& t : techniques)
    if (t["id"] == "T1566.001") spearphishing = t["entity"];
  ASSERT_FALSE(spearphishing.empty());
  bool found = false;
  for (const json& r : kimsuky["relations"]) {
    if (r["other_type"] != "attack-pattern") continue;
    EXPECT_TRUE(r["other_id"].get<std::string>().starts_with("attack-pattern--")) << r;
    found = found || (r["other_id"] == spearphishing && r["other"] == "Spearphishing Attachment");
  }
  EXPECT_TRUE(found) << "Kimsuky uses T1566.001 in the report: " << entity->body;
}

TEST(ServeCli, TokenCreatePrintsTheTokenOnItsLastLine) {
  std::string db = (scratch() / "tokens.db").string();
  std::filesystem::remove(db);
  Outcome created = osprey("token create --role writer --name ci --db " + db);
  ASSERT_EQ(created.status, 0) << created.err;
  std::string out = created.out;
  while (!out.empty() && out.back() == '\n') out.pop_back();
  std::string last = out.substr(out.rfind('\n') + 1);
  EXPECT_TRUE(last.starts_with("osp_")) << last;
  Outcome listed = osprey("token list --db " + db);
  EXPECT_NE(listed.out.find("writer"), std::string::npos);
  EXPECT_EQ(listed.out.find(last), std::string::npos) << "only the hash is stored";
  EXPECT_EQ(osprey("token create --role root --db " + db).status, 2);
}

}  // namespace

namespace {

int64_t cache_hits(httplib::Client& client) {
  auto metrics = client.Get("/api/v1/metrics");
  if (!metrics) return -1;
  std::string marker = "\nosprey_api_cache_hits_total ";
  size_t at = metrics->body.find(marker);
  return at == std::string::npos ? -1 : std::stoll(metrics->body.substr(at + marker.size()));
}

TEST(ServeCache, RepeatedReadsAreAnsweredOnceUntilTheStoreChanges) {
  std::string db = (scratch() / "cache.db").string();
  std::filesystem::remove(db);
  ASSERT_EQ(osprey("ingest --no-entities --db " + db + " " + std::string(OSPREY_SOURCE_DIR) +
                   "/samples/gadget-news.txt")
                .status,
            0);
  auto running = start(db, true);
  ASSERT_NE(running, nullptr);
  httplib::Client client("127.0.0.1", running->server->port());
  int64_t before = cache_hits(client);
  ASSERT_GE(before, 0);
  auto first = client.Get("/api/v1/articles?label=noise");
  auto second = client.Get("/api/v1/articles?label=noise");
  ASSERT_TRUE(first && second);
  EXPECT_EQ(second->status, 200);
  EXPECT_EQ(second->body, first->body);
  EXPECT_EQ(second->get_header_value("Content-Type"), first->get_header_value("Content-Type"));
  EXPECT_EQ(cache_hits(client), before + 1);
  // Other parameters are another answer.
  auto all = client.Get("/api/v1/articles");
  ASSERT_TRUE(all);
  EXPECT_EQ(cache_hits(client), before + 1);

  // A new article (here from another process) makes the answers fresh.
  auto note = osprey::testing::write_file(
      "cache-new.txt", "Wiper strikes utilities\n\nA new wiper hit utilities, researchers said.\n");
  ASSERT_EQ(osprey("ingest --no-entities --db " + db + " " + note).status, 0);
  auto after = client.Get("/api/v1/articles");
  ASSERT_TRUE(after);
  EXPECT_NE(after->body, all->body);
  EXPECT_NE(after->body.find("Wiper strikes utilities"), std::string::npos);
  EXPECT_EQ(cache_hits(client), before + 1);

  // Errors are never kept, and writes are never answered from the cache.
  auto missing = client.Get("/api/v1/articles/424242");
  auto again = client.Get("/api/v1/articles/424242");
  ASSERT_TRUE(missing && again);
  EXPECT_EQ(again->status, 404);
  EXPECT_EQ(cache_hits(client), before + 1);
}

}  // namespace
