#include "osprey/export/misp.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "export/export_fixture.h"

namespace osprey::exporting {
namespace {

using nlohmann::json;

// Attribute types and categories of the MISP core format
// (draft-dulaunoy-misp-core-format, sections 2.3 and 2.4), those an
// exporter of news indicators may use.
const std::set<std::string> kMispTypes = {
    "md5",      "sha1",        "sha256",   "sha512",  "ssdeep",    "imphash",   "filename",
    "ip-src",   "ip-dst",      "hostname", "domain",  "domain|ip", "email-src", "email-dst",
    "url",      "user-agent",  "regkey",   "AS",      "btc",       "xmr",       "vulnerability",
    "weakness", "mac-address", "text",     "comment", "other",     "link"};
const std::set<std::string> kMispCategories = {"Internal reference",
                                               "Targeting data",
                                               "Antivirus detection",
                                               "Payload delivery",
                                               "Artifacts dropped",
                                               "Payload installation",
                                               "Persistence mechanism",
                                               "Network activity",
                                               "Payload type",
                                               "Attribution",
                                               "External analysis",
                                               "Financial fraud",
                                               "Support Tool",
                                               "Social network",
                                               "Person",
                                               "Other"};

const json& events() {
  static const json parsed =
      json::parse(to_misp_event(testing::fixture_set(), testing::fixture_options()));
  return parsed;
}

bool is_uuid(const std::string& s) {
  if (s.size() != 36) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash != (s[i] == '-')) return false;
  }
  return true;
}

const json* attribute(const json& event, const std::string& value) {
  for (const json& a : event["Attribute"])
    if (a["value"] == value) return &a;
  return nullptr;
}

TEST(MispEvent, HasTheCoreFormatShape) {
  const json& root = events();
  ASSERT_TRUE(root["response"].is_array());
  ASSERT_EQ(root["response"].size(), 1u);  // the noise story is left out
  const json& e = root["response"][0]["Event"];
  for (const char* key : {"uuid", "info", "date", "threat_level_id", "analysis", "distribution",
                          "published", "timestamp", "Attribute", "Tag"})
    EXPECT_TRUE(e.contains(key)) << key;
  EXPECT_TRUE(is_uuid(e["uuid"]));
  EXPECT_EQ(e["date"], "2024-11-05");
  EXPECT_EQ(e["info"], "APT29 phishes European embassies with Cobalt Strike");
  EXPECT_EQ(e["published"], false);
  EXPECT_EQ(e["threat_level_id"], "2");
  ASSERT_FALSE(e["Attribute"].empty());
  std::set<std::string> uuids;
  for (const json& a : e["Attribute"]) {
    EXPECT_TRUE(kMispTypes.count(a["type"])) << a["type"];
    EXPECT_TRUE(kMispCategories.count(a["category"])) << a["category"];
    EXPECT_TRUE(a["value"].is_string());
    EXPECT_TRUE(a["to_ids"].is_boolean());
    EXPECT_TRUE(is_uuid(a["uuid"]));
    EXPECT_TRUE(uuids.insert(a["uuid"]).second) << "duplicate uuid";
  }
}

TEST(MispEvent, AttributesAreTypedFromTheRegistry) {
  const json& e = events()["response"][0]["Event"];
  const json* domain = attribute(e, "update-cdn.net");
  ASSERT_NE(domain, nullptr);
  EXPECT_EQ((*domain)["type"], "domain");
  EXPECT_EQ((*domain)["category"], "Network activity");
  EXPECT_EQ((*domain)["to_ids"], true);
  EXPECT_NE((*domain)["comment"].get<std::string>().find("update-cdn"), std::string::npos);
  const json* hash =
      attribute(e, "3f79bb7b435b05321651daefd374cdc681dc06faa65e374e38337b88ca046dea");
  ASSERT_NE(hash, nullptr);
  EXPECT_EQ((*hash)["type"], "sha256");
  EXPECT_EQ((*hash)["category"], "Payload delivery");
  const json* wallet = attribute(e, "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa");
  ASSERT_NE(wallet, nullptr);
  EXPECT_EQ((*wallet)["type"], "btc");
  const json* cve = attribute(e, "CVE-2023-23397");
  ASSERT_NE(cve, nullptr);
  EXPECT_EQ((*cve)["type"], "vulnerability");
  EXPECT_EQ((*cve)["to_ids"], false);
  EXPECT_EQ(attribute(e, "192.168.10.20"), nullptr);  // private: not an indicator
}

TEST(MispEvent, TagsAndGalaxies) {
  const json& e = events()["response"][0]["Event"];
  std::set<std::string> tags;
  for (const json& t : e["Tag"]) tags.insert(t["name"]);
  EXPECT_TRUE(tags.count("tlp:clear"));
  EXPECT_TRUE(tags.count("osprey:relevance=\"security\""));
  EXPECT_TRUE(tags.count("misp-galaxy:mitre-intrusion-set=\"APT29 - G0016\""))
      << ::testing::PrintToString(tags);
  EXPECT_TRUE(
      tags.count("misp-galaxy:mitre-attack-pattern=\"Spearphishing Attachment - T1566.001\""));
  ASSERT_TRUE(e.contains("Galaxy"));
  for (const json& g : e["Galaxy"])
    for (const json& c : g["GalaxyCluster"]) EXPECT_TRUE(is_uuid(c["uuid"])) << c;
}

TEST(MispEvent, IsDeterministicAndIncludesBenignOnRequest) {
  const ExportSet set = testing::fixture_set();
  EXPECT_EQ(to_misp_event(set, testing::fixture_options()),
            to_misp_event(set, testing::fixture_options()));
  ExportOptions options = testing::fixture_options();
  options.include_benign = true;
  options.include_noise = true;
  json all = json::parse(to_misp_event(set, options));
  ASSERT_EQ(all["response"].size(), 2u);
  const json* internal = attribute(all["response"][0]["Event"], "192.168.10.20");
  ASSERT_NE(internal, nullptr);
  EXPECT_EQ((*internal)["to_ids"], false);
}

}  // namespace
}  // namespace osprey::exporting
