// A fresh SQLite store in its own temporary folder per test, and the real
// analyzer (committed knowledge base), for the pipeline tests.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include "export/export_fixture.h"
#include "osprey/pipeline/ingest_pipeline.h"
#include "osprey/store/store.h"
#include "osprey/watch/watchlist_builder.h"

namespace osprey::pipeline::testing {

class PipelineStore : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("osprey-pipeline-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    db_ = (dir_ / "test.db").string();
    auto opened = store::open_store(db_);
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    store_ = std::move(opened.value());
    pipeline_ = std::make_unique<IngestPipeline>(*store_, exporting::testing::analyzer(), nullptr);
  }
  void TearDown() override {
    pipeline_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  // Stores a watchlist built from `terms` (names resolved through the KB).
  int64_t watch(std::map<std::string, std::vector<std::string>> terms,
                const std::string& webhook = "") {
    auto built = watch::build_watchlist({"test watchlist", std::move(terms), webhook},
                                        exporting::testing::analyzer().knowledge_base());
    EXPECT_TRUE(built.ok()) << built.error().message;
    auto id = store_->add_watchlist(built.value());
    EXPECT_TRUE(id.ok());
    return id.value();
  }

  // Ingests a plain-text page.
  IngestReport ingest_text(const std::string& url, const std::string& text) {
    Document doc;
    doc.url = doc.final_url = url;
    doc.content_type = "text/plain";
    doc.charset = "utf-8";
    doc.body = text;
    auto report = pipeline_->ingest(doc, url);
    EXPECT_TRUE(report.ok()) << report.error().message;
    return report.ok() ? report.value() : IngestReport{};
  }

  std::filesystem::path dir_;
  std::string db_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<IngestPipeline> pipeline_;
};

inline const char* kKimsukyReport =
    "Velvet Chollima phishing campaign targets think tanks\n\n"
    "Security researchers at a threat intelligence firm say the North Korean group "
    "Velvet Chollima sent spear-phishing emails with malicious attachments to "
    "researchers at think tanks. The attackers exploited CVE-2024-3400 to gain initial "
    "access and deployed a backdoor that beaconed to update.files.example.com. The "
    "malware harvested credentials and exfiltrated documents to a command and control "
    "server at 198.51.100.23.\n";

}  // namespace osprey::pipeline::testing
