#include "osprey/store/sqlite/sqlite_store.h"

#include <chrono>
#include <filesystem>

#include "osprey/model/json.h"
#include "osprey/store/compression.h"
#include "osprey/store/content_hash.h"
#include "osprey/store/sqlite/migrations.h"

namespace osprey::store::sqlite {
namespace {

// Raw bodies are capped by the fetcher; this only guards against a damaged file.
constexpr size_t kMaxRawSize = size_t{1} << 30;

int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string to_json_text(const std::vector<std::string>& values) {
  return nlohmann::json(values).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::vector<std::string> strings_from_json(const std::string& text) {
  auto json = nlohmann::json::parse(text, nullptr, false);
  std::vector<std::string> values;
  if (!json.is_array()) return values;
  for (const auto& value : json) {
    if (value.is_string()) values.push_back(value.get<std::string>());
  }
  return values;
}

std::string findings_json(const Findings& findings) {
  nlohmann::json json = findings;
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Findings findings_from_json(const std::string& text) {
  auto json = nlohmann::json::parse(text, nullptr, false);
  Findings findings;
  if (json.is_object()) {
    try {
      json.get_to(findings);
    } catch (const nlohmann::json::exception&) {
      // A row written by a damaged file reads as no findings, never as a crash.
    }
  }
  return findings;
}

// Column list shared by every query that reads a whole article.
constexpr const char* kArticleColumns =
    "id, source, url, canonical_url, guid, title, authors, published, published_at, language, "
    "site_name, kind, text, content_hash, version, ingested_at, updated_at, warnings, findings, "
    "relevance_score, relevance_label, relevance_reasons, story_id, duplicate_of, fingerprint";

StoredArticle read_article_row(const Statement& row) {
  StoredArticle stored;
  Article& a = stored.article;
  a.id = row.int64(0);
  a.source = row.text(1);
  a.url = row.text(2);
  a.canonical_url = row.text(3);
  a.guid = row.text(4);
  a.title = row.text(5);
  a.authors = strings_from_json(row.text(6));
  a.published = row.text(7);
  a.published_at = row.int64(8);
  a.language = row.text(9);
  a.site_name = row.text(10);
  a.kind = row.text(11);
  a.text = row.text(12);
  stored.content_hash = row.text(13);
  stored.version = static_cast<int>(row.int64(14));
  stored.ingested_at = row.int64(15);
  stored.updated_at = row.int64(16);
  a.warnings = strings_from_json(row.text(17));
  stored.findings = findings_from_json(row.text(18));
  stored.findings.source = a.source;
  stored.analysis.relevance_score = row.real(19);
  stored.analysis.relevance_label = row.text(20);
  stored.analysis.relevance_reasons = strings_from_json(row.text(21));
  stored.analysis.story_id = row.int64(22);
  stored.analysis.duplicate_of = row.int64(23);
  stored.analysis.fingerprint = row.text(24);
  return stored;
}

Source read_feed_row(const Statement& row) {
  Source feed;
  feed.id = row.int64(0);
  feed.url = row.text(1);
  feed.kind = row.text(2);
  feed.title = row.text(3);
  feed.html_url = row.text(4);
  feed.category = row.text(5);
  feed.interval = row.int64(6);
  feed.next_due = row.int64(7);
  feed.etag = row.text(8);
  feed.last_modified = row.text(9);
  feed.enabled = row.int64(10) != 0;
  feed.health.last_polled = row.int64(11);
  feed.health.last_success = row.int64(12);
  feed.health.last_error = row.int64(13);
  feed.health.last_error_message = row.text(14);
  feed.health.consecutive_failures = static_cast<int>(row.int64(15));
  feed.health.items_per_day = row.real(16);
  feed.health.items_total = row.int64(17);
  return feed;
}

constexpr const char* kFeedColumns =
    "id, url, kind, title, html_url, category, interval_s, next_due, etag, last_modified, "
    "enabled, last_polled, last_success, last_error, last_error_message, "
    "consecutive_failures, items_per_day, items_total";

}  // namespace

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const std::string& path) {
  std::error_code ignored;
  auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ignored);
  auto db = Database::open(path);
  if (!db.ok()) return db.error();
  // WAL: readers never block the writer; NORMAL: a commit survives a process
  // crash (not a power cut), which is the guarantee ingestion needs. A 16 MiB
  // page cache per connection and memory-mapped reads (shared by every
  // connection) keep the hot index pages out of pread(), where SQLite's 2 MiB
  // default spent much of ingestion's time.
  for (const char* pragma : {"PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL",
                             "PRAGMA foreign_keys = ON", "PRAGMA cache_size = -16384",
                             "PRAGMA mmap_size = 1073741824", "PRAGMA temp_store = MEMORY"}) {
    auto done = db.value().exec(pragma);
    if (!done.ok()) return Error{path + ": " + done.error().message};
  }
  auto migrated = migrate(db.value());
  if (!migrated.ok()) return Error{path + ": " + migrated.error().message};
  return std::unique_ptr<SqliteStore>(new SqliteStore(std::move(db.value())));
}

Result<StatementLease> SqliteStore::statement(const char* sql) {
  auto found = statements_.find(sql);
  if (found == statements_.end()) {
    auto prepared = db_.prepare(sql);
    if (!prepared.ok()) return prepared.error();
    found = statements_.emplace(sql, std::move(prepared.value())).first;
  }
  found->second.reset();
  return StatementLease(&found->second);
}

Result<std::optional<SqliteStore::Match>> SqliteStore::find_match(const Article& article,
                                                                  const std::string& hash) {
  struct Probe {
    const char* sql;
    const std::string* key;
    bool with_source;
    const char* name;
  };
  // Each probe repeats its partial index's condition (`<> ''`) literally:
  // without it SQLite cannot use the index and scans the whole table.
  const Probe probes[] = {
      {"SELECT id FROM articles WHERE canonical_url = ?1 AND canonical_url <> '' UNION ALL "
       "SELECT id FROM articles WHERE url = ?1 AND url <> '' LIMIT 1",
       &article.canonical_url, false, "canonical_url"},
      {"SELECT id FROM articles WHERE source = ?2 AND guid = ?1 AND guid <> '' UNION ALL "
       "SELECT article_id FROM article_sightings WHERE source = ?2 AND guid = ?1 AND guid <> '' "
       "LIMIT 1",
       &article.guid, true, "guid"},
      {"SELECT id FROM articles WHERE url = ?1 AND url <> '' UNION ALL "
       "SELECT id FROM articles WHERE canonical_url = ?1 AND canonical_url <> '' UNION ALL "
       "SELECT article_id FROM article_sightings WHERE url = ?1 AND url <> '' LIMIT 1",
       &article.url, false, "url"},
      {"SELECT id FROM articles WHERE content_hash = ?1 LIMIT 1", &hash, false, "content_hash"},
  };
  for (const Probe& probe : probes) {
    if (probe.key->empty()) continue;
    auto query = statement(probe.sql);
    if (!query.ok()) return query.error();
    Statement& s = *query.value();
    s.bind(1, *probe.key);
    if (probe.with_source) s.bind(2, article.source);
    if (s.step()) return std::optional<Match>(Match{s.int64(0), probe.name});
    if (!s.error().empty()) return Error{"database: " + s.error()};
  }
  return std::optional<Match>();
}

Result<bool> SqliteStore::insert_raw(int64_t id, int version, const Document& raw,
                                     const std::string& compressed) {
  if (raw.body.empty()) return true;
  auto query = statement(
      "INSERT OR REPLACE INTO article_raw (article_id, version, url, final_url, content_type, "
      "charset, fetched_at, size, body) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  if (!query.ok()) return query.error();
  Statement& s = *query.value();
  s.bind(1, id).bind(2, int64_t{version}).bind(3, raw.url).bind(4, raw.final_url);
  s.bind(5, raw.content_type).bind(6, raw.charset).bind(7, raw.fetched_at);
  std::string compressed_here = compressed.empty() ? compress(raw.body) : std::string();
  s.bind(8, static_cast<int64_t>(raw.body.size()))
      .bind_blob(9, compressed.empty() ? compressed_here : compressed);
  return s.run();
}

Result<bool> SqliteStore::record_sighting(int64_t id, const Article& article, int64_t now) {
  auto query = statement(
      "INSERT OR IGNORE INTO article_sightings (article_id, source, url, guid, seen_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5)");
  if (!query.ok()) return query.error();
  Statement& s = *query.value();
  s.bind(1, id).bind(2, article.source).bind(3, article.url).bind(4, article.guid).bind(5, now);
  return s.run();
}

Result<bool> SqliteStore::write_findings(int64_t id, const Findings& findings) {
  for (const char* sql : {"DELETE FROM observables WHERE article_id = ?1",
                          "DELETE FROM mentions WHERE article_id = ?1",
                          "DELETE FROM relations WHERE article_id = ?1"}) {
    auto query = statement(sql);
    if (!query.ok()) return query.error();
    auto done = query.value()->bind(1, id).run();
    if (!done.ok()) return done;
  }
  auto observables = statement(
      "INSERT INTO observables (article_id, type, value, count, defanged, benign) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  if (!observables.ok()) return observables.error();
  for (const Observable& o : findings.observables) {
    Statement& s = *observables.value();
    s.reset();
    s.bind(1, id).bind(2, o.type).bind(3, o.value).bind(4, static_cast<int64_t>(o.count));
    s.bind(5, int64_t{o.defanged}).bind(6, o.benign);
    auto done = s.run();
    if (!done.ok()) return done;
  }
  auto mentions = statement(
      "INSERT INTO mentions (article_id, entity_id, type, name, alias, role, confidence, count) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  if (!mentions.ok()) return mentions.error();
  for (const Mention& m : findings.entities) {
    Statement& s = *mentions.value();
    s.reset();
    s.bind(1, id).bind(2, m.id).bind(3, m.type).bind(4, m.name).bind(5, m.alias);
    s.bind(6, m.role).bind(7, m.confidence).bind(8, static_cast<int64_t>(m.count));
    auto done = s.run();
    if (!done.ok()) return done;
  }
  auto relations = statement(
      "INSERT INTO relations (article_id, predicate, subject_id, subject_type, subject_name, "
      "object_id, object_type, object_name, confidence, negated, hedged, sentence) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
  if (!relations.ok()) return relations.error();
  for (const Relation& r : findings.relations) {
    Statement& s = *relations.value();
    s.reset();
    s.bind(1, id).bind(2, r.predicate).bind(3, r.subject.id).bind(4, r.subject.type);
    s.bind(5, r.subject.name).bind(6, r.object.id).bind(7, r.object.type).bind(8, r.object.name);
    s.bind(9, r.confidence).bind(10, int64_t{r.negated}).bind(11, int64_t{r.hedged});
    s.bind(12, r.sentence);
    auto done = s.run();
    if (!done.ok()) return done;
  }
  auto whole = statement("UPDATE articles SET findings = ?2 WHERE id = ?1");
  if (!whole.ok()) return whole.error();
  return whole.value()->bind(1, id).bind(2, findings_json(findings)).run();
}

Result<bool> SqliteStore::write_analysis(int64_t id, const Analysis& analysis) {
  auto query = statement(
      "UPDATE articles SET relevance_score = ?2, relevance_label = ?3, relevance_reasons = ?4, "
      "story_id = ?5, duplicate_of = ?6, fingerprint = ?7 WHERE id = ?1");
  if (!query.ok()) return query.error();
  Statement& s = *query.value();
  s.bind(1, id).bind(2, analysis.relevance_score).bind(3, analysis.relevance_label);
  s.bind(4, to_json_text(analysis.relevance_reasons)).bind(5, analysis.story_id);
  s.bind(6, analysis.duplicate_of).bind_blob(7, analysis.fingerprint);
  return s.run();
}

Result<PutOutcome> SqliteStore::put_article(const ArticleInput& input) {
  const Article& a = input.article;
  if (a.source.empty()) return Error{"an article needs a source"};
  int64_t now = now_seconds();
  std::string hash = content_hash(a.title, a.text);
  Transaction transaction(db_);
  if (!transaction.began()) return Error{"database: cannot begin a transaction (locked?)"};

  auto match = find_match(a, hash);
  if (!match.ok()) return match.error();
  PutOutcome outcome;
  if (!match.value()) {
    auto query = statement(
        "INSERT INTO articles (source, url, canonical_url, guid, title, authors, published, "
        "published_at, language, site_name, kind, text, content_hash, version, ingested_at, "
        "updated_at, sort_time, warnings) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
        "?12, ?13, 1, ?14, ?14, ?15, ?16)");
    if (!query.ok()) return query.error();
    Statement& s = *query.value();
    s.bind(1, a.source).bind(2, a.url).bind(3, a.canonical_url).bind(4, a.guid).bind(5, a.title);
    s.bind(6, to_json_text(a.authors)).bind(7, a.published).bind(8, a.published_at);
    s.bind(9, a.language).bind(10, a.site_name).bind(11, a.kind).bind(12, a.text);
    s.bind(13, hash).bind(14, now).bind(15, a.published_at > 0 ? a.published_at : now);
    s.bind(16, to_json_text(a.warnings));
    auto done = s.run();
    if (!done.ok()) return done.error();
    outcome.id = db_.last_insert_id();
    outcome.kind = PutKind::created;
  } else {
    outcome.id = match.value()->id;
    outcome.matched_by = match.value()->matched_by;
    auto current = statement("SELECT content_hash, version FROM articles WHERE id = ?1");
    if (!current.ok()) return current.error();
    Statement& c = *current.value();
    c.bind(1, outcome.id);
    if (!c.step()) return Error{"database: article vanished during ingest"};
    std::string stored_hash = c.text(0);
    outcome.version = static_cast<int>(c.int64(1));
    if (stored_hash == hash) {
      outcome.kind = PutKind::unchanged;
      // A later sighting may know the canonical URL the first did not.
      if (!a.canonical_url.empty()) {
        auto fill = statement(
            "UPDATE articles SET canonical_url = ?2 WHERE id = ?1 AND canonical_url = ''");
        if (!fill.ok()) return fill.error();
        auto done = fill.value()->bind(1, outcome.id).bind(2, a.canonical_url).run();
        if (!done.ok()) return done.error();
      }
      auto seen = record_sighting(outcome.id, a, now);
      if (!seen.ok()) return seen.error();
      auto committed = transaction.commit();
      if (!committed.ok()) return committed.error();
      return outcome;
    }
    auto keep = statement(
        "INSERT OR REPLACE INTO article_versions (article_id, version, title, text, "
        "content_hash, recorded_at) SELECT id, version, title, text, content_hash, updated_at "
        "FROM articles WHERE id = ?1");
    if (!keep.ok()) return keep.error();
    auto kept = keep.value()->bind(1, outcome.id).run();
    if (!kept.ok()) return kept.error();
    outcome.version += 1;
    outcome.kind = PutKind::versioned;
    auto query = statement(
        "UPDATE articles SET title = ?2, text = ?3, content_hash = ?4, version = ?5, "
        "updated_at = ?6, authors = ?7, published = CASE WHEN ?8 = '' THEN published ELSE ?8 END,"
        " published_at = CASE WHEN ?9 = 0 THEN published_at ELSE ?9 END, language = ?10, "
        "site_name = ?11, warnings = ?12, canonical_url = CASE WHEN ?13 = '' THEN canonical_url "
        "ELSE ?13 END WHERE id = ?1");
    if (!query.ok()) return query.error();
    Statement& s = *query.value();
    s.bind(1, outcome.id).bind(2, a.title).bind(3, a.text).bind(4, hash);
    s.bind(5, int64_t{outcome.version}).bind(6, now).bind(7, to_json_text(a.authors));
    s.bind(8, a.published).bind(9, a.published_at).bind(10, a.language).bind(11, a.site_name);
    s.bind(12, to_json_text(a.warnings)).bind(13, a.canonical_url);
    auto done = s.run();
    if (!done.ok()) return done.error();
  }
  for (auto step : {insert_raw(outcome.id, outcome.version, input.raw, input.raw_compressed),
                    record_sighting(outcome.id, a, now), write_findings(outcome.id, input.findings),
                    write_analysis(outcome.id, input.analysis)}) {
    if (!step.ok()) return step.error();
  }
  auto committed = transaction.commit();
  if (!committed.ok()) return committed.error();
  return outcome;
}

Result<bool> SqliteStore::update_findings(int64_t id, const Findings& findings,
                                          const Analysis& analysis) {
  Transaction transaction(db_);
  if (!transaction.began()) return Error{"database: cannot begin a transaction (locked?)"};
  auto exists = statement("SELECT 1 FROM articles WHERE id = ?1");
  if (!exists.ok()) return exists.error();
  if (!exists.value()->bind(1, id).step()) return Error{"no article " + std::to_string(id)};
  for (auto step : {write_findings(id, findings), write_analysis(id, analysis)}) {
    if (!step.ok()) return step.error();
  }
  return transaction.commit();
}

Result<StoredArticle> SqliteStore::get_article(int64_t id) {
  static const std::string sql =
      std::string("SELECT ") + kArticleColumns + " FROM articles WHERE id = ?1";
  auto query = statement(sql.c_str());
  if (!query.ok()) return query.error();
  Statement& s = *query.value();
  s.bind(1, id);
  if (!s.step()) {
    if (!s.error().empty()) return Error{"database: " + s.error()};
    return Error{"no article " + std::to_string(id)};
  }
  StoredArticle stored = read_article_row(s);
  auto sightings = statement(
      "SELECT DISTINCT CASE WHEN url <> '' THEN url ELSE source END FROM article_sightings "
      "WHERE article_id = ?1 ORDER BY seen_at, rowid");
  if (!sightings.ok()) return sightings.error();
  Statement& t = *sightings.value();
  t.bind(1, id);
  while (t.step()) {
    std::string where = t.text(0);
    if (where != stored.article.url && where != stored.article.source) {
      stored.other_sources.push_back(where);
    }
  }
  return stored;
}

Result<std::vector<StoredArticle>> SqliteStore::list_articles(const ArticleQuery& query) {
  static const std::string sql = std::string("SELECT ") + kArticleColumns +
                                 " FROM articles WHERE id > ?1 AND sort_time >= ?2 AND "
                                 "(?3 = '' OR relevance_label = ?3) ORDER BY id LIMIT ?4";
  auto prepared = statement(sql.c_str());
  if (!prepared.ok()) return prepared.error();
  Statement& s = *prepared.value();
  s.bind(1, query.after_id).bind(2, query.since).bind(3, query.label);
  s.bind(4, static_cast<int64_t>(query.limit));
  std::vector<StoredArticle> articles;
  while (s.step()) articles.push_back(read_article_row(s));
  if (!s.error().empty()) return Error{"database: " + s.error()};
  return articles;
}

Result<Document> SqliteStore::raw_document(int64_t id) {
  auto query = statement(
      "SELECT r.url, r.final_url, r.content_type, r.charset, r.fetched_at, r.body FROM "
      "article_raw r JOIN articles a ON a.id = r.article_id AND a.version = r.version "
      "WHERE a.id = ?1");
  if (!query.ok()) return query.error();
  Statement& s = *query.value();
  s.bind(1, id);
  if (!s.step()) return Error{"article " + std::to_string(id) + " has no stored raw bytes"};
  Document doc;
  doc.url = s.text(0);
  doc.final_url = s.text(1);
  doc.content_type = s.text(2);
  doc.charset = s.text(3);
  doc.fetched_at = s.int64(4);
  auto body = decompress(s.text(5), kMaxRawSize);
  if (!body.ok()) return Error{"article " + std::to_string(id) + ": " + body.error().message};
  doc.body = std::move(body.value());
  return doc;
}

Result<int64_t> SqliteStore::count_articles() {
  auto query = statement("SELECT count(*) FROM articles");
  if (!query.ok()) return query.error();
  if (!query.value()->step()) return Error{"database: " + query.value()->error()};
  return query.value()->int64(0);
}

Result<int64_t> SqliteStore::add_feed(const Source& feed) {
  if (feed.url.empty()) return Error{"a feed needs a URL"};
  auto insert = statement(
      "INSERT INTO feeds (url, kind, title, html_url, category, interval_s, enabled, added_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT(url) DO NOTHING");
  if (!insert.ok()) return insert.error();
  Statement& s = *insert.value();
  s.bind(1, feed.url).bind(2, feed.kind).bind(3, feed.title).bind(4, feed.html_url);
  s.bind(5, feed.category).bind(6, feed.interval > 0 ? feed.interval : int64_t{900});
  s.bind(7, int64_t{feed.enabled}).bind(8, now_seconds());
  auto done = s.run();
  if (!done.ok()) return done.error();
  auto id = statement("SELECT id FROM feeds WHERE url = ?1");
  if (!id.ok()) return id.error();
  if (!id.value()->bind(1, feed.url).step()) return Error{"database: feed was not stored"};
  return id.value()->int64(0);
}

Result<bool> SqliteStore::remove_feed(const std::string& url) {
  auto query = statement("DELETE FROM feeds WHERE url = ?1");
  if (!query.ok()) return query.error();
  auto done = query.value()->bind(1, url).run();
  if (!done.ok()) return done;
  return db_.changes() > 0;
}

Result<std::vector<Source>> SqliteStore::list_feeds() {
  static const std::string sql =
      std::string("SELECT ") + kFeedColumns + " FROM feeds ORDER BY category, title, url";
  auto query = statement(sql.c_str());
  if (!query.ok()) return query.error();
  std::vector<Source> feeds;
  while (query.value()->step()) feeds.push_back(read_feed_row(*query.value()));
  if (!query.value()->error().empty()) return Error{"database: " + query.value()->error()};
  return feeds;
}

Result<bool> SqliteStore::update_feed(const Source& feed) {
  auto query = statement(
      "UPDATE feeds SET title = ?2, html_url = ?3, category = ?4, interval_s = ?5, "
      "next_due = ?6, etag = ?7, last_modified = ?8, enabled = ?9, last_polled = ?10, "
      "last_success = ?11, last_error = ?12, last_error_message = ?13, "
      "consecutive_failures = ?14, items_per_day = ?15, items_total = ?16 WHERE id = ?1");
  if (!query.ok()) return query.error();
  Statement& s = *query.value();
  s.bind(1, feed.id).bind(2, feed.title).bind(3, feed.html_url).bind(4, feed.category);
  s.bind(5, feed.interval).bind(6, feed.next_due).bind(7, feed.etag).bind(8, feed.last_modified);
  s.bind(9, int64_t{feed.enabled}).bind(10, feed.health.last_polled);
  s.bind(11, feed.health.last_success).bind(12, feed.health.last_error);
  s.bind(13, feed.health.last_error_message);
  s.bind(14, int64_t{feed.health.consecutive_failures}).bind(15, feed.health.items_per_day);
  s.bind(16, feed.health.items_total);
  auto done = s.run();
  if (!done.ok()) return done;
  return db_.changes() > 0;
}

Result<bool> SqliteStore::transaction(const std::function<Result<bool>()>& work) {
  Transaction transaction(db_);
  if (!transaction.began()) return Error{"database: cannot begin a transaction (locked?)"};
  auto done = work();
  if (!done.ok()) {
    story_index_.forget_cached_stories();  // the rollback may undo what it holds
    return done;
  }
  auto committed = transaction.commit();
  if (!committed.ok()) story_index_.forget_cached_stories();
  return committed;
}

Result<bool> SqliteStore::update_analysis(int64_t id, const Analysis& analysis) {
  return write_analysis(id, analysis);
}

Result<std::vector<analyze::Story>> SqliteStore::list_stories(const StoryQuery& query) {
  auto prepared = statement(
      "SELECT id, body FROM stories WHERE last_seen >= ?1 AND sources >= ?2 AND "
      "(?3 = 0 OR last_seen < ?3 OR (last_seen = ?3 AND id < ?5)) "
      "ORDER BY last_seen DESC, id DESC LIMIT ?4");
  if (!prepared.ok()) return prepared.error();
  Statement& s = *prepared.value();
  s.bind(1, query.since).bind(2, static_cast<int64_t>(query.min_sources));
  s.bind(3, query.before_last_seen).bind(4, static_cast<int64_t>(query.limit));
  s.bind(5, query.before_id);
  std::vector<analyze::Story> stories;
  while (s.step()) {
    stories.push_back(story_from_json(s.text(1)));
    stories.back().id = s.int64(0);
  }
  if (!s.error().empty()) return Error{"database: " + s.error()};
  return stories;
}

Result<analyze::Story> SqliteStore::get_story(int64_t id) {
  auto story = story_index_.story(id);
  if (!story) return Error{"no story " + std::to_string(id)};
  return *story;
}

// Binds texts as ?1…?n and numbers after them, runs an ad-hoc query (not
// cached: its shape depends on the filters) and reads whole articles.
Result<std::vector<StoredArticle>> SqliteStore::read_articles(const std::string& sql,
                                                              const std::vector<std::string>& texts,
                                                              const std::vector<int64_t>& numbers) {
  auto prepared = db_.prepare(sql);
  if (!prepared.ok()) return prepared.error();
  Statement& s = prepared.value();
  int index = 1;
  for (const std::string& text : texts) s.bind(index++, text);
  for (int64_t number : numbers) s.bind(index++, number);
  std::vector<StoredArticle> articles;
  while (s.step()) articles.push_back(read_article_row(s));
  if (!s.error().empty()) return Error{"database: " + s.error()};
  return articles;
}

Result<std::vector<StoredArticle>> SqliteStore::read_articles_in(
    const std::string& id_sql, const std::vector<std::string>& texts,
    const std::vector<int64_t>& numbers) {
  std::string sql = std::string("SELECT ") + kArticleColumns + " FROM articles a WHERE a.id IN (" +
                    id_sql + ") ORDER BY a.sort_time DESC, a.id DESC";
  return read_articles(sql, texts, numbers);
}

Result<std::vector<StoredArticle>> SqliteStore::articles_with_entity(
    const std::vector<std::string>& entity_ids, size_t limit, bool include_noise) {
  if (entity_ids.empty()) return std::vector<StoredArticle>();
  std::string placeholders;
  for (size_t i = 1; i <= entity_ids.size(); ++i) {
    placeholders.append(i > 1 ? ", ?" : "?").append(std::to_string(i));
  }
  // The page is chosen along the narrow articles_brief index; only its rows are read.
  std::string ids =
      "SELECT b.id FROM articles b INDEXED BY articles_brief WHERE b.id IN (SELECT article_id "
      "FROM mentions WHERE entity_id IN (";
  ids.append(placeholders).append("))");
  if (!include_noise) ids.append(" AND b.relevance_label <> 'noise'");
  ids.append(" ORDER BY b.sort_time DESC, b.id DESC LIMIT ?");
  ids.append(std::to_string(entity_ids.size() + 1));
  return read_articles_in(ids, entity_ids, {static_cast<int64_t>(limit)});
}

Result<std::vector<StoredArticle>> SqliteStore::articles_with_observable(const std::string& value,
                                                                         size_t limit) {
  return read_articles_in(
      "SELECT b.id FROM articles b INDEXED BY articles_brief WHERE b.id IN (SELECT article_id "
      "FROM observables WHERE value = ?1) ORDER BY b.sort_time DESC, b.id DESC LIMIT ?2",
      {value}, {static_cast<int64_t>(limit)});
}

// ---- API tokens -------------------------------------------------------------

namespace {
ApiToken read_token_row(const Statement& row) {
  ApiToken token;
  token.id = row.int64(0);
  token.name = row.text(1);
  token.role = row.text(2);
  token.hash = row.text(3);
  token.created_at = row.int64(4);
  token.revoked = row.int64(5) != 0;
  return token;
}
constexpr const char* kTokenColumns = "id, name, role, hash, created_at, revoked";
}  // namespace

Result<int64_t> SqliteStore::add_token(const ApiToken& token) {
  auto query = statement(
      "INSERT INTO api_tokens (name, role, hash, created_at, revoked) VALUES (?1, ?2, ?3, ?4, 0)");
  if (!query.ok()) return query.error();
  int64_t created = token.created_at ? token.created_at : now_seconds();
  auto done = query.value()
                  ->bind(1, token.name)
                  .bind(2, token.role)
                  .bind(3, token.hash)
                  .bind(4, created)
                  .run();
  if (!done.ok()) return done.error();
  return db_.last_insert_id();
}

Result<std::optional<ApiToken>> SqliteStore::find_token_by_hash(const std::string& hash) {
  static const std::string sql =
      std::string("SELECT ") + kTokenColumns + " FROM api_tokens WHERE hash = ?1 AND revoked = 0";
  auto query = statement(sql.c_str());
  if (!query.ok()) return query.error();
  Statement& s = *query.value();
  s.bind(1, hash);
  std::optional<ApiToken> found;
  if (s.step()) found = read_token_row(s);
  if (!s.error().empty()) return Error{"database: " + s.error()};
  s.reset();
  return found;
}

Result<std::vector<ApiToken>> SqliteStore::list_tokens() {
  static const std::string sql =
      std::string("SELECT ") + kTokenColumns + " FROM api_tokens ORDER BY id";
  auto query = statement(sql.c_str());
  if (!query.ok()) return query.error();
  std::vector<ApiToken> tokens;
  while (query.value()->step()) tokens.push_back(read_token_row(*query.value()));
  if (!query.value()->error().empty()) return Error{"database: " + query.value()->error()};
  return tokens;
}

Result<bool> SqliteStore::revoke_token(int64_t id) {
  auto query = statement("UPDATE api_tokens SET revoked = 1 WHERE id = ?1 AND revoked = 0");
  if (!query.ok()) return query.error();
  auto done = query.value()->bind(1, id).run();
  if (!done.ok()) return done;
  return db_.changes() > 0;
}

}  // namespace osprey::store::sqlite
