// The ingest pipeline's batching: a feed's items commit together, and an item
// that cannot be stored is undone alone.
#include "osprey/pipeline/ingest_pipeline.h"

#include <gtest/gtest.h>

#include <optional>
#include <thread>

#include "export/export_fixture.h"
#include "osprey/store/sqlite/sqlite_store.h"
#include "store/sqlite_fixture.h"

namespace osprey::pipeline {
namespace {

std::string rss(const std::vector<std::string>& titles) {
  std::string xml = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title>";
  for (size_t i = 0; i < titles.size(); ++i) {
    std::string n = std::to_string(i);
    xml += "<item><title>" + titles[i] + "</title><link>https://news.example/" + n +
           "</link><guid>g" + n + "</guid><description>Attackers exploited CVE-2024-340" + n +
           " in gateways, researchers said.</description></item>";
  }
  return xml + "</channel></rss>";
}

class IngestPipelineTest : public store::sqlite::SqliteStoreTest {
 protected:
  void SetUp() override {
    SqliteStoreTest::SetUp();
    analyze::AnalyzerOptions options;
    options.entities = false;
    auto analyzer = analyze::Analyzer::create(options);
    ASSERT_TRUE(analyzer.ok());
    analyzer_ = std::move(analyzer.value());
    pipeline_ = std::make_unique<IngestPipeline>(*store_, *analyzer_, nullptr);
  }
  void TearDown() override {
    pipeline_.reset();
    SqliteStoreTest::TearDown();
  }

  Document feed(const std::vector<std::string>& titles) {
    Document doc;
    doc.url = "https://news.example/feed.xml";
    doc.content_type = "application/rss+xml";
    doc.body = rss(titles);
    return doc;
  }

  std::unique_ptr<analyze::Analyzer> analyzer_;
  std::unique_ptr<IngestPipeline> pipeline_;
};

TEST_F(IngestPipelineTest, AFeedCommitsItsItemsTogether) {
  auto report = pipeline_->ingest(feed({"One", "Two", "Three"}), "https://news.example/feed.xml");
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(report.value().kind, "feed");
  EXPECT_EQ(report.value().created, 3);
  EXPECT_EQ(count("SELECT count(*) FROM articles"), 3);
  EXPECT_EQ(count("SELECT count(*) FROM observables WHERE type = 'cve'"), 3);
  // Every stored item has its story, written in the same transaction.
  EXPECT_EQ(count("SELECT count(*) FROM articles WHERE story_id = 0"), 0);
}

TEST_F(IngestPipelineTest, AnItemThatCannotBeStoredIsUndoneAloneAndNamed) {
  // A trigger stands in for a failure while storing one item's findings.
  ASSERT_TRUE(store_->database()
                  .exec("CREATE TRIGGER boom BEFORE INSERT ON observables WHEN new.value = "
                        "'CVE-2024-3401' BEGIN SELECT RAISE(ABORT, 'simulated failure'); END")
                  .ok());
  auto report = pipeline_->ingest(feed({"One", "Two", "Three"}), "https://news.example/feed.xml");
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(report.value().created, 2);
  EXPECT_EQ(report.value().failed, 1);
  ASSERT_EQ(report.value().errors.size(), 1u);
  EXPECT_NE(report.value().errors[0].find("https://news.example/1"), std::string::npos);
  EXPECT_NE(report.value().errors[0].find("simulated failure"), std::string::npos);
  EXPECT_EQ(count("SELECT count(*) FROM articles"), 2);
  EXPECT_EQ(count("SELECT count(*) FROM articles WHERE url = 'https://news.example/1'"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM story_members"), 2);
  EXPECT_EQ(count("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'Two'"), 0);

  // The failed item is stored when the feed is read again.
  ASSERT_TRUE(store_->database().exec("DROP TRIGGER boom").ok());
  auto again = pipeline_->ingest(feed({"One", "Two", "Three"}), "https://news.example/feed.xml");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again.value().created, 1);
  EXPECT_EQ(again.value().unchanged, 2);
  EXPECT_EQ(count("SELECT count(*) FROM articles"), 3);
}

// Every row `sql` gives, its `columns` columns joined by tabs.
std::vector<std::string> rows(store::sqlite::SqliteStore& store, const std::string& sql,
                              int columns) {
  std::vector<std::string> out;
  auto statement = store.database().prepare(sql);
  EXPECT_TRUE(statement.ok());
  if (!statement.ok()) return out;
  while (statement.value().step()) {
    std::string row;
    for (int c = 0; c < columns; ++c) row += statement.value().text(c) + "\t";
    out.push_back(row);
  }
  return out;
}

// Documents of every kind, an unreadable one among them.
std::vector<Document> mixed_documents() {
  std::vector<Document> docs;
  auto add = [&](std::string url, std::string type, std::string body) {
    Document doc;
    doc.url = doc.final_url = std::move(url);
    doc.content_type = std::move(type);
    doc.charset = "utf-8";
    doc.body = std::move(body);
    docs.push_back(std::move(doc));
  };
  for (int i = 0; i < 12; ++i) {
    std::string n = std::to_string(i);
    add("https://news.example/text/" + n, "text/plain",
        "Researchers said attackers exploited CVE-2025-100" + n + " and used 198.51.100." + n +
            " for command and control. The Lazarus Group was blamed for story " +
            std::to_string(i % 4) + ".");
    add("https://news.example/page/" + n, "text/html",
        "<html><head><title>Advisory " + n + "</title></head><body><article><h1>Advisory " + n +
            "</h1><p>APT29 sent phishing mail from evil" + n +
            ".example to ministries in Germany, the agency said.</p></article></body></html>");
  }
  add("https://news.example/feed.xml", "application/rss+xml",
      "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title><item><title>One"
      "</title><link>https://news.example/1</link><guid>g1</guid><description>Attackers "
      "exploited CVE-2024-3401 in gateways.</description></item></channel></rss>");
  add("https://news.example/subs.opml", "text/x-opml",
      "<?xml version=\"1.0\"?><opml version=\"2.0\"><body><outline xmlUrl=\"https://a.example/"
      "feed\"/></body></opml>");
  return docs;
}

// Reading and analysing on several threads, then storing in order, leaves
// the store as ingest() one document after the other does.
TEST_F(IngestPipelineTest, PreparedOnThreadsThenStoredInOrderIsIngest) {
  // With the committed knowledge base: entity recognition runs on the
  // threads too.
  const analyze::Analyzer& analyzer = exporting::testing::analyzer();
  ASSERT_TRUE(analyzer.has_entities());
  IngestPipeline one_by_one(*store_, analyzer, nullptr);
  std::vector<Document> docs = mixed_documents();
  std::vector<std::string> errors_one_by_one;
  for (const Document& doc : docs) {
    auto report = one_by_one.ingest(doc, doc.url);
    if (!report.ok()) errors_one_by_one.push_back(report.error().message);
  }

  auto other = store::sqlite::SqliteStore::open((dir_ / "threads.db").string());
  ASSERT_TRUE(other.ok()) << other.error().message;
  IngestPipeline threaded(*other.value(), analyzer, nullptr);
  std::vector<std::optional<Result<PreparedDocument>>> prepared(docs.size());
  std::vector<std::thread> threads;
  for (size_t t = 0; t < 3; ++t)
    threads.emplace_back([&, t] {
      for (size_t i = t; i < docs.size(); i += 3)
        prepared[i] = threaded.prepare(docs[i], docs[i].url);
    });
  for (std::thread& t : threads) t.join();
  std::vector<std::string> errors_threaded;
  for (auto& p : prepared) {
    ASSERT_TRUE(p.has_value());
    if (!p->ok()) {
      errors_threaded.push_back(p->error().message);
      continue;
    }
    auto report = threaded.store_prepared(std::move(p->value()));
    ASSERT_TRUE(report.ok()) << report.error().message;
  }

  EXPECT_EQ(errors_threaded, errors_one_by_one);
  ASSERT_EQ(errors_threaded.size(), 1u);  // the OPML list
  EXPECT_NE(errors_threaded[0].find("OPML"), std::string::npos);
  EXPECT_EQ(count("SELECT count(*) FROM articles"), 25);
  EXPECT_GT(count("SELECT count(*) FROM mentions"), 0);
  const std::pair<const char*, int> tables[] = {
      {"SELECT id, url, title, kind, content_hash, story_id, duplicate_of, relevance_score, "
       "findings FROM articles ORDER BY id",
       9},
      {"SELECT article_id, version, size, hex(body) FROM article_raw ORDER BY article_id", 4},
      {"SELECT article_id, type, value FROM observables ORDER BY 1, 2, 3", 3},
      {"SELECT story_id, article_id FROM story_members ORDER BY 1, 2", 2},
      {"SELECT article_id, entity_id, alias, role, count FROM mentions ORDER BY 1, 2", 5}};
  for (const auto& [sql, columns] : tables)
    EXPECT_EQ(rows(*other.value(), sql, columns), rows(*store_, sql, columns)) << sql;
}

}  // namespace
}  // namespace osprey::pipeline
