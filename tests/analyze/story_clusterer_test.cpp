// Story clustering: the join rules at their thresholds, the time window,
// copies recorded as sources, and incremental cost (only candidates read).
#include "osprey/analyze/story_clusterer.h"

#include <gtest/gtest.h>

#include "osprey/analyze/memory_story_index.h"

namespace osprey::analyze {
namespace {

constexpr int64_t kDay = 86400;
constexpr int64_t kT0 = 1700000000;

Mention entity(const std::string& type, const std::string& id) {
  Mention m;
  m.type = type;
  m.id = id;
  m.alias = id;  // the tests name entities by their alias
  m.confidence = 0.9;
  return m;
}

ArticleFingerprint fp(const std::string& title, const std::string& text, int64_t t,
                      std::vector<Mention> mentions = {}) {
  Article a;
  a.title = title;
  a.text = text;
  a.published_at = t;
  Findings f;
  f.entities = std::move(mentions);
  return make_fingerprint(a, f);
}

// "<text><n>", built by appending (GCC 12 warns falsely on "literal" + std::string).
std::string numbered(const char* text, int64_t n) {
  std::string out(text);
  return out.append(std::to_string(n));
}

StoryMember member(int64_t id, const std::string& url = "https://news.example/a") {
  return StoryMember{id, outlet_of(url), url, numbered("title ", id), 0, 0};
}

// Unrelated filler: n distinct words "<prefix>0 <prefix>1 …".
std::string filler(const std::string& prefix, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out.append(prefix).append(std::to_string(i)).append(" ");
  return out;
}

const std::string kTakedown =
    "Police seized the LockBit leak site and servers in Operation Cronos, an international "
    "operation led by the National Crime Agency.";
const std::string kTakedown2 =
    "The National Crime Agency says Operation Cronos took control of LockBit servers and its "
    "leak site; police recovered decryption keys.";
const std::string kSanctions =
    "Three governments imposed sanctions on a Russian man they name as the LockBit "
    "administrator and offered a reward for his arrest.";

TEST(StoryClusterer, SameEventFromTwoOutletsJoins) {
  MemoryStoryIndex index;
  StoryClusterer c(index);
  auto lockbit = entity("intrusion-set", "lockbit");
  auto a = c.assign(member(1), fp("Police seize LockBit leak site", kTakedown, kT0, {lockbit}));
  EXPECT_EQ(a.kind, Assignment::Kind::kNewStory);
  auto b = c.assign(member(2, "https://www.other.example/x"),
                    fp("Operation Cronos takes down LockBit", kTakedown2, kT0 + kDay, {lockbit}));
  EXPECT_EQ(b.kind, Assignment::Kind::kJoined) << b.reasons[0];
  EXPECT_EQ(b.story_id, a.story_id);
  auto story = index.story(a.story_id);
  ASSERT_TRUE(story);
  EXPECT_EQ(story->title, "title 1");
  EXPECT_EQ(story->first_seen, kT0);
  EXPECT_EQ(story->last_seen, kT0 + kDay);
  ASSERT_EQ(story->members.size(), 2u);
  EXPECT_EQ(story->members[1].outlet, "other.example");
}

TEST(StoryClusterer, SharedActorAloneDoesNotJoin) {
  MemoryStoryIndex index;
  StoryClusterer c(index);
  auto lockbit = entity("intrusion-set", "lockbit");
  auto a = c.assign(member(1), fp("Police seize LockBit leak site", kTakedown, kT0, {lockbit}));
  // Within the window, same actor, different event.
  auto b = c.assign(
      member(2), fp("Sanctions name LockBit administrator", kSanctions, kT0 + 2 * kDay, {lockbit}));
  EXPECT_EQ(b.kind, Assignment::Kind::kNewStory) << b.reasons[0];
  EXPECT_NE(b.story_id, a.story_id);
}

TEST(StoryClusterer, ArticleOutsideTheWindowStartsANewStory) {
  ClusterOptions options;
  options.scoring.time_decay = 0;
  auto lockbit = entity("intrusion-set", "lockbit");
  for (int64_t gap : {options.window, options.window + 1}) {
    MemoryStoryIndex index;
    StoryClusterer c(index, options);
    auto a = c.assign(member(1), fp("Police seize LockBit leak site", kTakedown, kT0, {lockbit}));
    auto b =
        c.assign(member(2), fp("Police seize LockBit leak site", kTakedown2, kT0 + gap, {lockbit}));
    EXPECT_EQ(b.kind == Assignment::Kind::kJoined, gap <= options.window) << gap;
  }
}

TEST(StoryClusterer, StoryNeverSpansMoreThanTheMaximum) {
  ClusterOptions options;
  options.max_story_span = 10 * kDay;
  MemoryStoryIndex index;
  StoryClusterer c(index, options);
  auto lockbit = entity("intrusion-set", "lockbit");
  auto a = c.assign(member(1), fp("Police seize LockBit leak site", kTakedown, kT0, {lockbit}));
  auto b = c.assign(member(2),
                    fp("Police seize LockBit leak site", kTakedown2, kT0 + 6 * kDay, {lockbit}));
  EXPECT_EQ(b.story_id, a.story_id);
  // Within the window of the last article, but 11 days after the first.
  auto d = c.assign(member(3), fp("Police seize LockBit leak site", kTakedown + " More.",
                                  kT0 + 11 * kDay, {lockbit}));
  EXPECT_NE(d.story_id, a.story_id);
}

TEST(StoryClusterer, EarlierArticleArrivingLateBecomesTheTitle) {
  MemoryStoryIndex index;
  StoryClusterer c(index);
  auto a = c.assign(member(1), fp("Police seize LockBit leak site", kTakedown, kT0));
  auto b = c.assign(member(2), fp("Operation Cronos takes down LockBit", kTakedown2, kT0 - kDay));
  ASSERT_EQ(b.story_id, a.story_id) << b.reasons[0];
  auto story = index.story(a.story_id);
  EXPECT_EQ(story->title, "title 2");
  EXPECT_EQ(story->first_seen, kT0 - kDay);
  EXPECT_EQ(story->last_seen, kT0);
}

TEST(StoryClusterer, CopyIsRecordedAsAnotherSourceOfTheArticle) {
  MemoryStoryIndex index;
  StoryClusterer c(index);
  std::string body = kTakedown + " " + kTakedown2 + " " + kSanctions;
  auto a = c.assign(member(1), fp("Police seize LockBit leak site", body, kT0));
  std::string farm =
      "Trending now: " + filler("junk", 40) + body + " Related posts: " + filler("more", 30);
  auto b = c.assign(member(2, "https://farm.example/copy"),
                    fp("Police seize LockBit leak site", farm, kT0 + 3600));
  ASSERT_EQ(b.kind, Assignment::Kind::kDuplicate) << b.reasons[0];
  EXPECT_EQ(b.duplicate_of, 1);
  EXPECT_EQ(b.story_id, a.story_id);
  EXPECT_GE(b.score, 0.8);
  auto story = index.story(a.story_id);
  EXPECT_EQ(story->articles, 1u);  // a source, not a new article
  ASSERT_EQ(story->members.size(), 2u);
  EXPECT_EQ(story->members[1].duplicate_of, 1);
  EXPECT_EQ(story->members[1].outlet, "farm.example");
  EXPECT_EQ(story->last_seen, kT0 + 3600);
  // The copy is not indexed: it adds nothing to term statistics.
  EXPECT_EQ(index.article_count(), 1u);
}

TEST(StoryClusterer, CopyBuriedInJunkIsFoundThroughItsStory) {
  // Four times more junk than text: Jaccard ≈ 0.2, so LSH bands seldom
  // match; the copy keeps the title, which finds the original's story.
  MemoryStoryIndex index;
  StoryClusterer c(index);
  std::string body = kTakedown + " " + kTakedown2 + " " + kSanctions;
  auto a = c.assign(member(1), fp("Police seize LockBit leak site", body, kT0));
  std::string farm = filler("junk", 120) + body + filler("more", 120);
  auto copy = fp("Police seize LockBit leak site", farm, kT0 + 3600);
  EXPECT_TRUE(index.fingerprint(1));
  auto b = c.assign(member(2), copy);
  ASSERT_EQ(b.kind, Assignment::Kind::kDuplicate) << b.reasons[0];
  EXPECT_EQ(b.duplicate_of, 1);
  EXPECT_EQ(b.story_id, a.story_id);
}

TEST(StoryClusterer, EmptyOrWordlessArticlesNeverFail) {
  MemoryStoryIndex index;
  StoryClusterer c(index);
  auto a = c.assign(member(1), fp("", "", kT0));
  auto b = c.assign(member(2), fp("", "", kT0));
  EXPECT_EQ(a.kind, Assignment::Kind::kNewStory);
  EXPECT_EQ(b.kind, Assignment::Kind::kNewStory);  // no text: never a copy, nothing to join
  auto d = c.assign(member(3), fp("", "\xff\xfe \x80", kT0));
  EXPECT_EQ(d.kind, Assignment::Kind::kNewStory);
}

TEST(StoryClusterer, AddingAnArticleReadsOnlyItsCandidates) {
  MemoryStoryIndex index;
  StoryClusterer c(index);
  // 2,000 unrelated stories in the same week, and one related.
  for (int i = 0; i < 2000; ++i)
    c.assign(member(100 + i),
             fp(numbered("Unrelated item ", i), filler(numbered("u", i) + "x", 40), kT0 + i * 60));
  auto lockbit = entity("intrusion-set", "lockbit");
  auto related =
      c.assign(member(1), fp("Police seize LockBit leak site", kTakedown, kT0, {lockbit}));
  ASSERT_EQ(index.story_count(), 2001u);
  index.reset_reads();
  auto d = c.decide(fp("Operation Cronos takes down LockBit", kTakedown2, kT0 + kDay, {lockbit}));
  EXPECT_LE(index.reads().stories, 2u);
  EXPECT_LE(index.reads().postings, 20u);
  EXPECT_EQ(d.candidates, index.reads().stories + index.reads().fingerprints);
  auto a = c.assign(member(2),
                    fp("Operation Cronos takes down LockBit", kTakedown2, kT0 + kDay, {lockbit}));
  EXPECT_EQ(a.story_id, related.story_id) << a.reasons[0];
}

TEST(StoryClusterer, DecideDoesNotChangeTheIndex) {
  MemoryStoryIndex index;
  StoryClusterer c(index);
  c.assign(member(1), fp("Police seize LockBit leak site", kTakedown, kT0));
  auto d = c.decide(fp("Operation Cronos takes down LockBit", kTakedown2, kT0 + kDay));
  EXPECT_EQ(d.kind, Assignment::Kind::kJoined);
  EXPECT_EQ(index.article_count(), 1u);
  EXPECT_EQ(index.story(d.story_id)->members.size(), 1u);
}

TEST(Outlet, HostWithoutWwwPortOrPath) {
  EXPECT_EQ(outlet_of("https://www.Example.COM:8443/a/b?c#d"), "example.com");
  EXPECT_EQ(outlet_of("http://user@news.example/x"), "news.example");
  EXPECT_EQ(outlet_of("news.example/path"), "news.example");
  EXPECT_EQ(outlet_of(""), "");
}

}  // namespace
}  // namespace osprey::analyze
