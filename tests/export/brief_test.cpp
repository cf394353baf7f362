#include "osprey/export/brief.h"

#include <gtest/gtest.h>

#include "export/export_fixture.h"
#include "osprey/export/volume_chart.h"

namespace osprey::exporting {
namespace {

constexpr int64_t kNov5 = 1730764800;  // 2024-11-05T00:00:00Z

ExportArticle plain_article(const std::string& url, const std::string& site, int64_t when) {
  ExportArticle a;
  a.article.url = url;
  a.article.site_name = site;
  a.article.title = "Story at " + url;
  a.article.published_at = when;
  a.article.text = "Something happened to a company, the reporters of the outlet wrote today.";
  a.relevance_label = "security";
  a.relevance_score = 0.5;
  return a;
}

ExportStory story(int64_t id, const std::string& title, std::vector<ExportArticle> articles) {
  ExportStory s;
  s.id = id;
  s.title = title;
  s.articles = std::move(articles);
  return s;
}

Mention entity(const std::string& type, const std::string& name) {
  Mention m;
  m.type = type;
  m.id = type + "--" + name;
  m.name = name;
  m.confidence = 0.9;
  return m;
}

TEST(Severity, AddsTheRulesThatApply) {
  StoryBrief s;
  std::vector<std::string> reasons;
  EXPECT_EQ(story_severity(s, 0.1, reasons), 0);
  EXPECT_TRUE(reasons.empty());
  s.actors = {"APT29"};
  s.cves = {"CVE-2024-1"};
  EXPECT_EQ(story_severity(s, 0.9, reasons), 3 + 2 + 2);
  EXPECT_EQ(reasons, (std::vector<std::string>{"actor", "CVE", "relevance"}));
  s.software = {"LockBit"};
  s.indicators = {"ipv4 1.2.3[.]4"};
  reasons.clear();
  EXPECT_EQ(story_severity(s, 0.9, reasons), 10);
  EXPECT_EQ(severity_label(10), "high");
  EXPECT_EQ(severity_label(6), "high");
  EXPECT_EQ(severity_label(5), "medium");
  EXPECT_EQ(severity_label(3), "medium");
  EXPECT_EQ(severity_label(2), "low");
}

TEST(Brief, RanksBySourcesThenSeverityThenRecency) {
  ExportSet set;
  set.generated_at = kNov5 + 3600;
  ExportArticle severe = plain_article("https://a.example/1", "A", kNov5 - 86400);
  severe.findings.entities.push_back(entity("intrusion-set", "APT29"));
  set.stories.push_back(story(1, "one outlet, severe", {severe}));
  set.stories.push_back(story(2, "one outlet, plain, older",
                              {plain_article("https://b.example/1", "B", kNov5 - 2 * 86400)}));
  set.stories.push_back(
      story(3, "one outlet, plain, newer", {plain_article("https://c.example/1", "C", kNov5)}));
  set.stories.push_back(story(4, "two outlets",
                              {plain_article("https://d.example/1", "D", kNov5 - 3 * 86400),
                               plain_article("https://e.example/1", "E", kNov5 - 3 * 86400)}));
  const Brief brief = make_brief(set, {});
  std::vector<std::string> order;
  for (const StoryBrief& s : brief.stories) order.push_back(s.title);
  EXPECT_EQ(order,
            (std::vector<std::string>{"two outlets", "one outlet, severe",
                                      "one outlet, plain, newer", "one outlet, plain, older"}));
  EXPECT_EQ(brief.stories[1].severity_reasons, std::vector<std::string>{"actor"});
}

TEST(Brief, CountsNoiseWithoutListingIt) {
  ExportSet set;
  set.generated_at = kNov5;
  ExportArticle noise = plain_article("https://shop.example/deal", "Shop", kNov5);
  noise.relevance_label = "noise";
  set.stories.push_back(story(1, "deal", {noise}));
  set.stories.push_back(story(2, "news", {plain_article("https://n.example/1", "N", kNov5)}));
  Brief brief = make_brief(set, {});
  EXPECT_EQ(brief.noise_left_out, 1);
  ASSERT_EQ(brief.stories.size(), 1u);
  ExportOptions all;
  all.include_noise = true;
  brief = make_brief(set, all);
  EXPECT_EQ(brief.noise_left_out, 0);
  EXPECT_EQ(brief.stories.size(), 2u);
}

TEST(Brief, VolumeCoversConsecutiveDays) {
  ExportSet set;
  set.generated_at = kNov5 + 7200;
  set.stories.push_back(story(1, "a", {plain_article("https://a.example/", "A", kNov5 + 60)}));
  set.stories.push_back(story(2, "b", {plain_article("https://b.example/", "B", kNov5 + 600)}));
  set.stories.push_back(
      story(3, "c", {plain_article("https://c.example/", "C", kNov5 - 2 * 86400 + 5)}));
  const Brief brief = make_brief(set, {});
  ASSERT_EQ(brief.volume.size(), 3u);
  EXPECT_EQ(brief.volume[0].day, "2024-11-03");
  EXPECT_EQ(brief.volume[0].stories, 1);
  EXPECT_EQ(brief.volume[1].day, "2024-11-04");
  EXPECT_EQ(brief.volume[1].stories, 0);
  EXPECT_EQ(brief.volume[2].day, "2024-11-05");
  EXPECT_EQ(brief.volume[2].stories, 2);
}

TEST(Brief, VolumeKeepsTheLastDaysOnly) {
  ExportSet set;
  set.generated_at = kNov5;
  set.stories.push_back(
      story(1, "old", {plain_article("https://a.example/", "A", kNov5 - 90 * 86400)}));
  set.stories.push_back(story(2, "new", {plain_article("https://b.example/", "B", kNov5)}));
  const Brief brief = make_brief(set, {});
  ASSERT_EQ(brief.volume.size(), kVolumeDays);
  EXPECT_EQ(brief.volume.back().day, "2024-11-05");
  EXPECT_EQ(brief.volume.front().stories, 0);
  EXPECT_TRUE(make_brief(ExportSet{}, {}).volume.empty());
}

TEST(Brief, SummariesCarryNoLiveIndicator) {
  ExportSet set;
  set.generated_at = kNov5;
  ExportArticle a = plain_article("https://a.example/", "A", kNov5);
  a.article.text =
      "The backdoor beacons to https://evil-cdn.example.com/gate and 45.77.13.201 every hour.";
  for (auto [type, value] : {std::pair{"url", "https://evil-cdn.example.com/gate"},
                             {"domain", "evil-cdn.example.com"},
                             {"ipv4", "45.77.13.201"}}) {
    Observable o;
    o.type = type;
    o.value = value;
    a.findings.observables.push_back(o);
  }
  set.stories.push_back(story(1, "beacon", {a}));
  const Brief brief = make_brief(set, {});
  ASSERT_EQ(brief.stories.size(), 1u);
  ASSERT_EQ(brief.stories[0].summary.size(), 1u);
  EXPECT_EQ(brief.stories[0].summary[0],
            "The backdoor beacons to hxxps://evil-cdn[.]example[.]com/gate and 45.77.13[.]201 "
            "every hour.");
}

TEST(Brief, SummarisesTheFixtureStory) {
  const Brief brief = make_brief(testing::fixture_set(), testing::fixture_options());
  ASSERT_EQ(brief.stories.size(), 1u);
  const StoryBrief& s = brief.stories[0];
  EXPECT_EQ(s.summary.size(), 2u);
  EXPECT_EQ(s.sources.size(), 2u);
  EXPECT_EQ(severity_label(s.severity), "high");
}

TEST(VolumeChart, OneBarPerDayWithItsTitle) {
  const std::string svg = volume_chart_svg({{"2024-11-04", 0}, {"2024-11-05", 3}});
  EXPECT_EQ(svg.rfind("<svg class=\"volume\"", 0), 0u);
  size_t bars = 0;
  for (size_t at = svg.find("<rect class=\"bar\""); at != std::string::npos;
       at = svg.find("<rect class=\"bar\"", at + 1))
    ++bars;
  EXPECT_EQ(bars, 2u);
  EXPECT_NE(svg.find("<title>2024-11-05: 3 stories</title>"), std::string::npos);
  EXPECT_NE(svg.find("<title>2024-11-04: 0 stories</title>"), std::string::npos);
  EXPECT_NE(svg.find(">11-05</text>"), std::string::npos);
  EXPECT_NE(svg.find("height=\"80\""), std::string::npos);  // the tallest bar is the full plot
  for (const char* forbidden : {"<script", "onload", "onclick", "href", "url("})
    EXPECT_EQ(svg.find(forbidden), std::string::npos) << forbidden;
  EXPECT_TRUE(volume_chart_svg({}).empty());
}

}  // namespace
}  // namespace osprey::exporting
