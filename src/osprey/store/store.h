// The Store: where articles, their findings and the feed subscriptions live.
// One interface, one implementation per database (sqlite/ now; postgres/ for
// teams). Nothing outside store/ writes SQL.
//
// Contracts shared by every implementation:
//  - put_article() is one transaction: after a crash the article is either
//    stored completely (text, version, raw bytes, findings) or not at all.
//  - Identity: an incoming article is the stored one with the same canonical
//    URL, else the same feed GUID from the same source, else the same item
//    URL, else the same content hash. A match with a different text becomes
//    a new version of that article; a match with the same text only records
//    the new source or link. No item is stored twice.
//  - Every method returns an Error instead of throwing.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "osprey/analyze/story.h"
#include "osprey/analyze/story_index.h"
#include "osprey/model/article.h"
#include "osprey/model/observable.h"
#include "osprey/model/result.h"
#include "osprey/model/source.h"
#include "osprey/model/watchlist.h"

namespace osprey::store {

// What the analysis stages concluded about an article.
struct Analysis {
  double relevance_score = -1;  // -1 = not triaged
  std::string relevance_label;  // "security" | "borderline" | "noise"; empty = not triaged
  std::vector<std::string> relevance_reasons;
  int64_t story_id = 0;      // 0 = no story
  int64_t duplicate_of = 0;  // 0 = not a duplicate
  std::string fingerprint;   // opaque bytes from analyze/ (near-duplicate signature)
};

// One article as handed to the store.
struct ArticleInput {
  Article article;
  Findings findings;
  Analysis analysis;
  Document raw;  // the bytes it was read from (body may be empty for feed items)
  // raw.body zstd-compressed (store/compression.h) by a caller that had
  // cores to spare; empty: the store compresses it.
  std::string raw_compressed;
};

enum class PutKind {
  created,    // a new article
  versioned,  // a known article whose text changed: stored as a new version
  unchanged,  // a known article with the same text: only the sighting was recorded
};

struct PutOutcome {
  int64_t id = 0;
  PutKind kind = PutKind::created;
  int version = 1;
  std::string matched_by;  // "canonical_url", "guid", "url", "content_hash"; empty when created
};

// An article as stored, with what was found in it.
struct StoredArticle {
  Article article;
  Findings findings;
  Analysis analysis;
  int version = 1;
  int64_t ingested_at = 0;  // first stored, Unix seconds UTC
  int64_t updated_at = 0;   // last new version
  std::string content_hash;
  std::vector<std::string> other_sources;  // further feeds/URLs that carried the same text
};

struct ArticleQuery {
  int64_t since = 0;     // published (or ingested when unknown) at or after; 0 = any time
  int64_t after_id = 0;  // cursor: only ids greater than this
  size_t limit = 100;    // at most this many, oldest id first
  std::string label;     // only this relevance label; empty = any
};

struct StoryQuery {
  int64_t since = 0;       // last seen at or after; 0 = any time
  size_t min_sources = 0;  // at least this many distinct outlets
  size_t limit = 100;
  int64_t before_last_seen = 0;  // cursor: only stories last seen before this; 0 = none
  // With before_last_seen: also stories last seen exactly then with an id
  // below this, so a page boundary inside equal times loses nothing.
  int64_t before_id = 0;
};

// An API token as stored: only its SHA-256 is kept, never the token itself.
struct ApiToken {
  int64_t id = 0;
  std::string name;
  std::string role;        // "reader" | "writer" | "admin"
  std::string hash;        // SHA-256 of the token, lowercase hex
  int64_t created_at = 0;  // Unix seconds UTC
  bool revoked = false;
};

// Full text plus filters: `ransomware actor:"APT 29" cve:CVE-2024-3400`.
struct SearchQuery {
  std::string text;  // FTS5 words (quoted phrases, OR, prefix*); empty = any
  // (field, value) with field one of actor, malware, tool, cve, ioc, sector, country.
  std::vector<std::pair<std::string, std::string>> filters;
  bool include_noise = false;  // noise is searchable only when asked
  int64_t since = 0;
  size_t limit = 50;
};

// What the stored news says about one entity, aggregated by the database so
// that an actor named in a hundred thousand articles costs one query, not a
// hundred thousand findings read back.
struct EntityActivity {
  int64_t articles = 0;  // distinct articles naming it
  int64_t first_seen = 0, last_seen = 0;
  std::vector<std::pair<std::string, int64_t>> aliases;  // alias as written → articles
  std::vector<std::pair<int64_t, int64_t>> days;  // UTC day (Unix seconds at 00:00) → articles
  struct Link {
    std::string predicate;  // as read; see `negated`
    bool negated = false;
    bool outgoing = true;  // the entity is the subject
    std::string other_id, other_type, other_name;
    int64_t articles = 0;   // distinct articles stating it
    double confidence = 0;  // the highest
    std::string sentence;   // the evidence of the most confident statement
  };
  std::vector<Link> relations;  // most articles first
};

// One row of an entity or indicator listing.
struct ActivityCount {
  std::string id;    // entity id, or the observable's canonical value
  std::string type;  // entity or observable type
  std::string name;  // canonical name (entities) or the value (observables)
  int64_t articles = 0;
  int64_t first_seen = 0, last_seen = 0;
};

// Which entities or indicators to list.
struct ActivityQuery {
  int64_t since = 0;               // articles at or after this time (published, else ingested)
  std::vector<std::string> types;  // only these types; empty = any
  bool include_noise = false;
  size_t limit = 100;  // the most reported first
};

// Which alerts to list: newest first.
struct AlertQuery {
  int64_t watchlist_id = 0;  // only this watchlist's; 0 = every watchlist
  int64_t since = 0;         // created at or after; 0 = any time
  int64_t before_id = 0;     // cursor: only ids below this; 0 = from the newest
  size_t limit = 100;
};

class Store {
 public:
  virtual ~Store() = default;

  // Runs `work` in one transaction: everything it stores commits together,
  // or nothing does when it returns an Error. Calls may nest.
  virtual Result<bool> transaction(const std::function<Result<bool>()>& work) = 0;
  // Ends whatever read is still open outside a transaction, so the next
  // query sees every commit made so far, also by other connections. A
  // connection kept for reuse (server/store_pool.h) calls it between uses.
  virtual void end_reads() = 0;

  // Stores (or versions, or re-sights) one article. See the identity contract above.
  virtual Result<PutOutcome> put_article(const ArticleInput& input) = 0;
  // Replaces an article's findings and analysis (osprey reprocess); its text is unchanged.
  virtual Result<bool> update_findings(int64_t id, const Findings& findings,
                                       const Analysis& analysis) = 0;
  virtual Result<StoredArticle> get_article(int64_t id) = 0;
  virtual Result<std::vector<StoredArticle>> list_articles(const ArticleQuery& query) = 0;
  // The bytes the current version was read from, decompressed.
  virtual Result<Document> raw_document(int64_t id) = 0;
  virtual Result<int64_t> count_articles() = 0;
  // Articles matching a search, newest first.
  virtual Result<std::vector<StoredArticle>> search(const SearchQuery& query) = 0;
  // Articles that mention any of the entity ids, newest first; noise too
  // only when asked.
  virtual Result<std::vector<StoredArticle>> articles_with_entity(
      const std::vector<std::string>& entity_ids, size_t limit, bool include_noise) = 0;
  // The activity of one entity over every stored article (noise only when asked).
  virtual Result<EntityActivity> entity_activity(const std::string& entity_id,
                                                 bool include_noise) = 0;
  // The entities, or the indicators, most reported by the articles the query selects.
  virtual Result<std::vector<ActivityCount>> top_entities(const ActivityQuery& query) = 0;
  virtual Result<std::vector<ActivityCount>> top_observables(const ActivityQuery& query) = 0;
  // Articles in which the observable (canonical value) was found, newest first.
  virtual Result<std::vector<StoredArticle>> articles_with_observable(const std::string& value,
                                                                      size_t limit) = 0;

  // The clustering index over the stored stories (analyze::StoryClusterer
  // reads candidates through it). Writes through it join the current
  // transaction; take_story_index_error() reports a failed write.
  virtual analyze::StoryIndex& story_index() = 0;
  // The first error a story_index() write met since the last call, or empty.
  virtual std::string take_story_index_error() = 0;
  // Stories, most recently active first.
  virtual Result<std::vector<analyze::Story>> list_stories(const StoryQuery& query) = 0;
  virtual Result<analyze::Story> get_story(int64_t id) = 0;
  // Records the analysis of an article (relevance, story, duplicate_of, fingerprint).
  virtual Result<bool> update_analysis(int64_t id, const Analysis& analysis) = 0;

  // Adds a subscription, or returns the id of the existing one with that URL.
  virtual Result<int64_t> add_feed(const Source& feed) = 0;
  // False when no subscription has that URL.
  virtual Result<bool> remove_feed(const std::string& url) = 0;
  virtual Result<std::vector<Source>> list_feeds() = 0;
  // Writes a subscription's validators, schedule and health (matched by id).
  virtual Result<bool> update_feed(const Source& feed) = 0;

  // Stores a token (its hash, name and role); returns its id.
  virtual Result<int64_t> add_token(const ApiToken& token) = 0;
  // The unrevoked token with this hash, or nullopt.
  virtual Result<std::optional<ApiToken>> find_token_by_hash(const std::string& hash) = 0;
  // Every token, revoked ones included, oldest first.
  virtual Result<std::vector<ApiToken>> list_tokens() = 0;
  // False when no unrevoked token has this id.
  virtual Result<bool> revoke_token(int64_t id) = 0;

  // Stores a watchlist as given (watch/ validates it); returns its id.
  virtual Result<int64_t> add_watchlist(const Watchlist& watchlist) = 0;
  // Every watchlist, oldest first, with its alert count.
  virtual Result<std::vector<Watchlist>> list_watchlists() = 0;
  // The watchlist with this id, or nullopt.
  virtual Result<std::optional<Watchlist>> get_watchlist(int64_t id) = 0;
  // Removes a watchlist with its alerts and their deliveries; false when unknown.
  virtual Result<bool> remove_watchlist(int64_t id) = 0;
  // Records an alert unless the watchlist already alerted for that article:
  // true when recorded. Joins the current transaction.
  virtual Result<bool> add_alert(const Alert& alert) = 0;
  // Alerts newest first, with their watchlist's name and article's title and URL.
  virtual Result<std::vector<Alert>> list_alerts(const AlertQuery& query) = 0;
  // The articles a watchlist alerted for, oldest alert first.
  virtual Result<std::vector<int64_t>> alerted_articles(int64_t watchlist_id) = 0;
  // Takes up to `limit` pending deliveries due at `now` (oldest due first),
  // with their webhook, and makes them due again only at now + lease_seconds,
  // so two delivering processes never post the same alert at once and one
  // that dies mid-delivery leaves it to be retried.
  virtual Result<std::vector<Alert>> claim_deliveries(int64_t now, int64_t lease_seconds,
                                                      size_t limit) = 0;
  // Writes an alert's delivery state; false when the alert no longer exists.
  virtual Result<bool> update_delivery(int64_t alert_id, const Delivery& delivery) = 0;

  // A number that changes whenever an article, story, watchlist or alert is
  // written (delivery states aside): caches of derived data key on it.
  virtual Result<int64_t> data_version() = 0;
};

// Opens (creating and migrating if needed) the store at `path`: a SQLite file.
Result<std::unique_ptr<Store>> open_store(const std::string& path);

// The store path when --db is not given: $OSPREY_DB, else
// $XDG_DATA_HOME/osprey/osprey.db, else ~/.local/share/osprey/osprey.db.
std::string default_store_path();

}  // namespace osprey::store
