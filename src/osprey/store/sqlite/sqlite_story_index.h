// The clustering index (analyze::StoryIndex) in the SQLite store: stories
// with their members, fingerprints, and posting lists for content hashes,
// LSH band keys and key terms, each indexed by (key, time) so every lookup
// reads only its candidates.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <unordered_map>

#include "osprey/analyze/story_index.h"
#include "osprey/store/sqlite/database.h"

namespace osprey::store::sqlite {

class SqliteStoryIndex final : public analyze::StoryIndex {
 public:
  explicit SqliteStoryIndex(Database& db) : db_(db) {}

  void find_by_content_hash(uint64_t hash, std::vector<analyze::Posting>& out) override;
  void find_by_band(uint64_t key, int64_t from, int64_t to, size_t limit,
                    std::vector<analyze::Posting>& out) override;
  void find_by_term(std::string_view term, int64_t from, int64_t to, size_t limit,
                    std::vector<analyze::Posting>& out) override;
  uint64_t term_articles(std::string_view term) override;
  uint64_t article_count() override;
  std::shared_ptr<const analyze::Story> story(int64_t id) override;
  std::shared_ptr<const analyze::ArticleFingerprint> fingerprint(int64_t article_id) override;
  int64_t put_story(analyze::Story story) override;
  void index_article(int64_t article_id, int64_t story_id, const analyze::ArticleFingerprint& fp,
                     const std::vector<uint64_t>& band_keys) override;

  // The first database error since the last call, then cleared. The
  // interface cannot return errors; the pipeline checks this after each
  // assignment and rolls the article back when it is set.
  std::string take_error();

  // Drops the parsed stories kept between calls. The store calls it when a
  // transaction rolls back, since the cache may hold what was undone.
  void forget_cached_stories() { stories_.clear(); }

 private:
  StatementLease statement(const char* sql);
  void note(const std::string& error);
  void read_postings(Statement* s, std::vector<analyze::Posting>& out);

  Database& db_;
  std::map<const char*, Statement> statements_;
  std::string error_;
  // Stories as last read, parsed: clustering reads the same candidates for
  // article after article, and parsing their JSON was half its time. Valid
  // while no other connection commits (PRAGMA data_version says so).
  std::unordered_map<int64_t, std::shared_ptr<const analyze::Story>> stories_;
  int64_t data_version_ = -1;
};

// A story's JSON form (members, profile terms) as kept in stories.body.
std::string story_to_json(const analyze::Story& story);
analyze::Story story_from_json(const std::string& text);

}  // namespace osprey::store::sqlite
