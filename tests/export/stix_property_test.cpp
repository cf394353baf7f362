// Property-style tests of the STIX exporter: many random sets (random
// observables of every type, entities of every type, relations with every
// predicate, negated and hedged ones, noise articles, hostile text), each
// exported and checked for the invariants every bundle must keep, then all
// validated in one batch against the official OASIS STIX 2.1 schemas.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "export/expected_export.h"
#include "export/export_fixture.h"
#include "export/random_export_set.h"
#include "osprey/export/stix.h"

namespace osprey::exporting {
namespace {

using nlohmann::json;

constexpr uint64_t kBundles = 200;

const std::regex& id_pattern() {
  static const std::regex re(
      "([a-z0-9-]+)--[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  return re;
}

const std::regex& timestamp_pattern() {
  static const std::regex re(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)");
  return re;
}

bool is_timestamp_key(const std::string& key) {
  return key == "created" || key == "modified" || key == "valid_from" || key == "valid_until" ||
         key == "published" || key == "first_seen" || key == "last_seen";
}

// Every *_ref and *_refs value anywhere in `value`.
void collect_refs(const json& value, std::vector<std::string>& refs) {
  if (value.is_array()) {
    for (const json& item : value) collect_refs(item, refs);
    return;
  }
  if (!value.is_object()) return;
  for (const auto& [key, item] : value.items()) {
    if (key.ends_with("_ref") && item.is_string()) refs.push_back(item);
    if (key.ends_with("_refs") && item.is_array())
      for (const json& ref : item) refs.push_back(ref);
    collect_refs(item, refs);
  }
}

// The invariants of one bundle; each failure names the seed.
void check_invariants(const json& bundle, const ExportSet& set, const ExportOptions& options,
                      uint64_t seed) {
  SCOPED_TRACE("seed " + std::to_string(seed));
  ASSERT_EQ(bundle["type"], "bundle");
  ASSERT_TRUE(std::regex_match(bundle["id"].get<std::string>(), id_pattern()));
  std::set<std::string> ids;
  for (const json& o : bundle["objects"]) {
    const std::string id = o["id"];
    std::smatch m;
    ASSERT_TRUE(std::regex_match(id, m, id_pattern())) << id;
    EXPECT_EQ(m[1].str(), o["type"].get<std::string>()) << id;
    EXPECT_TRUE(ids.insert(id).second) << "duplicate " << id;
    for (const auto& [key, value] : o.items())
      if (is_timestamp_key(key)) {
        EXPECT_TRUE(std::regex_match(value.get<std::string>(), timestamp_pattern()))
            << id << " " << key << " " << value;
      }
    if (o.contains("confidence")) {
      ASSERT_TRUE(o["confidence"].is_number_integer()) << id;
      EXPECT_GE(o["confidence"].get<int>(), 0) << id;
      EXPECT_LE(o["confidence"].get<int>(), 100) << id;
    }
    if (o["type"] == "relationship") {
      const std::string description = o.value("description", "");
      const bool negated = description.starts_with("negated: ");
      EXPECT_TRUE(options.include_negated || !negated) << id;
      EXPECT_TRUE(options.include_hedged || description.find("hedged: ") == std::string::npos)
          << id;
      if (!negated) {
        EXPECT_GE(o["confidence"].get<int>(), options.min_confidence) << id;
      }
    }
  }
  for (const json& o : bundle["objects"]) {
    std::vector<std::string> refs;
    collect_refs(o, refs);
    for (const std::string& ref : refs) EXPECT_TRUE(ids.count(ref)) << o["id"] << " → " << ref;
  }
  // Noise: no report names a noise article's link unless noise was asked for.
  std::set<std::string> included_links;
  for (const ExportStory& story : set.stories)
    for (const ExportArticle& a : story.articles)
      if (testing::expect_included(a, options))
        included_links.insert(testing::expect_link(a.article));
  for (const json& o : bundle["objects"])
    if (o["type"] == "report" && o.contains("external_references"))
      for (const json& ref : o["external_references"])
        if (ref.contains("url")) {
          EXPECT_TRUE(included_links.count(ref["url"])) << ref["url"];
        }
}

std::string schema_dir() {
  const char* env = std::getenv("OSPREY_STIX_SCHEMAS");
  return env && *env ? env : "/work/shared/data/stix2.1-schemas";
}

TEST(StixProperty, RandomBundlesKeepTheInvariantsAndValidate) {
  const std::filesystem::path dir =
      std::filesystem::path(::testing::TempDir()) / "osprey-stix-property";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const kb::KnowledgeBase* kb = testing::fixture_options().kb;
  std::string files;
  size_t objects = 0;
  for (uint64_t seed = 1; seed <= kBundles; ++seed) {
    // Half the seeds draw entities from the real knowledge base too.
    testing::RandomExportSet random(seed, seed % 2 ? kb : nullptr);
    const ExportSet set = random.make();
    const ExportOptions options = random.options();
    const std::string bytes = to_stix_bundle(set, options);
    ASSERT_EQ(bytes, to_stix_bundle(set, options)) << "seed " << seed << ": not deterministic";
    const json bundle = json::parse(bytes);  // throws (fails) on invalid JSON
    objects += bundle["objects"].size();
    check_invariants(bundle, set, options, seed);
    const std::filesystem::path file = dir / ("bundle-" + std::to_string(seed) + ".json");
    std::ofstream(file, std::ios::binary) << bytes;
    files.append(" '").append(file.string()).append("'");
  }
  EXPECT_GT(objects, kBundles * 10) << "the generator should give sizeable bundles";
  if (!std::filesystem::is_directory(schema_dir()))
    GTEST_SKIP() << "SKIPPED: no STIX 2.1 schemas at " << schema_dir()
                 << " (set OSPREY_STIX_SCHEMAS); the invariants above were checked";
  if (std::system("python3 -c 'import jsonschema' 2>/dev/null") != 0)
    GTEST_SKIP() << "SKIPPED: python3-jsonschema is not installed";
  const std::string script = std::string(OSPREY_SOURCE_DIR) + "/scripts/validate_stix.py";
  const std::string command = "python3 '" + script + "' '" + schema_dir() + "'" + files;
  EXPECT_EQ(std::system(command.c_str()), 0) << "schema errors are printed above";
}

// Control for the test above: the validator does reject what the schemas forbid.
TEST(StixProperty, TheValidatorRejectsABrokenBundle) {
  if (!std::filesystem::is_directory(schema_dir()) ||
      std::system("python3 -c 'import jsonschema' 2>/dev/null") != 0)
    GTEST_SKIP() << "SKIPPED: no STIX 2.1 schemas at " << schema_dir()
                 << " or no python3-jsonschema";
  json bundle = json::parse(to_stix_bundle(testing::fixture_set(), testing::fixture_options()));
  for (json& o : bundle["objects"])
    if (o["type"] == "indicator") {
      o.erase("pattern");             // required
      o["valid_from"] = "yesterday";  // not a timestamp
      o["confidence"] = 101;          // beyond 0..100
    }
  const std::string path = ::testing::TempDir() + "osprey-stix-broken.json";
  std::ofstream(path, std::ios::binary) << bundle.dump();
  const std::string command = "python3 '" + std::string(OSPREY_SOURCE_DIR) +
                              "/scripts/validate_stix.py' '" + schema_dir() + "' '" + path +
                              "' >/dev/null";
  EXPECT_NE(std::system(command.c_str()), 0);
}

}  // namespace
}  // namespace osprey::exporting
