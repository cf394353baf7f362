// The ingest pipeline's batching: a feed's items commit together, and an item
// that cannot be stored is undone alone.
#include "osprey/pipeline/ingest_pipeline.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace osprey::pipeline
