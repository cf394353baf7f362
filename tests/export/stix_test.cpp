#include "osprey/export/stix.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "export/export_fixture.h"
#include "osprey/export/uuid5.h"

namespace osprey::exporting {
namespace {

using nlohmann::json;
using testing::fixture_options;
using testing::fixture_set;

// The fixture bundle, exported once for the whole binary.
const json& bundle() {
  static const json parsed = json::parse(to_stix_bundle(fixture_set(), fixture_options()));
  return parsed;
}

std::vector<json> objects_of(const json& b, const std::string& type) {
  std::vector<json> out;
  for (const json& o : b["objects"])
    if (o["type"] == type) out.push_back(o);
  return out;
}

const json* named(const json& b, const std::string& type, const std::string& name) {
  for (const json& o : b["objects"])
    if (o["type"] == type && o.value("name", "") == name) return &o;
  return nullptr;
}

const json* by_id(const json& b, const std::string& id) {
  for (const json& o : b["objects"])
    if (o["id"] == id) return &o;
  return nullptr;
}

// Relationships of `type` from an object named `from` to one named `to`.
const json* relationship(const json& b, const std::string& type, const std::string& from,
                         const std::string& to) {
  for (const json& r : objects_of(b, "relationship")) {
    if (r["relationship_type"] != type) continue;
    const json* s = by_id(b, r["source_ref"]);
    const json* t = by_id(b, r["target_ref"]);
    if (s && t && s->value("name", "") == from && t->value("name", "") == to) {
      static json keep;
      keep = r;
      return &keep;
    }
  }
  return nullptr;
}

bool has_pattern(const json& b, const std::string& pattern) {
  for (const json& o : objects_of(b, "indicator"))
    if (o["pattern"] == pattern) return true;
  return false;
}

TEST(Uuid5, MatchesTheStixSpecRuleForAnIpv4Address) {
  // python3: uuid.uuid5(uuid.UUID('00abedb4-…'), '{"value":"198.51.100.3"}')
  EXPECT_EQ(uuid5(kStixScoNamespace, R"({"value":"198.51.100.3"})"),
            "28bb3599-77cd-5a82-a950-b5bc3caf07c4");
  EXPECT_EQ(stix_sco_id("ipv4", "198.51.100.3"), "ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4");
}

TEST(Uuid5, IsVersion5AndStable) {
  std::string a = uuid5(kOspreyNamespace, "intrusion-set|x");
  EXPECT_EQ(a, uuid5(kOspreyNamespace, "intrusion-set|x"));
  EXPECT_NE(a, uuid5(kOspreyNamespace, "intrusion-set|y"));
  ASSERT_EQ(a.size(), 36u);
  EXPECT_EQ(a[14], '5');
  EXPECT_TRUE(a[19] == '8' || a[19] == '9' || a[19] == 'a' || a[19] == 'b');
}

TEST(StixPattern, EscapesBackslashAndQuote) {
  EXPECT_EQ(stix_quote(R"(it's C:\x)"), R"('it\'s C:\\x')");
  EXPECT_EQ(stix_pattern("registry-key", R"(HKCU\Software\Run)"),
            R"([windows-registry-key:key = 'HKCU\\Software\\Run'])");
  EXPECT_EQ(stix_pattern("url", "http://a.example/it's"),
            R"([url:value = 'http://a.example/it\'s'])");
}

TEST(StixPattern, CoversTheRegistryTypes) {
  EXPECT_EQ(stix_pattern("ipv4", "1.2.3.4"), "[ipv4-addr:value = '1.2.3.4']");
  EXPECT_EQ(stix_pattern("cidr", "2001:db8::/32"), "[ipv6-addr:value = '2001:db8::/32']");
  EXPECT_EQ(stix_pattern("domain", "evil.example"), "[domain-name:value = 'evil.example']");
  EXPECT_EQ(stix_pattern("email", "a@b.example"), "[email-addr:value = 'a@b.example']");
  EXPECT_EQ(stix_pattern("sha256", "ab"), "[file:hashes.'SHA-256' = 'ab']");
  EXPECT_EQ(stix_pattern("md5", "ab"), "[file:hashes.MD5 = 'ab']");
  EXPECT_EQ(stix_pattern("filename", "a.exe"), "[file:name = 'a.exe']");
  EXPECT_EQ(stix_pattern("asn", "AS13335"), "[autonomous-system:number = 13335]");
  EXPECT_EQ(stix_pattern("mac", "00:1a:2b:3c:4d:5e"), "[mac-addr:value = '00:1a:2b:3c:4d:5e']");
  EXPECT_EQ(stix_pattern("btc", "1A1z"), "[cryptocurrency-wallet:value = '1A1z']");
  EXPECT_EQ(stix_pattern("cve", "CVE-2023-23397"), "");
}

TEST(StixBundle, ExportingTwiceGivesTheSameBytes) {
  const ExportSet set = fixture_set();
  const std::string first = to_stix_bundle(set, fixture_options());
  EXPECT_EQ(first, to_stix_bundle(set, fixture_options()));
  EXPECT_EQ(first, to_stix_bundle(fixture_set(), fixture_options()));
}

TEST(StixBundle, HasCreatorReportAndTimestamps) {
  const json& b = bundle();
  EXPECT_EQ(b["type"], "bundle");
  const json* osprey = named(b, "identity", "Osprey");
  ASSERT_NE(osprey, nullptr);
  EXPECT_EQ((*osprey)["identity_class"], "system");
  for (const json& o : b["objects"])
    if (o.contains("created")) {
      EXPECT_EQ(o["created_by_ref"], (*osprey)["id"]) << o["id"];
    }
  auto reports = objects_of(b, "report");
  ASSERT_EQ(reports.size(), 1u);  // the noise story is left out
  const json& report = reports.front();
  EXPECT_EQ(report["published"], "2024-11-05T08:23:20.000Z");
  EXPECT_EQ(report["created"], "2024-11-05T10:15:00.000Z");
  ASSERT_EQ(report["external_references"].size(), 2u);
  EXPECT_EQ(report["external_references"][0]["url"], "https://news.example/apt29-embassies");
  for (const json& ref : report["object_refs"]) EXPECT_NE(by_id(b, ref), nullptr) << ref;
}

TEST(StixBundle, EntitiesCarryExternalIds) {
  const json& b = bundle();
  const json* actor = named(b, "intrusion-set", "APT29");
  ASSERT_NE(actor, nullptr);
  EXPECT_EQ((*actor)["external_references"][0]["source_name"], "mitre-attack");
  EXPECT_EQ((*actor)["external_references"][0]["external_id"], "G0016");
  const json* cs = named(b, "malware", "Cobalt Strike");
  ASSERT_NE(cs, nullptr);
  EXPECT_EQ((*cs)["is_family"], true);
  ASSERT_NE(named(b, "tool", "Mimikatz"), nullptr);
  const json* technique = named(b, "attack-pattern", "Spearphishing Attachment");
  ASSERT_NE(technique, nullptr);
  EXPECT_EQ((*technique)["external_references"][0]["external_id"], "T1566.001");
  EXPECT_EQ((*technique)["external_references"][0]["url"],
            "https://attack.mitre.org/techniques/T1566/001/");
  const json* cve = named(b, "vulnerability", "CVE-2023-23397");
  ASSERT_NE(cve, nullptr);
  EXPECT_EQ((*cve)["external_references"][0]["source_name"], "cve");
  const json* germany = named(b, "location", "Germany");
  ASSERT_NE(germany, nullptr);
  EXPECT_EQ((*germany)["country"], "DE");
}

TEST(StixBundle, IndicatorsAndObservables) {
  const json& b = bundle();
  EXPECT_TRUE(has_pattern(b, "[domain-name:value = 'update-cdn.net']"));
  EXPECT_TRUE(has_pattern(b, "[ipv4-addr:value = '45.77.13.201']"));
  EXPECT_TRUE(has_pattern(b, "[autonomous-system:number = 14061]"));
  EXPECT_TRUE(has_pattern(b, "[email-addr:value = 'press-office@embassy-invites.com']"));
  EXPECT_TRUE(has_pattern(b,
                          "[file:hashes.'SHA-256' = "
                          "'3f79bb7b435b05321651daefd374cdc681dc06faa65e374e38337b88ca046dea']"));
  EXPECT_TRUE(has_pattern(b, "[file:hashes.MD5 = '44d88612fea8a8f36de82e1ade46f2d4']"));
  EXPECT_TRUE(has_pattern(
      b,
      R"([windows-registry-key:key = 'HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\OneDriveUpdate'])"));
  EXPECT_TRUE(
      has_pattern(b, "[cryptocurrency-wallet:value = '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa']"));
  for (const json& o : objects_of(b, "indicator")) {
    EXPECT_EQ(o["pattern_type"], "stix");
    EXPECT_TRUE(o.contains("valid_from"));
  }
  // Private and noise-only addresses are no indicators by default.
  EXPECT_FALSE(has_pattern(b, "[ipv4-addr:value = '192.168.10.20']"));
  EXPECT_FALSE(has_pattern(b, "[ipv4-addr:value = '198.51.100.99']"));
  // The observables themselves, with spec ids.
  EXPECT_NE(by_id(b, stix_sco_id("domain", "update-cdn.net")), nullptr);
  auto wallets = objects_of(b, "cryptocurrency-wallet");
  ASSERT_EQ(wallets.size(), 1u);
  EXPECT_TRUE(wallets[0]["extensions"].contains(wallet_extension_id()));
  EXPECT_NE(by_id(b, wallet_extension_id()), nullptr);
}

TEST(StixBundle, RelationshipsUseStixVocabulary) {
  const json& b = bundle();
  const json* uses = relationship(b, "uses", "APT29", "Cobalt Strike");
  ASSERT_NE(uses, nullptr);
  EXPECT_EQ((*uses)["confidence"], 80);
  EXPECT_NE((*uses)["description"].get<std::string>().find("APT29"), std::string::npos);
  EXPECT_NE(relationship(b, "originates-from", "APT29", "Russia"), nullptr);
  EXPECT_NE(relationship(b, "targets", "APT29", "Germany"), nullptr);
  EXPECT_NE(relationship(b, "targets", "APT29", "CVE-2023-23397"), nullptr);
  EXPECT_NE(relationship(b, "exploits", "Cobalt Strike", "CVE-2023-23397"), nullptr);
  EXPECT_NE(relationship(b, "indicates", "update-cdn.net", "APT29"), nullptr);
  EXPECT_EQ(relationship(b, "related-to", "APT29", "Lazarus Group"), nullptr);  // negated
  EXPECT_EQ(relationship(b, "indicates", "update-cdn.net", "Turla"), nullptr);  // hedged
}

TEST(StixBundle, FlagsBringBackNoiseNegatedAndBenign) {
  ExportOptions options = fixture_options();
  options.include_noise = true;
  options.include_negated = true;
  options.include_hedged = true;
  options.include_benign = true;
  json b = json::parse(to_stix_bundle(fixture_set(), options));
  EXPECT_EQ(objects_of(b, "report").size(), 2u);
  EXPECT_TRUE(has_pattern(b, "[ipv4-addr:value = '198.51.100.99']"));
  EXPECT_TRUE(has_pattern(b, "[ipv4-addr:value = '192.168.10.20']"));
  const json* negated = relationship(b, "related-to", "APT29", "Lazarus Group");
  ASSERT_NE(negated, nullptr);
  EXPECT_EQ((*negated)["confidence"], 0);
  EXPECT_EQ((*negated)["description"].get<std::string>().rfind("negated: ", 0), 0u);
  const json* hedged = relationship(b, "indicates", "update-cdn.net", "Turla");
  ASSERT_NE(hedged, nullptr);
  EXPECT_EQ((*hedged)["confidence"], 30);  // half of 60
  EXPECT_EQ((*hedged)["description"].get<std::string>().rfind("hedged: ", 0), 0u);
}

TEST(StixBundle, MinConfidenceDropsHedgedRelations) {
  ExportOptions options = fixture_options();
  options.include_hedged = true;
  options.min_confidence = 50;
  json b = json::parse(to_stix_bundle(fixture_set(), options));
  EXPECT_EQ(relationship(b, "indicates", "update-cdn.net", "Turla"), nullptr);
  EXPECT_NE(relationship(b, "uses", "APT29", "Cobalt Strike"), nullptr);
}

TEST(StixBundle, ValidatesAgainstTheOfficialSchemas) {
  const char* env = std::getenv("OSPREY_STIX_SCHEMAS");
  const std::string schemas = env && *env ? env : "/work/shared/data/stix2.1-schemas";
  if (!std::filesystem::is_directory(schemas))
    GTEST_SKIP() << "SKIPPED: no STIX 2.1 schemas at " << schemas
                 << " (set OSPREY_STIX_SCHEMAS to a checkout of oasis-open/cti-stix2-json-schemas)";
  if (std::system("python3 -c 'import jsonschema' 2>/dev/null") != 0)
    GTEST_SKIP() << "SKIPPED: python3-jsonschema is not installed";
  ExportOptions options = fixture_options();
  options.include_noise = options.include_negated = options.include_hedged = true;
  options.include_benign = true;
  for (const ExportOptions& o : {fixture_options(), options}) {
    const std::string path = ::testing::TempDir() + "osprey-stix-bundle.json";
    std::ofstream(path, std::ios::binary) << to_stix_bundle(fixture_set(), o);
    const std::string script = std::string(OSPREY_SOURCE_DIR) + "/scripts/validate_stix.py";
    const std::string command = "python3 '" + script + "' '" + schemas + "' '" + path + "'";
    EXPECT_EQ(std::system(command.c_str()), 0) << command;
  }
}

}  // namespace
}  // namespace osprey::exporting
