// The aggregations behind `osprey entity` and the entity/indicator listings,
// the relations table they read, and the checkpointing that keeps the WAL small.
#include <gtest/gtest.h>

#include <filesystem>

#include "osprey/store/sqlite/migrations.h"
#include "store/sqlite_fixture.h"

namespace osprey::store::sqlite {
namespace {

constexpr int64_t kDay = 86400;
constexpr int64_t kMonday = 1'730'678'400;  // 2024-11-04 00:00 UTC

Mention mention(const std::string& type, const std::string& name, const std::string& alias) {
  Mention m;
  m.type = type;
  m.id = type + "--" + name;
  m.name = name;
  m.alias = alias;
  m.confidence = 0.9;
  m.count = 1;
  return m;
}

Relation relation(const Mention& subject, const std::string& predicate, const Mention& object,
                  double confidence, const std::string& sentence, bool negated = false) {
  Relation r;
  r.predicate = predicate;
  r.subject = {"entity", subject.type, subject.id, subject.name};
  r.object = {"entity", object.type, object.id, object.name};
  r.confidence = confidence;
  r.sentence = sentence;
  r.negated = negated;
  return r;
}

class SqliteActivityTest : public SqliteStoreTest {
 protected:
  const Mention kimsuky_ = mention("intrusion-set", "Kimsuky", "Kimsuky");
  const Mention thallium_ = mention("intrusion-set", "Kimsuky", "Thallium");
  const Mention babyshark_ = mention("malware", "BabyShark", "BabyShark");
  const Mention sandworm_ = mention("intrusion-set", "Sandworm", "Sandworm");

  int64_t put(int n, int64_t published_at, const std::string& label, std::vector<Mention> mentions,
              std::vector<Relation> relations = {}, std::vector<std::string> domains = {}) {
    ArticleInput input = article("https://news.example/" + std::to_string(n),
                                 "Text number " + std::to_string(n) + ".");
    input.article.published_at = published_at;
    input.analysis.relevance_label = label;
    input.findings.entities = std::move(mentions);
    input.findings.relations = std::move(relations);
    for (const std::string& d : domains) {
      Observable o;
      o.type = "domain";
      o.value = d;
      o.count = 1;
      input.findings.observables.push_back(o);
    }
    auto put = store_->put_article(input);
    EXPECT_TRUE(put.ok()) << (put.ok() ? "" : put.error().message);
    return put.ok() ? put.value().id : 0;
  }
};

TEST_F(SqliteActivityTest, AggregatesAliasesDaysAndRelationsOfOneEntity) {
  put(1, kMonday + 3600, "security", {kimsuky_, babyshark_},
      {relation(kimsuky_, "uses", babyshark_, 0.6, "Kimsuky used BabyShark.")});
  put(2, kMonday + 7200, "security", {thallium_, babyshark_},
      {relation(thallium_, "uses", babyshark_, 0.9, "Thallium deployed BabyShark again.")});
  put(3, kMonday + 2 * kDay, "security", {kimsuky_, sandworm_},
      {relation(kimsuky_, "related-to", sandworm_, 0.5, "Kimsuky is not Sandworm.", true),
       relation(sandworm_, "related-to", kimsuky_, 0.4, "Sandworm resembles Kimsuky.")});
  put(4, kMonday + 3 * kDay, "noise", {kimsuky_});

  auto got = store_->entity_activity(kimsuky_.id, false);
  ASSERT_TRUE(got.ok()) << got.error().message;
  const EntityActivity& a = got.value();
  EXPECT_EQ(a.articles, 3);
  EXPECT_EQ(a.first_seen, kMonday + 3600);
  EXPECT_EQ(a.last_seen, kMonday + 2 * kDay);
  using Day = std::pair<int64_t, int64_t>;
  EXPECT_EQ(a.days, (std::vector<Day>{{kMonday, 2}, {kMonday + 2 * kDay, 1}}));
  using Alias = std::pair<std::string, int64_t>;
  EXPECT_EQ(a.aliases, (std::vector<Alias>{{"Kimsuky", 2}, {"Thallium", 1}}));

  ASSERT_EQ(a.relations.size(), 3u);
  const EntityActivity::Link& uses = a.relations[0];  // two articles: first
  EXPECT_EQ(uses.predicate, "uses");
  EXPECT_TRUE(uses.outgoing);
  EXPECT_EQ(uses.other_id, babyshark_.id);
  EXPECT_EQ(uses.other_name, "BabyShark");
  EXPECT_EQ(uses.articles, 2);
  EXPECT_DOUBLE_EQ(uses.confidence, 0.9);
  EXPECT_EQ(uses.sentence, "Thallium deployed BabyShark again.");  // the most confident
  bool negated_seen = false, incoming_seen = false;
  for (const auto& link : a.relations) {
    if (link.negated) negated_seen = link.outgoing && link.other_id == sandworm_.id;
    if (!link.outgoing) incoming_seen = link.other_id == sandworm_.id && !link.negated;
  }
  EXPECT_TRUE(negated_seen);
  EXPECT_TRUE(incoming_seen);

  auto with_noise = store_->entity_activity(kimsuky_.id, true);
  ASSERT_TRUE(with_noise.ok());
  EXPECT_EQ(with_noise.value().articles, 4);
  EXPECT_EQ(with_noise.value().last_seen, kMonday + 3 * kDay);

  auto unknown = store_->entity_activity("intrusion-set--Nobody", false);
  ASSERT_TRUE(unknown.ok());
  EXPECT_EQ(unknown.value().articles, 0);
  EXPECT_TRUE(unknown.value().relations.empty());
}

TEST_F(SqliteActivityTest, ReprocessedFindingsReplaceTheirRelations) {
  int64_t id = put(1, kMonday, "security", {kimsuky_, babyshark_},
                   {relation(kimsuky_, "uses", babyshark_, 0.6, "Kimsuky used BabyShark.")});
  Findings fewer;
  fewer.entities = {kimsuky_};
  ASSERT_TRUE(store_->update_findings(id, fewer, {}).ok());
  EXPECT_EQ(count("SELECT count(*) FROM relations"), 0);
  EXPECT_TRUE(store_->entity_activity(kimsuky_.id, true).value().relations.empty());
}

TEST_F(SqliteActivityTest, ListsTheMostReportedEntitiesAndIndicators) {
  put(1, kMonday, "security", {kimsuky_, babyshark_}, {}, {"evil.example", "bad.example"});
  put(2, kMonday + kDay, "security", {thallium_}, {}, {"evil.example"});
  put(3, kMonday + 2 * kDay, "security", {sandworm_, babyshark_}, {}, {"evil.example"});
  put(4, kMonday + 2 * kDay, "noise", {sandworm_}, {}, {"bad.example"});

  ActivityQuery all;
  auto entities = store_->top_entities(all);
  ASSERT_TRUE(entities.ok()) << entities.error().message;
  ASSERT_EQ(entities.value().size(), 3u);
  // Kimsuky counts both of its aliases; ties go by name.
  EXPECT_EQ(entities.value()[0].name, "BabyShark");
  EXPECT_EQ(entities.value()[0].articles, 2);
  EXPECT_EQ(entities.value()[1].name, "Kimsuky");
  EXPECT_EQ(entities.value()[1].articles, 2);
  EXPECT_EQ(entities.value()[1].first_seen, kMonday);
  EXPECT_EQ(entities.value()[1].last_seen, kMonday + kDay);
  EXPECT_EQ(entities.value()[2].articles, 1);  // Sandworm's noise article is left out

  ActivityQuery actors_lately;
  actors_lately.types = {"intrusion-set"};
  actors_lately.since = kMonday + kDay;
  auto lately = store_->top_entities(actors_lately).value();
  ASSERT_EQ(lately.size(), 2u);
  for (const auto& row : lately) EXPECT_EQ(row.type, "intrusion-set");
  actors_lately.limit = 1;
  EXPECT_EQ(store_->top_entities(actors_lately).value().size(), 1u);

  auto indicators = store_->top_observables(all);
  ASSERT_TRUE(indicators.ok()) << indicators.error().message;
  ASSERT_EQ(indicators.value().size(), 2u);
  EXPECT_EQ(indicators.value()[0].id, "evil.example");
  EXPECT_EQ(indicators.value()[0].articles, 3);
  EXPECT_EQ(indicators.value()[1].articles, 1);
  ActivityQuery with_noise;
  with_noise.include_noise = true;
  with_noise.types = {"domain"};
  EXPECT_EQ(store_->top_observables(with_noise).value()[1].articles, 2);
  with_noise.types = {"ipv4"};
  EXPECT_TRUE(store_->top_observables(with_noise).value().empty());
}

TEST_F(SqliteActivityTest, MigrationFiveFillsRelationsFromStoredFindings) {
  put(1, kMonday, "security", {kimsuky_, babyshark_},
      {relation(kimsuky_, "uses", babyshark_, 0.7, "Kimsuky used BabyShark.")});
  // Take the file back to schema 4, as an older Osprey left it.
  std::string back = "DROP TABLE relations; PRAGMA user_version = 4;";
  for (const char* index : {"articles_brief", "articles_timeline", "mentions_alias",
                            "mentions_entity_alias", "mentions_article_entity",
                            "observables_article_value"}) {
    back += std::string(" DROP INDEX ") + index + ";";
  }
  ASSERT_TRUE(store_->database().exec(back).ok());
  store_.reset();
  auto reopened = SqliteStore::open(path_);
  ASSERT_TRUE(reopened.ok()) << reopened.error().message;
  store_ = std::move(reopened.value());
  EXPECT_EQ(count("PRAGMA user_version"), latest_schema_version());
  auto a = store_->entity_activity(kimsuky_.id, false).value();
  ASSERT_EQ(a.relations.size(), 1u);
  EXPECT_EQ(a.relations[0].other_name, "BabyShark");
  EXPECT_DOUBLE_EQ(a.relations[0].confidence, 0.7);
  EXPECT_EQ(a.relations[0].sentence, "Kimsuky used BabyShark.");
}

TEST_F(SqliteActivityTest, WritesAreCheckpointedWhileQueriesRun) {
  // Reads that stop at their first row used to keep a snapshot open, so no
  // checkpoint ever ran: the database file stayed empty and the -wal file grew
  // without bound.
  std::string text(3000, 'x');
  for (int i = 0; i < 1500; ++i) {
    ArticleInput input = article("https://news.example/w" + std::to_string(i),
                                 text + std::to_string(i), "guid-" + std::to_string(i));
    ASSERT_TRUE(store_->put_article(input).ok());
    ASSERT_TRUE(store_->get_article(1).ok());
  }
  EXPECT_GT(std::filesystem::file_size(path_), 4u << 20);
  EXPECT_LT(std::filesystem::file_size(path_ + "-wal"), 16u << 20);
}

}  // namespace
}  // namespace osprey::store::sqlite
