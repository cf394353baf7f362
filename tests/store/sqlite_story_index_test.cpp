// The SQLite story index must decide exactly as the in-memory one does: the
// clusterer is run over the labelled story set into both.
#include "osprey/store/sqlite/sqlite_story_index.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "committed_kb.h"
#include "osprey/analyze/cluster_evaluation.h"
#include "osprey/analyze/fingerprint.h"
#include "osprey/analyze/memory_story_index.h"
#include "osprey/analyze/story_clusterer.h"
#include "osprey/store/sqlite/sqlite_store.h"
#include "support.h"

namespace osprey::store::sqlite {
namespace {

std::string fresh_path(const std::string& name) {
  auto path =
      std::filesystem::temp_directory_path() / (name + "-" + std::to_string(::getpid()) + ".db");
  std::filesystem::remove(path);
  return path.string();
}

TEST(SqliteStoryIndex, DecidesExactlyAsTheMemoryIndex) {
  auto articles = analyze::read_labelled_articles(OSPREY_FIXTURES "/stories/eval.jsonl");
  ASSERT_TRUE(articles.ok()) << articles.error().message;
  std::stable_sort(articles.value().begin(), articles.value().end(),
                   [](const auto& a, const auto& b) { return a.published_at < b.published_at; });
  std::string path = fresh_path("story-index");
  auto store = SqliteStore::open(path);
  ASSERT_TRUE(store.ok());
  analyze::MemoryStoryIndex memory;
  analyze::StoryClusterer in_memory(memory);
  analyze::StoryClusterer in_sqlite(store.value()->story_index());
  int64_t id = 0;
  for (const auto& labelled : articles.value()) {
    Article article;
    article.title = labelled.title;
    article.text = labelled.text;
    article.url = labelled.url;
    article.published_at = labelled.published_at;
    Findings findings = osprey::testing::extract(labelled.text);
    findings.entities = testing::committed_matcher().match(labelled.text);
    auto fp = analyze::make_fingerprint(article, findings);
    analyze::StoryMember member{
        ++id, analyze::outlet_of(labelled.url), labelled.url, labelled.title, labelled.published_at,
        0};
    auto expected = in_memory.assign(member, fp);
    auto actual = in_sqlite.assign(member, fp);
    ASSERT_EQ(store.value()->take_story_index_error(), "");
    EXPECT_EQ(actual.kind, expected.kind) << labelled.id;
    EXPECT_EQ(actual.story_id, expected.story_id) << labelled.id;
    EXPECT_EQ(actual.duplicate_of, expected.duplicate_of) << labelled.id;
  }
  // The stories are listed with their members and sources.
  StoryQuery query;
  query.min_sources = 3;
  auto stories = store.value()->list_stories(query);
  ASSERT_TRUE(stories.ok());
  ASSERT_FALSE(stories.value().empty());
  for (const auto& story : stories.value()) {
    EXPECT_GE(story.members.size(), 3u);
    auto again = store.value()->get_story(story.id);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again.value().title, story.title);
  }
  EXPECT_FALSE(store.value()->get_story(999999).ok());
  store.value().reset();
  std::filesystem::remove(path);
}

analyze::Story story_titled(int64_t id, const std::string& title) {
  analyze::Story story;
  story.id = id;
  story.title = title;
  story.first_seen = story.last_seen = 1'730'000'000;
  story.articles = 1;
  return story;
}

TEST(SqliteStoryIndex, CachedStoriesFollowOtherWritersAndRollbacks) {
  std::string path = fresh_path("story-cache");
  auto a = SqliteStore::open(path);
  auto b = SqliteStore::open(path);
  ASSERT_TRUE(a.ok() && b.ok());
  int64_t id = a.value()->story_index().put_story(story_titled(0, "first title"));
  ASSERT_GT(id, 0);
  EXPECT_EQ(a.value()->story_index().story(id)->title, "first title");  // now cached

  // Another connection (another process, in life) changes it: A must see it.
  b.value()->story_index().put_story(story_titled(id, "written by another process"));
  EXPECT_EQ(a.value()->story_index().story(id)->title, "written by another process");

  // A change read back inside a transaction that then fails is undone.
  auto failed = a.value()->transaction([&]() -> Result<bool> {
    a.value()->story_index().put_story(story_titled(id, "rolled back"));
    EXPECT_EQ(a.value()->story_index().story(id)->title, "rolled back");
    return Error{"the article could not be stored"};
  });
  EXPECT_FALSE(failed.ok());
  EXPECT_EQ(a.value()->story_index().story(id)->title, "written by another process");
  std::filesystem::remove(path);
}

TEST(SqliteStoryIndex, StoryJsonRoundTrips) {
  analyze::Story story;
  story.title = "Kimsuky \"phishing\" wave";
  story.first_seen = 100;
  story.last_seen = 200;
  story.articles = 2;
  story.content_norm = 1.5;
  story.members.push_back({7, "news.example", "https://news.example/a", "A", 100, 0});
  story.members.push_back({9, "farm.example", "https://farm.example/a", "A!", 150, 7});
  analyze::StoryTerm term;
  term.key = "e:intrusion-set--kimsuky";
  term.hash = 0xFFFFFFFFFFFFFFFFULL;
  term.articles = 2;
  term.kind = analyze::TermKind::kStrongEntity;
  story.terms.push_back(term);
  analyze::Story back = story_from_json(story_to_json(story));
  EXPECT_EQ(back.title, story.title);
  ASSERT_EQ(back.members.size(), 2u);
  EXPECT_EQ(back.members[1].duplicate_of, 7);
  ASSERT_EQ(back.terms.size(), 1u);
  EXPECT_EQ(back.terms[0].hash, term.hash);
  EXPECT_EQ(back.terms[0].kind, analyze::TermKind::kStrongEntity);
  EXPECT_TRUE(story_from_json("not json").members.empty());
}

TEST(SqliteStore, NestedTransactionsCommitOrRollBackTogether) {
  std::string path = fresh_path("nested");
  auto store = SqliteStore::open(path);
  ASSERT_TRUE(store.ok());
  ArticleInput input;
  input.article.source = "s";
  input.article.text = "first";
  auto failed = store.value()->transaction([&]() -> Result<bool> {
    auto put = store.value()->put_article(input);
    if (!put.ok()) return put.error();
    return Error{"later step failed"};
  });
  EXPECT_FALSE(failed.ok());
  EXPECT_EQ(store.value()->count_articles().value(), 0);
  auto committed = store.value()->transaction([&]() -> Result<bool> {
    auto put = store.value()->put_article(input);
    if (!put.ok()) return put.error();
    return true;
  });
  EXPECT_TRUE(committed.ok());
  EXPECT_EQ(store.value()->count_articles().value(), 1);
  store.value().reset();
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace osprey::store::sqlite
