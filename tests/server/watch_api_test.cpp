// osprey serve's watchlists and alerts over HTTP (REST and TAXII), against a
// store of its own: alerts come from articles ingested after the watchlist.
#include "osprey/server/watch_api.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <set>

#include "cli/cli_support.h"
#include "osprey/export/uuid5.h"
#include "osprey/server/auth.h"
#include "server/server_support.h"

namespace {

using nlohmann::json;
using osprey::testing::kTaxii;
using osprey::testing::osprey;
using osprey::testing::Running;
using osprey::testing::scratch;

const char* kWatchedReport =
    "Velvet Chollima phishing campaign targets think tanks\n\n"
    "Security researchers say the North Korean group Velvet Chollima sent spear-phishing "
    "emails with malicious attachments to researchers at think tanks. The attackers exploited "
    "CVE-2024-3400 and deployed a backdoor that beaconed to update.files.example.com. The "
    "malware exfiltrated documents to a command and control server at 198.51.100.23.\n";

class WatchApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    db_ = (scratch() / "watch-api.db").string();
    std::filesystem::remove(db_);
    auto store = osprey::store::open_store(db_);
    ASSERT_TRUE(store.ok());
    using osprey::server::Role;
    reader_ = osprey::server::create_token(*store.value(), Role::reader, "reader").value();
    writer_ = osprey::server::create_token(*store.value(), Role::writer, "writer").value();
    server_ = osprey::testing::start(db_, false).release();
    open_ = osprey::testing::start(db_, true).release();
    ASSERT_NE(server_, nullptr);
    ASSERT_NE(open_, nullptr);
  }
  static void TearDownTestSuite() {
    delete server_;
    delete open_;
  }

  static httplib::Client client(const std::string& token, Running* on = server_) {
    httplib::Client c("127.0.0.1", on->server->port());
    if (!token.empty()) c.set_bearer_token_auth(token.c_str());
    return c;
  }
  static json post(const std::string& path, const std::string& body, int expected,
                   const std::string& token = writer_) {
    auto r = client(token).Post(path.c_str(), body, "application/json");
    EXPECT_TRUE(r) << path;
    if (!r) return nullptr;
    EXPECT_EQ(r->status, expected) << path << " " << body << ": " << r->body;
    return json::parse(r->body, nullptr, false);
  }
  static json get(const std::string& path, int expected = 200) {
    auto r = client(reader_).Get(path.c_str());
    EXPECT_TRUE(r) << path;
    if (!r) return nullptr;
    EXPECT_EQ(r->status, expected) << path << ": " << r->body;
    return json::parse(r->body, nullptr, false);
  }
  static json taxii(const std::string& path, int expected = 200) {
    auto r = client(reader_).Get(path.c_str(), {{"Accept", kTaxii}});
    EXPECT_TRUE(r) << path;
    if (!r) return nullptr;
    EXPECT_EQ(r->status, expected) << path << ": " << r->body;
    return json::parse(r->body, nullptr, false);
  }
  static void ingest(const std::string& name, const std::string& text) {
    std::string file = osprey::testing::write_file(name, text);
    auto done = osprey("ingest --db " + db_ + " " + file);
    ASSERT_EQ(done.status, 0) << done.err;
  }
  static double exports() {
    std::string body = client(reader_).Get("/api/v1/metrics")->body;
    size_t at = body.find("\nosprey_taxii_exports_total ");
    return at == std::string::npos ? -1 : std::stod(body.substr(at + 28));
  }
  static int64_t create(const std::string& name, const json& query) {
    json made = post("/api/v1/watchlists", json{{"name", name}, {"query", query}}.dump(), 201);
    return made.value("id", int64_t{0});
  }

  static std::string db_, reader_, writer_;
  static Running* server_;
  static Running* open_;
};
std::string WatchApi::db_, WatchApi::reader_, WatchApi::writer_;
Running* WatchApi::server_ = nullptr;
Running* WatchApi::open_ = nullptr;

TEST_F(WatchApi, CreatingNeedsAWriterAndOpenModeNeverWrites) {
  std::string body = R"({"name": "n", "query": {"cves": ["CVE-2024-3400"]}})";
  post("/api/v1/watchlists", body, 403, reader_);
  post("/api/v1/watchlists", body, 401, "");
  EXPECT_EQ(client("", open_).Post("/api/v1/watchlists", body, "application/json")->status, 401);
  EXPECT_EQ(client("", open_).Get("/api/v1/watchlists")->status, 200);
  EXPECT_EQ(client(reader_).Delete("/api/v1/watchlists/1")->status, 403);
  EXPECT_EQ(client("").Get("/api/v1/alerts")->status, 401);
}

TEST_F(WatchApi, BadInputIs400AndStoresNothing) {
  size_t before = get("/api/v1/watchlists")["watchlists"].size();
  const std::pair<std::string, std::string> cases[] = {
      {"not json", "body"},
      {R"({"query": {"cves": ["CVE-2024-3400"]}})", "name"},
      {R"({"name": "x"})", "query"},
      {R"({"name": "x", "query": {"actors": ["No Such Actor 4242"]}})", "no actor named"},
      {R"({"name": "x", "query": {"networks": ["10.0.0.0/99"]}})", "not an IP network"},
      {R"({"name": "x", "query": {"cves": "CVE-2024-3400"}})", "expected a list of strings"},
      {R"({"name": "x", "query": {"cves": [42]}})", "expected a list of strings"},
      {R"({"name": "x", "query": {"planets": ["Mars"]}})", "unknown field 'planets'"},
      {R"({"name": "x", "query": {}})", "at least one term"},
      {R"j({"name": "x", "query": {"cves": ["CVE-2024-3400"]}, "webhook": "javascript:alert(1)"})j",
       "webhook"},
      {R"({"name": "x", "query": {"cves": ["CVE-2024-3400"]}, "webhook": 7})", "webhook"},
  };
  for (const auto& [body, expected] : cases) {
    json error = post("/api/v1/watchlists", body, 400);
    EXPECT_NE(error.value("error", "").find(expected), std::string::npos) << body << " → " << error;
  }
  EXPECT_EQ(get("/api/v1/watchlists")["watchlists"].size(), before);
  post("/api/v1/watchlists/abc/test", "", 400, reader_);
  post("/api/v1/watchlists/999999/test", "", 404, reader_);
  EXPECT_EQ(client(writer_).Delete("/api/v1/watchlists/999999")->status, 404);
  get("/api/v1/alerts?cursor=zzz", 400);
  get("/api/v1/alerts?watchlist=x", 400);
  get("/api/v1/alerts?limit=0", 400);
}

TEST_F(WatchApi, AWatchlistAlertsOnNewArticlesWhichTheApiListsNewestFirst) {
  json made = post("/api/v1/watchlists",
                   R"({"name": "DPRK", "query": {"actors": ["velvet chollima"],
                       "domains": ["example.com"]}, "webhook": "https://siem.example/hook"})",
                   201);
  int64_t id = made["id"];
  EXPECT_EQ(made["name"], "DPRK");
  EXPECT_EQ(made["query"]["actors"], json::array({"Kimsuky"}));
  EXPECT_EQ(made["query"]["domains"], json::array({"example.com"}));
  for (const char* field : {"malware", "cves", "sectors", "countries", "keywords", "networks"})
    EXPECT_EQ(made["query"][field], json::array()) << field;
  EXPECT_EQ(made["webhook"], "https://siem.example/hook");
  EXPECT_TRUE(made["created_at"].get<std::string>().ends_with("Z"));
  EXPECT_EQ(made["alerts"], 0);
  int64_t other = create("CVE only", {{"cves", {"CVE-2024-3400"}}});

  ingest("dprk-1.txt", kWatchedReport);
  ingest("dprk-2.txt", std::string(kWatchedReport) + "A second wave hit universities.\n");
  json listed = get("/api/v1/watchlists");
  for (const auto& w : listed["watchlists"]) {
    if (w["id"] == id) {
      EXPECT_EQ(w["alerts"], 2);
    }
  }
  json page = get("/api/v1/alerts?watchlist=" + std::to_string(id) + "&limit=1");
  ASSERT_EQ(page["alerts"].size(), 1u);
  const json& newest = page["alerts"][0];
  EXPECT_EQ(newest["watchlist"], (json{{"id", id}, {"name", "DPRK"}}));
  EXPECT_TRUE(newest["article"]["url"].get<std::string>().ends_with("dprk-2.txt"));
  EXPECT_TRUE(newest["article"]["id"].is_number());
  EXPECT_TRUE(newest["story"].is_number() || newest["story"].is_null());
  std::set<std::string> fields;
  for (const auto& m : newest["matched"])
    fields.insert(m["field"].get<std::string>() + "=" + m["value"].get<std::string>());
  EXPECT_EQ(fields, (std::set<std::string>{"actors=Kimsuky", "domains=example.com"}));
  EXPECT_EQ(newest["delivery"]["status"], "pending");
  EXPECT_EQ(newest["delivery"]["attempts"], 0);
  ASSERT_TRUE(page["next_cursor"].is_string());
  json rest = get("/api/v1/alerts?watchlist=" + std::to_string(id) +
                  "&cursor=" + page["next_cursor"].get<std::string>());
  ASSERT_EQ(rest["alerts"].size(), 1u);
  EXPECT_LT(rest["alerts"][0]["id"], newest["id"]);
  EXPECT_TRUE(rest["next_cursor"].is_null());
  EXPECT_EQ(get("/api/v1/alerts?watchlist=" + std::to_string(other))["alerts"].size(), 2u);
  EXPECT_GE(get("/api/v1/alerts")["alerts"].size(), 4u);

  // Trying it on the stored articles needs only a reader.
  json tried = post("/api/v1/watchlists/" + std::to_string(id) + "/test", "", 200, reader_);
  EXPECT_EQ(tried["matches"].size(), 2u);
  EXPECT_TRUE(tried["matches"][0].contains("title"));

  auto removed = client(writer_).Delete(("/api/v1/watchlists/" + std::to_string(id)).c_str());
  ASSERT_TRUE(removed);
  EXPECT_EQ(removed->status, 204);
  EXPECT_EQ(get("/api/v1/alerts?watchlist=" + std::to_string(id))["alerts"].size(), 0u);
  EXPECT_EQ(client(writer_).Delete(("/api/v1/watchlists/" + std::to_string(id)).c_str())->status,
            404);
}

TEST_F(WatchApi, EachWatchlistIsATaxiiCollectionOfItsAlertedArticles) {
  int64_t id = create("Energy intrusions", {{"keywords", {"turbine controllers"}}});
  std::string collection = osprey::exporting::uuid5(
      osprey::exporting::kOspreyNamespace, "taxii-collection:watchlist:" + std::to_string(id));
  json all = taxii("/taxii2/api/collections/");
  bool listed = false;
  for (const auto& c : all["collections"]) {
    if (c["id"] == collection) {
      listed = true;
      EXPECT_EQ(c["title"], "Watchlist: Energy intrusions");
      EXPECT_EQ(c["can_write"], false);
    }
  }
  EXPECT_TRUE(listed);
  std::string objects = "/taxii2/api/collections/" + collection + "/objects/";
  json empty = taxii(objects);
  EXPECT_EQ(empty["more"], false);
  EXPECT_FALSE(empty.contains("objects"));

  ingest("turbines.txt",
         "Sandworm targets turbine controllers\n\nThe Sandworm group deployed Industroyer "
         "malware against turbine controllers at an energy utility in Ukraine, exploiting "
         "CVE-2023-1234 and contacting grid-update.example.net.\n");
  json filled = taxii(objects);
  ASSERT_TRUE(filled.contains("objects")) << filled;
  std::set<std::string> types;
  for (const auto& o : filled["objects"]) types.insert(o["type"]);
  EXPECT_TRUE(types.count("report"));
  EXPECT_TRUE(types.count("vulnerability"));
  for (const auto& o : filled["objects"]) {
    // Only the alerted article: none of the DPRK reports' indicators.
    EXPECT_EQ(o.dump().find("198.51.100.23"), std::string::npos);
    EXPECT_EQ(o.dump().find("update.files.example.com"), std::string::npos);
  }
  EXPECT_EQ(taxii("/taxii2/api/collections/" + collection + "/")["id"], collection);
  ASSERT_EQ(client(writer_).Delete(("/api/v1/watchlists/" + std::to_string(id)).c_str())->status,
            204);
  taxii("/taxii2/api/collections/" + collection + "/objects/", 404);
}

TEST_F(WatchApi, TaxiiPagesComeFromACacheThatANewArticleInvalidates) {
  ingest("cache-1.txt", kWatchedReport);
  json first = taxii("/taxii2/api/collections/all/objects/?limit=2");
  double after_first = exports();
  json second = taxii("/taxii2/api/collections/all/objects/?limit=2&next=" +
                      first.value("next", std::string("0")));
  taxii("/taxii2/api/collections/all/manifest/");
  EXPECT_EQ(exports(), after_first);  // the next page and the manifest were not exported again
  std::set<std::string> before;
  json old_objects = taxii("/taxii2/api/collections/all/objects/?limit=1000");
  for (const auto& o : old_objects["objects"]) before.insert(o["id"]);

  ingest("cache-2.txt",
         "Emotet returns with new lures\n\nThe Emotet botnet is back, researchers say, "
         "sending malicious spreadsheets that download payloads from cdn.lure-host.example.org "
         "and 203.0.113.77; the campaign exploits CVE-2022-30190.\n");
  std::set<std::string> after;
  json new_objects = taxii("/taxii2/api/collections/all/objects/?limit=1000");
  for (const auto& o : new_objects["objects"]) after.insert(o["id"]);
  EXPECT_GT(exports(), after_first);
  size_t fresh = 0;
  for (const std::string& id : after) fresh += before.count(id) == 0;
  EXPECT_FALSE(before.empty());
  EXPECT_GT(fresh, 0u);
}

}  // namespace
