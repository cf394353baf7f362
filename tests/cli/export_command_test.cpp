// osprey export over a store filled from the bundled samples.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cli/cli_support.h"

namespace {

using osprey::testing::osprey;
using osprey::testing::Outcome;
using osprey::testing::scratch;
using osprey::testing::slurp;

class CliExport : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    db_ = (scratch() / "export.db").string();
    std::filesystem::remove(db_);
    Outcome ingested =
        osprey("ingest --db " + db_ + " " + std::string(OSPREY_SOURCE_DIR) + "/samples");
    ASSERT_EQ(ingested.status, 0) << ingested.err;
  }
  static std::string db_;
};
std::string CliExport::db_;

TEST_F(CliExport, StixBundleToAFile) {
  std::string path = (scratch() / "bundle.json").string();
  Outcome r = osprey("export stix --db " + db_ + " -o " + path);
  ASSERT_EQ(r.status, 0) << r.err;
  auto bundle = nlohmann::json::parse(slurp(path));
  EXPECT_EQ(bundle["type"], "bundle");
  std::set<std::string> types;
  for (const auto& object : bundle["objects"]) types.insert(object["type"]);
  for (const char* type : {"identity", "report", "indicator", "attack-pattern", "vulnerability"}) {
    EXPECT_TRUE(types.count(type)) << type;
  }
  EXPECT_FALSE(std::filesystem::exists(path + ".partial"));
  // Exporting again gives the same ids.
  Outcome again = osprey("export stix --db " + db_);
  auto second = nlohmann::json::parse(again.out);
  std::set<std::string> ids1, ids2;
  for (const auto& o : bundle["objects"]) ids1.insert(o["id"]);
  for (const auto& o : second["objects"]) ids2.insert(o["id"]);
  EXPECT_EQ(ids1, ids2);
}

TEST_F(CliExport, NoiseIsLeftOutOfTheDigestUnlessAsked) {
  Outcome digest = osprey("export digest --db " + db_);
  ASSERT_EQ(digest.status, 0) << digest.err;
  EXPECT_NE(digest.out.find("Ironveil"), std::string::npos);
  EXPECT_EQ(digest.out.find("Corvid Fold"), std::string::npos) << "gadget news is noise";
  Outcome all = osprey("export digest --include-noise --db " + db_);
  EXPECT_NE(all.out.find("Corvid Fold"), std::string::npos);
}

TEST_F(CliExport, EveryFormatWritesSomething) {
  for (const char* format : {"misp", "navigator", "csv", "ndjson", "digest-html"}) {
    Outcome r = osprey(std::string("export ") + format + " --db " + db_);
    EXPECT_EQ(r.status, 0) << format << ": " << r.err;
    EXPECT_FALSE(r.out.empty()) << format;
  }
}

TEST_F(CliExport, IocsForBlocklistsAndSiemTables) {
  Outcome plain = osprey("export iocs --format plain --type domain --db " + db_);
  ASSERT_EQ(plain.status, 0) << plain.err;
  EXPECT_NE(plain.out.find("vault-sync-archive.com\n"), std::string::npos) << plain.out;
  EXPECT_EQ(plain.out.find("[.]"), std::string::npos) << "plain values are not defanged";
  EXPECT_EQ(plain.out.find("203.0.113"), std::string::npos) << "only the asked types";
  Outcome csv = osprey("export iocs --type ipv4,domain --db " + db_);
  ASSERT_EQ(csv.status, 0) << csv.err;
  EXPECT_EQ(csv.out.rfind("type,value,", 0), 0u) << csv.out.substr(0, 80);
  EXPECT_EQ(csv.out.find("\nsha256,"), std::string::npos);
  EXPECT_EQ(osprey("export iocs --format yaml --db " + db_).status, 2);
}

TEST_F(CliExport, DigestCommandWritesMarkdownOrHtml) {
  Outcome md = osprey("digest --since 30d --db " + db_);
  ASSERT_EQ(md.status, 0) << md.err;
  EXPECT_NE(md.out.find("# Osprey daily brief"), std::string::npos);
  std::string html = (scratch() / "digest.html").string();
  ASSERT_EQ(osprey("digest --since 30d --format html -o " + html + " --db " + db_).status, 0);
  EXPECT_NE(slurp(html).find("<!DOCTYPE html>"), std::string::npos);
}

// Which relations they bring back is tested on the library (StixBundle.*).
TEST_F(CliExport, HedgedAndNegatedFlagsAreAccepted) {
  Outcome all = osprey("export stix --include-hedged --include-negated --db " + db_);
  ASSERT_EQ(all.status, 0) << all.err;
  EXPECT_EQ(nlohmann::json::parse(all.out)["type"], "bundle");
}

TEST_F(CliExport, BadSelectionsAreClearErrors) {
  EXPECT_EQ(osprey("export stix --db " + db_ + " --story 999999").status, 1);
  EXPECT_EQ(osprey("export stix --db " + db_ + " --since someday").status, 2);
  EXPECT_EQ(osprey("export yaml --db " + db_).status, 2);
  Outcome unknown = osprey("export stix --db " + db_ + " --entity NoSuchActorAnywhere");
  EXPECT_EQ(unknown.status, 1);
  EXPECT_NE(unknown.err.find("NoSuchActorAnywhere"), std::string::npos);
}

}  // namespace
