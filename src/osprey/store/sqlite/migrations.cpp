#include "osprey/store/sqlite/migrations.h"

#include <array>
#include <string>

namespace osprey::store::sqlite {
namespace {

// Migration N (1-based) brings the schema from version N-1 to N.
constexpr std::array kMigrations = {
    // 1: subscriptions, articles with versions, raw bytes, sightings, findings, full text.
    R"sql(
CREATE TABLE feeds (
  id INTEGER PRIMARY KEY,
  url TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL DEFAULT 'feed',
  title TEXT NOT NULL DEFAULT '',
  html_url TEXT NOT NULL DEFAULT '',
  category TEXT NOT NULL DEFAULT '',
  interval_s INTEGER NOT NULL DEFAULT 900,
  next_due INTEGER NOT NULL DEFAULT 0,
  etag TEXT NOT NULL DEFAULT '',
  last_modified TEXT NOT NULL DEFAULT '',
  enabled INTEGER NOT NULL DEFAULT 1,
  last_polled INTEGER NOT NULL DEFAULT 0,
  last_success INTEGER NOT NULL DEFAULT 0,
  last_error INTEGER NOT NULL DEFAULT 0,
  last_error_message TEXT NOT NULL DEFAULT '',
  consecutive_failures INTEGER NOT NULL DEFAULT 0,
  items_per_day REAL NOT NULL DEFAULT 0,
  items_total INTEGER NOT NULL DEFAULT 0,
  added_at INTEGER NOT NULL
);

CREATE TABLE articles (
  id INTEGER PRIMARY KEY,
  source TEXT NOT NULL,
  url TEXT NOT NULL DEFAULT '',
  canonical_url TEXT NOT NULL DEFAULT '',
  guid TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL DEFAULT '',
  authors TEXT NOT NULL DEFAULT '[]',
  published TEXT NOT NULL DEFAULT '',
  published_at INTEGER NOT NULL DEFAULT 0,
  language TEXT NOT NULL DEFAULT '',
  site_name TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL DEFAULT '',
  text TEXT NOT NULL DEFAULT '',
  content_hash TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  ingested_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  sort_time INTEGER NOT NULL,
  warnings TEXT NOT NULL DEFAULT '[]',
  findings TEXT NOT NULL DEFAULT '{}',
  relevance_score REAL NOT NULL DEFAULT -1,
  relevance_label TEXT NOT NULL DEFAULT '',
  relevance_reasons TEXT NOT NULL DEFAULT '[]',
  story_id INTEGER NOT NULL DEFAULT 0,
  duplicate_of INTEGER NOT NULL DEFAULT 0,
  fingerprint BLOB
);
CREATE INDEX articles_canonical_url ON articles(canonical_url) WHERE canonical_url <> '';
CREATE INDEX articles_guid ON articles(source, guid) WHERE guid <> '';
CREATE INDEX articles_url ON articles(url) WHERE url <> '';
CREATE INDEX articles_content_hash ON articles(content_hash);
CREATE INDEX articles_sort_time ON articles(sort_time);
CREATE INDEX articles_story ON articles(story_id) WHERE story_id <> 0;

-- Earlier texts of an article; the current one is in articles.
CREATE TABLE article_versions (
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  title TEXT NOT NULL,
  text TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  recorded_at INTEGER NOT NULL,
  PRIMARY KEY (article_id, version)
);

-- The bytes each version was read from, zstd-compressed, for osprey reprocess.
CREATE TABLE article_raw (
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  url TEXT NOT NULL,
  final_url TEXT NOT NULL,
  content_type TEXT NOT NULL,
  charset TEXT NOT NULL,
  fetched_at INTEGER NOT NULL,
  size INTEGER NOT NULL,
  body BLOB NOT NULL,
  PRIMARY KEY (article_id, version)
);

-- Every place an article was seen: its first source and each re-sighting
-- (another feed, a changed GUID or link, a republication of the same text).
CREATE TABLE article_sightings (
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  source TEXT NOT NULL,
  url TEXT NOT NULL,
  guid TEXT NOT NULL,
  seen_at INTEGER NOT NULL,
  UNIQUE (article_id, source, url, guid)
);
CREATE INDEX sightings_guid ON article_sightings(source, guid) WHERE guid <> '';
CREATE INDEX sightings_url ON article_sightings(url) WHERE url <> '';

-- Findings in searchable form (the full findings are in articles.findings).
CREATE TABLE observables (
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  type TEXT NOT NULL,
  value TEXT NOT NULL,
  count INTEGER NOT NULL,
  defanged INTEGER NOT NULL,
  benign TEXT NOT NULL
);
CREATE INDEX observables_value ON observables(value);
CREATE INDEX observables_article ON observables(article_id);

CREATE TABLE mentions (
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  entity_id TEXT NOT NULL,
  type TEXT NOT NULL,
  name TEXT NOT NULL,
  alias TEXT NOT NULL,
  role TEXT NOT NULL,
  confidence REAL NOT NULL,
  count INTEGER NOT NULL
);
CREATE INDEX mentions_entity ON mentions(entity_id);
CREATE INDEX mentions_name ON mentions(name COLLATE NOCASE);
CREATE INDEX mentions_article ON mentions(article_id);

CREATE VIRTUAL TABLE articles_fts USING fts5(
  title, text, content='articles', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
  INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
  INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
)sql",
    // 2: stories and the clustering index (analyze::StoryIndex).
    R"sql(
CREATE TABLE stories (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  first_seen INTEGER NOT NULL,
  last_seen INTEGER NOT NULL,
  articles INTEGER NOT NULL,
  sources INTEGER NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX stories_last_seen ON stories(last_seen);

CREATE TABLE story_members (
  story_id INTEGER NOT NULL,
  article_id INTEGER NOT NULL,
  outlet TEXT NOT NULL,
  url TEXT NOT NULL,
  title TEXT NOT NULL,
  published_at INTEGER NOT NULL,
  duplicate_of INTEGER NOT NULL,
  PRIMARY KEY (story_id, article_id)
);
CREATE INDEX story_members_article ON story_members(article_id);

CREATE TABLE story_fingerprints (
  article_id INTEGER PRIMARY KEY,
  story_id INTEGER NOT NULL,
  published_at INTEGER NOT NULL,
  content_hash INTEGER NOT NULL,
  body BLOB NOT NULL
);
CREATE INDEX story_fingerprints_hash ON story_fingerprints(content_hash) WHERE content_hash <> 0;

-- Posting lists: LSH band keys and key terms (hashed), newest first by time.
CREATE TABLE story_bands (
  key INTEGER NOT NULL, published_at INTEGER NOT NULL, story_id INTEGER NOT NULL,
  article_id INTEGER NOT NULL);
CREATE INDEX story_bands_key ON story_bands(key, published_at);
CREATE TABLE story_terms (
  term INTEGER NOT NULL, published_at INTEGER NOT NULL, story_id INTEGER NOT NULL,
  article_id INTEGER NOT NULL);
CREATE INDEX story_terms_term ON story_terms(term, published_at);
CREATE TABLE story_term_counts (term INTEGER PRIMARY KEY, articles INTEGER NOT NULL);
CREATE TABLE story_totals (id INTEGER PRIMARY KEY CHECK (id = 1), articles INTEGER NOT NULL);
INSERT INTO story_totals VALUES (1, 0);
)sql",
    // 3: API tokens for osprey serve, kept as SHA-256 hashes.
    R"sql(
CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL DEFAULT '',
  role TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  revoked INTEGER NOT NULL DEFAULT 0
);
)sql",
    // 4: watchlists, their alerts with webhook delivery state, and a data
    // version that every write of derived data bumps (the TAXII cache's key).
    R"sql(
CREATE TABLE watchlists (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  query TEXT NOT NULL,
  webhook TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL
);

CREATE TABLE alerts (
  id INTEGER PRIMARY KEY,
  watchlist_id INTEGER NOT NULL REFERENCES watchlists(id) ON DELETE CASCADE,
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  story_id INTEGER NOT NULL DEFAULT 0,
  matched TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  delivery_status TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  next_attempt_at INTEGER NOT NULL DEFAULT 0,
  UNIQUE (watchlist_id, article_id)
);
CREATE INDEX alerts_article ON alerts(article_id);
CREATE INDEX alerts_due ON alerts(next_attempt_at) WHERE delivery_status = 'pending';

CREATE TABLE data_version (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL);
INSERT INTO data_version VALUES (1, 0);
CREATE TRIGGER articles_insert_version AFTER INSERT ON articles
  BEGIN UPDATE data_version SET n = n + 1; END;
CREATE TRIGGER articles_update_version AFTER UPDATE ON articles
  BEGIN UPDATE data_version SET n = n + 1; END;
CREATE TRIGGER articles_delete_version AFTER DELETE ON articles
  BEGIN UPDATE data_version SET n = n + 1; END;
CREATE TRIGGER stories_insert_version AFTER INSERT ON stories
  BEGIN UPDATE data_version SET n = n + 1; END;
CREATE TRIGGER stories_update_version AFTER UPDATE ON stories
  BEGIN UPDATE data_version SET n = n + 1; END;
CREATE TRIGGER stories_delete_version AFTER DELETE ON stories
  BEGIN UPDATE data_version SET n = n + 1; END;
CREATE TRIGGER watchlists_insert_version AFTER INSERT ON watchlists
  BEGIN UPDATE data_version SET n = n + 1; END;
CREATE TRIGGER watchlists_delete_version AFTER DELETE ON watchlists
  BEGIN UPDATE data_version SET n = n + 1; END;
CREATE TRIGGER alerts_insert_version AFTER INSERT ON alerts
  BEGIN UPDATE data_version SET n = n + 1; END;
CREATE TRIGGER alerts_delete_version AFTER DELETE ON alerts
  BEGIN UPDATE data_version SET n = n + 1; END;
)sql",
    // 5: relations in searchable form, so that `osprey entity` aggregates in
    // SQL instead of reading every article's findings; filled from the
    // findings already stored. Narrow indexes over the columns the
    // aggregations and searches filter on keep them from reading whole
    // article rows.
    R"sql(
CREATE TABLE relations (
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  predicate TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  subject_type TEXT NOT NULL,
  subject_name TEXT NOT NULL,
  object_id TEXT NOT NULL,
  object_type TEXT NOT NULL,
  object_name TEXT NOT NULL,
  confidence REAL NOT NULL,
  negated INTEGER NOT NULL,
  hedged INTEGER NOT NULL,
  sentence TEXT NOT NULL
);
-- Covering the aggregation of an entity's relations (sqlite/activity.cpp).
CREATE INDEX relations_subject ON relations(subject_id, predicate, negated, object_id, article_id,
                                            confidence);
CREATE INDEX relations_object ON relations(object_id, predicate, negated, subject_id, article_id,
                                           confidence);
CREATE INDEX relations_article ON relations(article_id);
CREATE INDEX articles_brief ON articles(id, sort_time, relevance_label);
-- Search walks the newest articles along this one (store/sqlite/search.cpp),
-- and finds names as written along mentions_alias.
CREATE INDEX articles_timeline ON articles(sort_time, id, relevance_label);
CREATE INDEX mentions_alias ON mentions(alias COLLATE NOCASE);
-- An entity's articles and the names they used, without reading mention rows.
CREATE INDEX mentions_entity_alias ON mentions(entity_id, article_id, alias);
-- The entities and indicators of recent articles, for their listings.
CREATE INDEX mentions_article_entity ON mentions(article_id, entity_id, type, name);
CREATE INDEX observables_article_value ON observables(article_id, value, type);
INSERT INTO relations
SELECT a.id, json_extract(r.value, '$.predicate'),
       ifnull(json_extract(r.value, '$.subject.id'), ''),
       ifnull(json_extract(r.value, '$.subject.type'), ''),
       ifnull(json_extract(r.value, '$.subject.name'), ''),
       ifnull(json_extract(r.value, '$.object.id'), ''),
       ifnull(json_extract(r.value, '$.object.type'), ''),
       ifnull(json_extract(r.value, '$.object.name'), ''),
       ifnull(json_extract(r.value, '$.confidence'), 0),
       ifnull(json_extract(r.value, '$.negated'), 0),
       ifnull(json_extract(r.value, '$.hedged'), 0),
       ifnull(json_extract(r.value, '$.sentence'), '')
FROM articles a, json_each(a.findings, '$.relations') r
WHERE json_valid(a.findings) AND json_extract(r.value, '$.predicate') IS NOT NULL;
)sql",
};

Result<int> schema_version(Database& db) {
  auto statement = db.prepare("PRAGMA user_version");
  if (!statement.ok()) return statement.error();
  if (!statement.value().step()) return Error{"database: cannot read the schema version"};
  return static_cast<int>(statement.value().int64(0));
}

}  // namespace

int latest_schema_version() {
  return static_cast<int>(kMigrations.size());
}

Result<int> migrate(Database& db) {
  auto current = schema_version(db);
  if (!current.ok()) return current.error();
  int version = current.value();
  if (version > latest_schema_version()) {
    return Error{"database schema version " + std::to_string(version) +
                 " is newer than this Osprey understands (" +
                 std::to_string(latest_schema_version()) + "); upgrade Osprey"};
  }
  for (; version < latest_schema_version(); ++version) {
    Transaction transaction(db);
    if (!transaction.began()) return Error{"database: cannot begin a migration (locked?)"};
    auto applied = db.exec(kMigrations[version]);
    if (!applied.ok()) {
      return Error{"migration " + std::to_string(version + 1) + ": " + applied.error().message};
    }
    auto bumped = db.exec("PRAGMA user_version = " + std::to_string(version + 1));
    if (!bumped.ok()) return bumped.error();
    auto committed = transaction.commit();
    if (!committed.ok()) return committed.error();
  }
  return version;
}

}  // namespace osprey::store::sqlite
