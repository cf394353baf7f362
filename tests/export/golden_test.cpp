// Golden files: the committed export set tests/fixtures/export/golden/input.json
// exported as CSV, NDJSON and the Markdown and HTML digests must equal the
// committed files byte for byte. OSPREY_UPDATE_GOLDEN=1 rewrites them (after
// a deliberate change; review the diff).
#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "osprey/export/digest.h"
#include "osprey/export/tabular.h"
#include "osprey/model/json.h"

namespace osprey::exporting {
namespace {

const std::string kGoldenDir = std::string(OSPREY_FIXTURES) + "/export/golden/";

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

ExportArticle article_from(const nlohmann::json& j) {
  ExportArticle a;
  a.article.url = j.at("url");
  a.article.source = j.at("source");
  a.article.site_name = j.at("site_name");
  a.article.title = j.at("title");
  a.article.published_at = j.at("published_at");
  a.article.text = j.at("text");
  a.relevance_label = j.at("relevance_label");
  a.relevance_score = j.at("relevance_score");
  a.findings = j.at("findings").get<Findings>();
  return a;
}

ExportSet golden_input() {
  const nlohmann::json j = nlohmann::json::parse(slurp(kGoldenDir + "input.json"));
  ExportSet set;
  set.generated_at = j.at("generated_at");
  for (const nlohmann::json& s : j.at("stories")) {
    ExportStory story;
    story.id = s.at("id");
    story.title = s.at("title");
    story.first_seen = s.at("first_seen");
    story.last_seen = s.at("last_seen");
    for (const nlohmann::json& a : s.at("articles")) story.articles.push_back(article_from(a));
    set.stories.push_back(std::move(story));
  }
  return set;
}

// Where two texts first differ, as "line N:\n- expected\n+ actual".
std::string first_difference(const std::string& expected, const std::string& actual) {
  std::istringstream e(expected), a(actual);
  std::string le, la;
  for (int line = 1;; ++line) {
    const bool more_e = static_cast<bool>(std::getline(e, le));
    const bool more_a = static_cast<bool>(std::getline(a, la));
    if (!more_e && !more_a) return "no line differs (line ends or a final newline do)";
    if (le != la || more_e != more_a)
      return "line " + std::to_string(line) + ":\n- " + (more_e ? le : "<end>") + "\n+ " +
             (more_a ? la : "<end>");
  }
}

void expect_golden(const std::string& name, const std::string& actual) {
  const std::string path = kGoldenDir + name;
  const char* update = std::getenv("OSPREY_UPDATE_GOLDEN");
  if (update && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << actual;
    std::cout << "rewrote " << path << "\n";
    return;
  }
  const std::string expected = slurp(path);
  EXPECT_TRUE(expected == actual)
      << name << " differs from the golden file " << path << "\n"
      << first_difference(expected, actual) << "\n"
      << "If the change is intended, regenerate and review:\n"
      << "  OSPREY_UPDATE_GOLDEN=1 build/release/tests/osprey_tests --gtest_filter='Golden*'\n"
      << "  git diff tests/fixtures/export/golden/";
}

struct GoldenFile {
  const char* name;
  std::string (*write)(const ExportSet&, const ExportOptions&);
};

constexpr GoldenFile kGoldenFiles[] = {
    {"iocs.csv", to_csv},
    {"iocs.ndjson", to_ndjson},
    {"digest.md", to_digest_markdown},
    {"digest.html", to_digest_html},
};

TEST(Golden, ExportsEqualTheCommittedFiles) {
  const ExportSet set = golden_input();
  ASSERT_EQ(set.stories.size(), 4u) << "golden/input.json did not load";
  for (const GoldenFile& file : kGoldenFiles) expect_golden(file.name, file.write(set, {}));
}

// Nothing in the output depends on the machine's time zone or the clock.
TEST(Golden, OutputIgnoresTheTimeZoneAndTheClock) {
  const ExportSet set = golden_input();
  std::vector<std::string> before;
  for (const GoldenFile& file : kGoldenFiles) before.push_back(file.write(set, {}));
  const char* old = std::getenv("TZ");
  const std::string saved = old ? old : "";
  ::setenv("TZ", "Pacific/Kiritimati", 1);  // UTC+14: every local date differs from UTC
  ::tzset();
  for (size_t i = 0; i < std::size(kGoldenFiles); ++i)
    EXPECT_EQ(kGoldenFiles[i].write(set, {}), before[i]) << kGoldenFiles[i].name;
  if (old)
    ::setenv("TZ", saved.c_str(), 1);
  else
    ::unsetenv("TZ");
  ::tzset();
}

TEST(Golden, FirstDifferenceNamesTheLine) {
  EXPECT_EQ(first_difference("a\nb\nc\n", "a\nB\nc\n"), "line 2:\n- b\n+ B");
  EXPECT_EQ(first_difference("a\n", "a\nextra\n"), "line 2:\n- <end>\n+ extra");
}

}  // namespace
}  // namespace osprey::exporting
