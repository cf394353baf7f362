// Round trips: random sets exported as STIX, MISP, CSV and NDJSON, parsed
// back, and compared with the findings that went in: the same ids, the same
// relations (source, type, target), the same indicators and patterns.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "export/expected_export.h"
#include "export/random_export_set.h"
#include "osprey/export/misp.h"
#include "osprey/export/stix.h"
#include "osprey/export/tabular.h"

namespace osprey::exporting {
namespace {

using nlohmann::json;
using testing::expect_included;
using testing::expect_kept;

constexpr uint64_t kSets = 100;

TEST(RoundTrip, StixGivesBackTheIdsRelationsAndIndicators) {
  for (uint64_t seed = 1; seed <= kSets; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    testing::RandomExportSet random(seed);
    const ExportSet set = random.make();
    const ExportOptions options = random.options();
    const json bundle = json::parse(to_stix_bundle(set, options));
    const testing::ExpectedStix expected = testing::expect_stix(set, options);
    std::set<testing::Triple> relationships;
    std::set<std::pair<std::string, std::string>> indicators;
    std::set<std::string> reports;
    for (const json& o : bundle["objects"]) {
      if (o["type"] == "relationship")
        relationships.insert({o["source_ref"].get<std::string>(),
                              o["relationship_type"].get<std::string>(),
                              o["target_ref"].get<std::string>()});
      if (o["type"] == "indicator")
        indicators.insert({o["id"].get<std::string>(), o["pattern"].get<std::string>()});
      if (o["type"] == "report") reports.insert(o["id"].get<std::string>());
    }
    EXPECT_EQ(relationships, expected.relationships);
    EXPECT_EQ(indicators, expected.indicators);
    EXPECT_EQ(reports, expected.reports);
  }
}

// MISP: one event per story with included articles, its attributes the
// story's kept observables with their MISP type, ids by the documented keys.
TEST(RoundTrip, MispGivesBackTheEventsAndAttributes) {
  for (uint64_t seed = 1; seed <= kSets; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    testing::RandomExportSet random(seed);
    const ExportSet set = random.make();
    const ExportOptions options = random.options();
    using Attribute =
        std::tuple<std::string, std::string, std::string, bool>;  // uuid type value to_ids
    std::set<std::string> events;
    std::set<Attribute> attributes;
    for (const ExportStory& story : set.stories) {
      const std::string key = testing::expect_story_key(story);
      bool any = false;
      for (const ExportArticle& a : story.articles) {
        if (!expect_included(a, options)) continue;
        any = true;
        for (const Observable& o : a.findings.observables) {
          const auto* row = observables::find_observable_type(o.type);
          if (!expect_kept(o, options) || o.type.starts_with("attack-") || row->misp.empty())
            continue;
          const std::string type(row->misp);
          const bool to_ids = !testing::expect_benign(o) && type != "vulnerability" &&
                              type != "weakness" && type != "text";
          attributes.insert(
              {uuid5(kOspreyNamespace, "misp-attribute|" + key + "|" + o.type + "|" + o.value),
               type, testing::as_json_text(o.value), to_ids});
        }
      }
      if (any) events.insert(uuid5(kOspreyNamespace, "misp-event|" + key));
    }
    const json misp = json::parse(to_misp_event(set, options));
    std::set<std::string> got_events;
    std::set<Attribute> got_attributes;
    for (const json& e : misp["response"]) {
      got_events.insert(e["Event"]["uuid"].get<std::string>());
      EXPECT_EQ(e["Event"]["Tag"][0]["name"], "tlp:clear");
      for (const json& a : e["Event"]["Attribute"]) {
        got_attributes.insert({a["uuid"].get<std::string>(), a["type"].get<std::string>(),
                               a["value"].get<std::string>(), a["to_ids"].get<bool>()});
        EXPECT_EQ(a["category"], std::string(misp_category(a["type"].get<std::string>())));
      }
    }
    EXPECT_EQ(got_events, events);
    EXPECT_EQ(got_attributes, attributes);
  }
}

using Row = std::tuple<std::string, std::string, std::string, std::string>;  // type value story url

// One row per (kept indicator, article naming it); ATT&CK ids are no indicators.
std::set<Row> expected_rows(const ExportSet& set, const ExportOptions& options, bool csv) {
  std::set<Row> rows;
  // CSV keeps bytes as they are (quoted, formulas neutralised); JSON replaces
  // invalid UTF-8 with U+FFFD.
  auto cell = [&](const std::string& v) { return csv ? csv_field(v) : testing::as_json_text(v); };
  for (const ExportStory& story : set.stories)
    for (const ExportArticle& a : story.articles) {
      if (!expect_included(a, options)) continue;
      for (const Observable& o : a.findings.observables)
        if (expect_kept(o, options) && !o.type.starts_with("attack-"))
          rows.insert({cell(o.type), cell(o.value), std::to_string(story.id),
                       cell(testing::expect_link(a.article))});
    }
  return rows;
}

// Splits RFC 4180 CSV into records of raw (still quoted) fields, so they
// compare with csv_field() of the input.
std::vector<std::vector<std::string>> csv_records(const std::string& text) {
  std::vector<std::vector<std::string>> records(1);
  std::string field;
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      field.push_back(c);
      if (c == '"' && (i + 1 >= text.size() || text[i + 1] != '"'))
        quoted = false;
      else if (c == '"')
        field.push_back(text[++i]);
      continue;
    }
    if (c == '"') {
      quoted = true;
      field.push_back(c);
    } else if (c == ',') {
      records.back().push_back(std::move(field));
      field.clear();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      records.back().push_back(std::move(field));
      field.clear();
      records.emplace_back();
      ++i;
    } else {
      field.push_back(c);
    }
  }
  if (records.back().empty()) records.pop_back();
  return records;
}

TEST(RoundTrip, CsvGivesBackOneRowPerIndicatorAndArticle) {
  for (uint64_t seed = 1; seed <= kSets; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    testing::RandomExportSet random(seed);
    const ExportSet set = random.make();
    const ExportOptions options = random.options();
    const auto records = csv_records(to_csv(set, options));
    ASSERT_FALSE(records.empty());
    ASSERT_EQ(records[0].size(), 11u);
    EXPECT_EQ(records[0][0], "type");
    std::set<Row> rows;
    for (size_t i = 1; i < records.size(); ++i) {
      ASSERT_EQ(records[i].size(), 11u) << "record " << i;
      rows.insert({records[i][0], records[i][1], records[i][4], records[i][5]});
    }
    EXPECT_EQ(rows, expected_rows(set, options, true));
  }
}

TEST(RoundTrip, NdjsonGivesBackOneRowPerIndicatorAndArticle) {
  for (uint64_t seed = 1; seed <= kSets; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    testing::RandomExportSet random(seed);
    const ExportSet set = random.make();
    const ExportOptions options = random.options();
    std::istringstream lines(to_ndjson(set, options));
    std::set<Row> rows;
    for (std::string line; std::getline(lines, line);) {
      const json row = json::parse(line);
      rows.insert({row["type"].get<std::string>(), row["value"].get<std::string>(),
                   std::to_string(row["story_id"].get<int64_t>()),
                   row["article_url"].get<std::string>()});
      EXPECT_GE(row["confidence"].get<int>(), 0);
      EXPECT_LE(row["confidence"].get<int>(), 100);
    }
    EXPECT_EQ(rows, expected_rows(set, options, false));
  }
}

}  // namespace
}  // namespace osprey::exporting
