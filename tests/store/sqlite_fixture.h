// A fresh SQLite store per test, in its own temporary folder.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include "osprey/store/sqlite/sqlite_store.h"

namespace osprey::store::sqlite {

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("osprey-store-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "test.db").string();
    auto opened = SqliteStore::open(path_);
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    store_ = std::move(opened.value());
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  static ArticleInput article(std::string url, std::string text, std::string guid = "") {
    ArticleInput input;
    input.article.source = "https://news.example/feed.xml";
    input.article.url = std::move(url);
    input.article.guid = std::move(guid);
    input.article.title = "Kimsuky phishing wave";
    input.article.text = std::move(text);
    input.article.kind = "feed";
    return input;
  }

  int64_t count(const std::string& sql) {
    auto statement = store_->database().prepare(sql);
    EXPECT_TRUE(statement.ok());
    EXPECT_TRUE(statement.value().step());
    return statement.value().int64(0);
  }

  std::filesystem::path dir_;
  std::string path_;
  std::unique_ptr<SqliteStore> store_;
};

}  // namespace osprey::store::sqlite
