// The embedded default store: one SQLite file in WAL mode with FTS5 over
// titles and texts. Not thread-safe: one SqliteStore per thread (SQLite's
// WAL lets several processes read while one writes).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>

#include "osprey/store/sqlite/database.h"
#include "osprey/store/sqlite/sqlite_story_index.h"
#include "osprey/store/store.h"

namespace osprey::store::sqlite {

class SqliteStore final : public Store {
 public:
  // Opens or creates the file and applies missing migrations.
  static Result<std::unique_ptr<SqliteStore>> open(const std::string& path);

  Result<PutOutcome> put_article(const ArticleInput& input) override;
  Result<bool> update_findings(int64_t id, const Findings& findings,
                               const Analysis& analysis) override;
  Result<StoredArticle> get_article(int64_t id) override;
  Result<std::vector<StoredArticle>> list_articles(const ArticleQuery& query) override;
  Result<Document> raw_document(int64_t id) override;
  Result<int64_t> count_articles() override;
  Result<std::vector<StoredArticle>> search(const SearchQuery& query) override;  // search.cpp
  Result<std::vector<StoredArticle>> articles_with_entity(
      const std::vector<std::string>& entity_ids, size_t limit, bool include_noise) override;
  Result<std::vector<StoredArticle>> articles_with_observable(const std::string& value,
                                                              size_t limit) override;
  Result<EntityActivity> entity_activity(const std::string& entity_id,
                                         bool include_noise) override;  // activity.cpp
  Result<std::vector<ActivityCount>> top_entities(const ActivityQuery& query) override;
  Result<std::vector<ActivityCount>> top_observables(const ActivityQuery& query) override;

  Result<bool> transaction(const std::function<Result<bool>()>& work) override;
  void end_reads() override { db_.release_reads(); }
  analyze::StoryIndex& story_index() override { return story_index_; }
  std::string take_story_index_error() override { return story_index_.take_error(); }
  Result<std::vector<analyze::Story>> list_stories(const StoryQuery& query) override;
  Result<analyze::Story> get_story(int64_t id) override;
  Result<bool> update_analysis(int64_t id, const Analysis& analysis) override;

  Result<int64_t> add_feed(const Source& feed) override;
  Result<bool> remove_feed(const std::string& url) override;
  Result<std::vector<Source>> list_feeds() override;
  Result<bool> update_feed(const Source& feed) override;

  Result<int64_t> add_token(const ApiToken& token) override;
  Result<std::optional<ApiToken>> find_token_by_hash(const std::string& hash) override;
  Result<std::vector<ApiToken>> list_tokens() override;
  Result<bool> revoke_token(int64_t id) override;

  // sqlite_watchlists.cpp
  Result<int64_t> add_watchlist(const Watchlist& watchlist) override;
  Result<std::vector<Watchlist>> list_watchlists() override;
  Result<std::optional<Watchlist>> get_watchlist(int64_t id) override;
  Result<bool> remove_watchlist(int64_t id) override;
  Result<bool> add_alert(const Alert& alert) override;
  Result<std::vector<Alert>> list_alerts(const AlertQuery& query) override;
  Result<std::vector<int64_t>> alerted_articles(int64_t watchlist_id) override;
  Result<std::vector<Alert>> claim_deliveries(int64_t now, int64_t lease_seconds,
                                              size_t limit) override;
  Result<bool> update_delivery(int64_t alert_id, const Delivery& delivery) override;
  Result<int64_t> data_version() override;

  Database& database() { return db_; }
  // How search finds its page (search.cpp): by estimated cost, or always
  // one way. Results never depend on it; tests use it to try both plans.
  enum class SearchPlan { automatic, candidates, walk };
  void set_search_plan(SearchPlan plan) { plan_ = plan; }

 private:
  explicit SqliteStore(Database db) : db_(std::move(db)), story_index_(db_) {}

  struct Match {
    int64_t id = 0;
    std::string matched_by;
  };
  // A prepared statement kept for the life of the store, lent until the
  // returned lease goes out of scope.
  Result<StatementLease> statement(const char* sql);
  Result<std::optional<Match>> find_match(const Article& article, const std::string& hash);
  Result<bool> insert_raw(int64_t id, int version, const Document& raw,
                          const std::string& compressed);
  Result<bool> record_sighting(int64_t id, const Article& article, int64_t now);
  Result<bool> write_findings(int64_t id, const Findings& findings);
  Result<bool> write_analysis(int64_t id, const Analysis& analysis);
  Result<std::vector<Watchlist>> read_watchlists(int64_t only_id);
  Result<std::vector<Alert>> read_alerts(Statement& query);
  Result<std::vector<StoredArticle>> read_articles(const std::string& sql,
                                                   const std::vector<std::string>& texts,
                                                   const std::vector<int64_t>& numbers);
  // Whole rows of the articles `id_sql` selects, newest first.
  Result<std::vector<StoredArticle>> read_articles_in(const std::string& id_sql,
                                                      const std::vector<std::string>& texts,
                                                      const std::vector<int64_t>& numbers);
  // activity.cpp: the rows of an entity or indicator listing.
  Result<std::vector<ActivityCount>> top_counts(const char* sql, const ActivityQuery& query);
  // search.cpp: how many rows `source_sql` yields, counting no further than `cap`.
  Result<int64_t> count_capped(const std::string& source_sql, const std::string& value,
                               int64_t cap);

  Database db_;
  SqliteStoryIndex story_index_;  // uses db_
  std::map<const char*, Statement> statements_;
  SearchPlan plan_ = SearchPlan::automatic;
};

}  // namespace osprey::store::sqlite
