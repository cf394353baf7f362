#include "osprey/store/sqlite/sqlite_store.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "osprey/store/sqlite/migrations.h"
#include "store/sqlite_fixture.h"

namespace osprey::store::sqlite {
namespace {

namespace fs = std::filesystem;

TEST_F(SqliteStoreTest, NewDatabaseIsAtTheLatestSchemaVersion) {
  EXPECT_EQ(count("PRAGMA user_version"), latest_schema_version());
  store_.reset();
  auto again = SqliteStore::open(path_);
  ASSERT_TRUE(again.ok()) << again.error().message;
}

TEST_F(SqliteStoreTest, RefusesADatabaseFromANewerOsprey) {
  ASSERT_TRUE(store_->database().exec("PRAGMA user_version = 999").ok());
  store_.reset();
  auto again = SqliteStore::open(path_);
  ASSERT_FALSE(again.ok());
  EXPECT_NE(again.error().message.find("newer"), std::string::npos);
}

TEST_F(SqliteStoreTest, AFileThatIsNotADatabaseIsAClearError) {
  std::string garbage = (dir_ / "garbage.db").string();
  std::ofstream(garbage) << std::string(8192, 'x');
  auto opened = SqliteStore::open(garbage);
  ASSERT_FALSE(opened.ok());
  EXPECT_NE(opened.error().message.find("garbage.db"), std::string::npos);
}

TEST_F(SqliteStoreTest, StoresAnArticleOnce) {
  auto first = store_->put_article(article("https://news.example/a", "APT43 sent lures."));
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first.value().kind, PutKind::created);
  auto second = store_->put_article(article("https://news.example/a", "APT43 sent lures."));
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second.value().kind, PutKind::unchanged);
  EXPECT_EQ(second.value().id, first.value().id);
  EXPECT_EQ(second.value().matched_by, "url");
  EXPECT_EQ(store_->count_articles().value(), 1);
}

TEST_F(SqliteStoreTest, ANewGuidAndLinkWithTheSameTextIsTheSameArticle) {
  auto first = store_->put_article(article("https://news.example/a", "APT43  sent\nlures.", "g1"));
  ASSERT_TRUE(first.ok());
  auto moved =
      store_->put_article(article("https://news.example/moved", "APT43 sent lures.", "g2"));
  ASSERT_TRUE(moved.ok());
  EXPECT_EQ(moved.value().kind, PutKind::unchanged);
  EXPECT_EQ(moved.value().matched_by, "content_hash");
  auto stored = store_->get_article(first.value().id);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored.value().other_sources, std::vector<std::string>{"https://news.example/moved"});
  // The moved link is now known: a third sighting by that link matches directly.
  auto third = store_->put_article(article("https://news.example/moved", "APT43 sent lures."));
  EXPECT_EQ(third.value().matched_by, "url");
}

TEST_F(SqliteStoreTest, GuidsAreScopedToTheirFeed) {
  auto first = store_->put_article(article("", "One text.", "42"));
  ArticleInput other = article("", "Another text.", "42");
  other.article.source = "https://other.example/rss";
  auto second = store_->put_article(other);
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(second.value().kind, PutKind::created);
  EXPECT_NE(second.value().id, first.value().id);
}

TEST_F(SqliteStoreTest, AChangedTextIsANewVersionNotANewArticle) {
  auto first = store_->put_article(article("https://news.example/a", "First text.", "g1"));
  auto second = store_->put_article(article("https://news.example/a", "Corrected text.", "g1"));
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(second.value().kind, PutKind::versioned);
  EXPECT_EQ(second.value().matched_by, "guid");
  EXPECT_EQ(second.value().version, 2);
  auto stored = store_->get_article(first.value().id);
  EXPECT_EQ(stored.value().article.text, "Corrected text.");
  EXPECT_EQ(stored.value().version, 2);
  EXPECT_EQ(count("SELECT count(*) FROM article_versions WHERE text = 'First text.'"), 1);
  EXPECT_EQ(store_->count_articles().value(), 1);
}

TEST_F(SqliteStoreTest, CanonicalUrlIdentifiesAcrossTrackingParameters) {
  ArticleInput a = article("https://news.example/a?utm_source=x", "Text one.");
  a.article.canonical_url = "https://news.example/a";
  ArticleInput b = article("https://news.example/a?utm_source=y", "Text two.");
  b.article.canonical_url = "https://news.example/a";
  auto first = store_->put_article(a);
  auto second = store_->put_article(b);
  EXPECT_EQ(second.value().matched_by, "canonical_url");
  EXPECT_EQ(second.value().id, first.value().id);
}

TEST_F(SqliteStoreTest, RawBytesRoundTripCompressed) {
  ArticleInput input = article("https://news.example/a", "Text.");
  input.raw.url = "https://news.example/a";
  input.raw.content_type = "text/html";
  input.raw.charset = "utf-8";
  for (int i = 0; i < 2000; ++i) input.raw.body += "<p>repeated paragraph</p>\n";
  auto put = store_->put_article(input);
  ASSERT_TRUE(put.ok());
  EXPECT_LT(count("SELECT length(body) FROM article_raw"),
            static_cast<int64_t>(input.raw.body.size()) / 10);
  auto raw = store_->raw_document(put.value().id);
  ASSERT_TRUE(raw.ok()) << raw.error().message;
  EXPECT_EQ(raw.value().body, input.raw.body);
  EXPECT_EQ(raw.value().content_type, "text/html");
}

TEST_F(SqliteStoreTest, FindingsAreStoredAndSearchable) {
  ArticleInput input = article("https://news.example/a", "Beacon to 203.0.113.7 by APT43.");
  Observable ip;
  ip.type = "ipv4";
  ip.value = "203.0.113.7";
  ip.count = 1;
  input.findings.observables.push_back(ip);
  Mention actor;
  actor.type = "intrusion-set";
  actor.id = "intrusion-set--apt43";
  actor.name = "APT43";
  actor.alias = "APT43";
  actor.confidence = 0.9;
  actor.count = 1;
  input.findings.entities.push_back(actor);
  input.analysis.relevance_score = 0.97;
  input.analysis.relevance_label = "security";
  input.analysis.relevance_reasons = {"1 actor mention"};
  auto put = store_->put_article(input);
  ASSERT_TRUE(put.ok());
  auto stored = store_->get_article(put.value().id);
  ASSERT_EQ(stored.value().findings.observables.size(), 1u);
  EXPECT_EQ(stored.value().findings.entities.at(0).name, "APT43");
  EXPECT_EQ(stored.value().analysis.relevance_label, "security");
  EXPECT_EQ(count("SELECT count(*) FROM observables WHERE value = '203.0.113.7'"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM mentions WHERE entity_id = 'intrusion-set--apt43'"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'beacon'"), 1);

  Findings none;
  ASSERT_TRUE(store_->update_findings(put.value().id, none, {}).ok());
  EXPECT_EQ(count("SELECT count(*) FROM observables"), 0);
  EXPECT_FALSE(store_->update_findings(9999, none, {}).ok());
}

TEST_F(SqliteStoreTest, AFailureMidArticleLeavesNothingHalfWritten) {
  // A trigger stands in for a crash between the article row and its findings.
  ASSERT_TRUE(store_->database()
                  .exec("CREATE TRIGGER boom BEFORE INSERT ON mentions WHEN new.alias = 'boom' "
                        "BEGIN SELECT RAISE(ABORT, 'simulated failure'); END")
                  .ok());
  auto kept = store_->put_article(article("https://news.example/kept", "Kept text."));
  ASSERT_TRUE(kept.ok());
  ArticleInput input = article("https://news.example/b", "Doomed text.");
  Mention m;
  m.alias = "boom";
  input.findings.entities.push_back(m);
  auto put = store_->put_article(input);
  ASSERT_FALSE(put.ok());
  EXPECT_NE(put.error().message.find("simulated failure"), std::string::npos);
  EXPECT_EQ(store_->count_articles().value(), 1);
  EXPECT_EQ(count("SELECT count(*) FROM article_sightings"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'doomed'"), 0);
  // The store is still usable afterwards.
  EXPECT_TRUE(store_->put_article(article("https://news.example/c", "Later text.")).ok());
}

TEST_F(SqliteStoreTest, ListsArticlesWithACursor) {
  for (int i = 0; i < 5; ++i) {
    auto put = store_->put_article(
        article("https://news.example/" + std::to_string(i), "Text " + std::to_string(i)));
    ASSERT_TRUE(put.ok());
  }
  ArticleQuery query;
  query.limit = 2;
  auto page = store_->list_articles(query);
  ASSERT_EQ(page.value().size(), 2u);
  query.after_id = page.value().back().article.id;
  auto next = store_->list_articles(query);
  ASSERT_EQ(next.value().size(), 2u);
  EXPECT_GT(next.value().front().article.id, query.after_id);
}

TEST_F(SqliteStoreTest, FeedsAreAddedOnceUpdatedAndRemoved) {
  Source feed;
  feed.url = "https://news.example/feed.xml";
  feed.title = "Example News";
  auto id = store_->add_feed(feed);
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(store_->add_feed(feed).value(), id.value());
  auto feeds = store_->list_feeds();
  ASSERT_EQ(feeds.value().size(), 1u);
  Source changed = feeds.value()[0];
  changed.etag = "\"abc\"";
  changed.health.consecutive_failures = 3;
  changed.health.last_error_message = "timeout";
  ASSERT_TRUE(store_->update_feed(changed).value());
  auto after = store_->list_feeds().value().at(0);
  EXPECT_EQ(after.etag, "\"abc\"");
  EXPECT_EQ(after.health.consecutive_failures, 3);
  EXPECT_EQ(after.health.last_error_message, "timeout");
  EXPECT_TRUE(store_->remove_feed(feed.url).value());
  EXPECT_FALSE(store_->remove_feed(feed.url).value());
  EXPECT_TRUE(store_->list_feeds().value().empty());
}

}  // namespace
}  // namespace osprey::store::sqlite

namespace osprey::store::sqlite {
namespace {

class SqliteSearchTest : public SqliteStoreTest {
 protected:
  int64_t put(std::string url, std::string text, std::string label, const char* actor,
              const char* cve) {
    ArticleInput input = article(std::move(url), std::move(text));
    input.analysis.relevance_label = std::move(label);
    if (actor) {
      Mention m;
      m.type = "intrusion-set";
      m.id = std::string("intrusion-set--") + actor;
      m.name = actor;
      m.alias = actor;
      input.findings.entities.push_back(m);
    }
    if (cve) {
      Observable o;
      o.type = "cve";
      o.value = cve;
      input.findings.observables.push_back(o);
    }
    return store_->put_article(input).value().id;
  }
};

TEST_F(SqliteSearchTest, FullTextFiltersAndNoise) {
  int64_t a = put("https://n.example/1", "Wiper hits utilities.", "security", "Sandworm", nullptr);
  int64_t b =
      put("https://n.example/2", "Edge gateways exploited.", "security", nullptr, "CVE-2024-3400");
  int64_t c =
      put("https://n.example/3", "Wiper discount on vacuum cleaners.", "noise", nullptr, nullptr);
  auto ids = [&](const SearchQuery& q) {
    std::vector<int64_t> out;
    auto found = store_->search(q);
    EXPECT_TRUE(found.ok()) << (found.ok() ? "" : found.error().message);
    if (found.ok())
      for (const auto& s : found.value()) out.push_back(s.article.id);
    std::sort(out.begin(), out.end());
    return out;
  };
  SearchQuery words;
  words.text = "wiper";
  EXPECT_EQ(ids(words), std::vector<int64_t>{a});
  words.include_noise = true;
  EXPECT_EQ(ids(words), (std::vector<int64_t>{a, c}));
  SearchQuery actor;
  actor.filters = {{"actor", "sandworm"}};
  EXPECT_EQ(ids(actor), std::vector<int64_t>{a});
  SearchQuery cve;
  cve.filters = {{"cve", "cve-2024-3400"}};
  EXPECT_EQ(ids(cve), std::vector<int64_t>{b});
  SearchQuery both;
  both.text = "wiper";
  both.filters = {{"cve", "CVE-2024-3400"}};
  EXPECT_TRUE(ids(both).empty());
  SearchQuery bad;
  bad.text = "\"unbalanced";
  EXPECT_FALSE(store_->search(bad).ok());
  SearchQuery unknown;
  unknown.filters = {{"colour", "red"}};
  EXPECT_FALSE(store_->search(unknown).ok());

  auto by_entity = store_->articles_with_entity({"intrusion-set--Sandworm"}, 10, false);
  ASSERT_EQ(by_entity.value().size(), 1u);
  EXPECT_EQ(by_entity.value()[0].article.id, a);
  put("https://n.example/4", "Sandworm-themed board game on sale.", "noise", "Sandworm", nullptr);
  EXPECT_EQ(store_->articles_with_entity({"intrusion-set--Sandworm"}, 10, false).value().size(),
            1u);
  EXPECT_EQ(store_->articles_with_entity({"intrusion-set--Sandworm"}, 10, true).value().size(), 2u);
  auto by_value = store_->articles_with_observable("CVE-2024-3400", 10);
  ASSERT_EQ(by_value.value().size(), 1u);
  EXPECT_EQ(by_value.value()[0].article.id, b);
}

// Two connections, as osprey serve has (request threads, poller, webhook
// worker): a single-row read must not pin one to an old snapshot.
TEST_F(SqliteStoreTest, AnotherConnectionsCommitsAreSeenAndDoNotBlockWrites) {
  auto other = SqliteStore::open(path_);
  ASSERT_TRUE(other.ok());
  int64_t first = store_->put_article(article("https://news.example/1", "one")).value().id;
  ASSERT_TRUE(store_->get_article(first).ok());  // leaves its statement at the row
  ASSERT_TRUE(other.value()->put_article(article("https://news.example/2", "two")).ok());
  store_->end_reads();
  EXPECT_EQ(store_->count_articles().value(), 2);
  ASSERT_TRUE(store_->get_article(first).ok());
  ASSERT_TRUE(other.value()->put_article(article("https://news.example/3", "three")).ok());
  auto written = store_->put_article(article("https://news.example/4", "four"));
  EXPECT_TRUE(written.ok()) << written.error().message;
}

}  // namespace
}  // namespace osprey::store::sqlite
