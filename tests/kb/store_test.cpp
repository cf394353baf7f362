// The committed file format: round trip, splitting, stale files, and clear
// errors for damaged files.
#include "osprey/kb/store.h"

#include <gtest/gtest.h>

#include "kb/kb_support.h"

namespace osprey::kb {
namespace {

namespace fs = std::filesystem;
using testing::fixture_build;
using testing::kb_scratch;
using testing::slurp_file;
using testing::write_text;

std::string dump(const KbContents& c) {
  std::string out = c.manifest.built + "\n";
  for (const Entity& e : c.entities) out += entity_to_json(e).dump() + "\n";
  for (const Relation& r : c.relations) out += relation_to_json(r).dump() + "\n";
  return out;
}

fs::path written_fixture(const std::string& name) {
  fs::path dir = kb_scratch(name);
  auto written = write_kb(fixture_build().contents, fixture_build().notice, dir.string());
  EXPECT_TRUE(written.ok()) << (written.ok() ? "" : written.error().message);
  return dir;
}

std::string read_error(const fs::path& dir) {
  auto read = read_kb(dir.string());
  return read.ok() ? "" : read.error().message;
}

TEST(KbStore, RoundTripKeepsEverything) {
  fs::path dir = written_fixture("round-trip");
  auto read = read_kb(dir.string());
  ASSERT_TRUE(read.ok()) << read.error().message;
  EXPECT_EQ(dump(read.value()), dump(fixture_build().contents));
  ASSERT_EQ(read.value().manifest.sources.size(), fixture_build().contents.manifest.sources.size());
  EXPECT_EQ(read.value().manifest.sources[0].commit, std::string(40, '2'));
  EXPECT_TRUE(fs::exists(dir / "NOTICE.md"));
}

TEST(KbStore, OneEntityPerLineSortedById) {
  fs::path dir = written_fixture("lines");
  std::string text = slurp_file(dir / "entities-intrusion-set.jsonl");
  std::string previous;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    auto line = nlohmann::json::parse(text.substr(start, end - start));
    EXPECT_EQ(line["type"], "intrusion-set");
    EXPECT_LT(previous, line["id"].get<std::string>());
    previous = line["id"];
    start = end + 1;
  }
  EXPECT_EQ(text.find("\"id\":"), 1u);  // the id leads each line
}

TEST(KbStore, LargeFilesAreSplit) {
  KbContents c;
  for (int i = 0; i < 40000; ++i) {
    Entity e;
    e.id = "malware--" + std::to_string(100000 + i);
    e.type = EntityType::kMalware;
    e.name = "Family " + std::to_string(i);
    e.aliases.push_back({e.name, {"test:source"}});
    for (int a = 0; a < 4; ++a)
      e.aliases.push_back(
          {e.name + " alias " + std::string(30, 'x') + std::to_string(a), {"test:source"}});
    c.entities.push_back(std::move(e));
  }
  fs::path dir = kb_scratch("split");
  auto written = write_kb(c, "", dir.string());
  ASSERT_TRUE(written.ok());
  EXPECT_TRUE(fs::exists(dir / "entities-malware-2.jsonl"));
  for (const auto& entry : fs::directory_iterator(dir))
    EXPECT_LE(fs::file_size(entry), kMaxFileBytes);
  auto read = read_kb(dir.string());
  ASSERT_TRUE(read.ok()) << read.error().message;
  EXPECT_EQ(read.value().entities.size(), 40000u);
}

TEST(KbStore, StaleDataFilesGoOtherFilesStay) {
  fs::path dir = kb_scratch("stale");
  write_text(dir / "entities-retired-type.jsonl", "{}\n");
  write_text(dir / "README.md", "# mine\n");
  ASSERT_TRUE(write_kb(fixture_build().contents, "", dir.string()).ok());
  EXPECT_FALSE(fs::exists(dir / "entities-retired-type.jsonl"));
  EXPECT_TRUE(fs::exists(dir / "README.md"));
}

TEST(KbStore, MissingManifestIsAClearError) {
  EXPECT_NE(read_error(kb_scratch("none")).find("no knowledge base in"), std::string::npos);
}

TEST(KbStore, TruncatedFileIsDetected) {
  fs::path dir = written_fixture("truncated");
  fs::path file = dir / "relations.jsonl";
  std::string text = slurp_file(file);
  write_text(file, text.substr(0, text.rfind('\n', text.size() - 2) + 1));
  std::string message = read_error(dir);
  EXPECT_NE(message.find("relations.jsonl"), std::string::npos) << message;
  EXPECT_NE(message.find("the manifest says"), std::string::npos) << message;
}

TEST(KbStore, DamagedLinesNameFileAndLine) {
  fs::path dir = written_fixture("damaged");
  fs::path file = dir / "entities-tactic.jsonl";
  std::string text = slurp_file(file);
  write_text(file, text.substr(0, text.find('\n') - 5) + text.substr(text.find('\n')));
  std::string message = read_error(dir);
  EXPECT_NE(message.find("entities-tactic.jsonl:1: not valid JSON"), std::string::npos) << message;
}

TEST(KbStore, WrongFieldTypesAreErrors) {
  std::vector<std::pair<std::string, std::string>> cases = {
      {R"({"id":"x","type":"malware","name":"X","aliases":["X"]})", "aliases"},
      {R"({"id":"x","type":"weapon","name":"X"})", "unknown type"},
      {R"({"id":"x","type":"malware","name":7})", "name"},
      {R"({"id":"x","type":"malware","name":"X","ids":{"attack":"S1"}})", "ids.attack"},
      {R"({"id":"x","type":"malware"})", "needs an id, a type and a name"},
      {R"([1,2])", "expected an entity object"},
  };
  for (const auto& [line, expect] : cases) {
    auto e = entity_from_json(nlohmann::json::parse(line));
    ASSERT_FALSE(e.ok()) << line;
    EXPECT_NE(e.error().message.find(expect), std::string::npos) << e.error().message;
  }
  auto r = relation_from_json(nlohmann::json::parse(R"({"from":"a","to":"b"})"));
  ASSERT_FALSE(r.ok());
}

TEST(KbStore, UnknownFieldsAreIgnored) {
  auto e = entity_from_json(nlohmann::json::parse(
      R"({"id":"malware--1","type":"malware","name":"X","future":{"a":1},"aliases":{"X":["s"]}})"));
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e.value().aliases.size(), 1u);
}

TEST(KbStore, ManifestNamesMayNotLeaveTheFolder) {
  fs::path dir = written_fixture("escape");
  std::string manifest = slurp_file(dir / "manifest.json");
  size_t at = manifest.find("\"relations.jsonl\"");
  ASSERT_NE(at, std::string::npos);
  write_text(dir / "manifest.json", manifest.replace(at, 17, "\"../relations.jsonl\""));
  EXPECT_NE(read_error(dir).find("'/'"), std::string::npos);
}

}  // namespace
}  // namespace osprey::kb
