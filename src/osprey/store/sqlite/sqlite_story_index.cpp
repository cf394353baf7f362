#include "osprey/store/sqlite/sqlite_story_index.h"

#include <nlohmann/json.hpp>
#include <set>

#include "osprey/analyze/fingerprint.h"
#include "osprey/analyze/key_terms.h"

namespace osprey::store::sqlite {
namespace {

// SQLite integers are signed: 64-bit hashes are stored by their bit pattern.
int64_t as_int(uint64_t v) {
  return static_cast<int64_t>(v);
}

nlohmann::json dump_json(const std::string& text) {
  return nlohmann::json::parse(text, nullptr, false);
}

}  // namespace

std::string story_to_json(const analyze::Story& story) {
  nlohmann::json members = nlohmann::json::array();
  for (const analyze::StoryMember& m : story.members) {
    members.push_back({m.article_id, m.outlet, m.url, m.title, m.published_at, m.duplicate_of});
  }
  nlohmann::json terms = nlohmann::json::array();
  for (const analyze::StoryTerm& t : story.terms) {
    terms.push_back({t.key, t.hash, t.articles, t.titles, t.idf, static_cast<int>(t.kind)});
  }
  nlohmann::json j = {{"title", story.title},
                      {"first_seen", story.first_seen},
                      {"last_seen", story.last_seen},
                      {"articles", story.articles},
                      {"members", members},
                      {"terms", terms},
                      {"content_norm", story.content_norm}};
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

analyze::Story story_from_json(const std::string& text) {
  analyze::Story story;
  nlohmann::json j = dump_json(text);
  if (!j.is_object()) return story;
  try {
    story.title = j.value("title", "");
    story.first_seen = j.value("first_seen", int64_t{0});
    story.last_seen = j.value("last_seen", int64_t{0});
    story.articles = j.value("articles", uint32_t{0});
    story.content_norm = j.value("content_norm", 0.0);
    for (const auto& m : j.value("members", nlohmann::json::array())) {
      story.members.push_back({m.at(0).get<int64_t>(), m.at(1).get<std::string>(),
                               m.at(2).get<std::string>(), m.at(3).get<std::string>(),
                               m.at(4).get<int64_t>(), m.at(5).get<int64_t>()});
    }
    for (const auto& t : j.value("terms", nlohmann::json::array())) {
      analyze::StoryTerm term;
      term.key = t.at(0).get<std::string>();
      term.hash = t.at(1).get<uint64_t>();
      term.articles = t.at(2).get<uint32_t>();
      term.titles = t.at(3).get<uint32_t>();
      term.idf = t.at(4).get<float>();
      term.kind = static_cast<analyze::TermKind>(t.at(5).get<int>());
      story.terms.push_back(std::move(term));
    }
  } catch (const nlohmann::json::exception&) {
    // A damaged row reads as what could be read.
  }
  return story;
}

StatementLease SqliteStoryIndex::statement(const char* sql) {
  auto found = statements_.find(sql);
  if (found == statements_.end()) {
    auto prepared = db_.prepare(sql);
    if (!prepared.ok()) {
      note(prepared.error().message);
      return StatementLease();
    }
    found = statements_.emplace(sql, std::move(prepared.value())).first;
  }
  found->second.reset();
  return StatementLease(&found->second);
}

void SqliteStoryIndex::note(const std::string& error) {
  if (error_.empty()) error_ = error;
}

std::string SqliteStoryIndex::take_error() {
  return std::exchange(error_, std::string());
}

void SqliteStoryIndex::read_postings(Statement* s, std::vector<analyze::Posting>& out) {
  while (s->step()) out.push_back({s->int64(0), s->int64(1), s->int64(2)});
  if (!s->error().empty()) note("database: " + s->error());
}

void SqliteStoryIndex::find_by_content_hash(uint64_t hash, std::vector<analyze::Posting>& out) {
  // "<> 0" repeats the partial index's condition so that SQLite uses it.
  StatementLease s = statement(
      "SELECT published_at, story_id, article_id FROM story_fingerprints WHERE content_hash = ?1 "
      "AND content_hash <> 0");
  if (!s) return;
  s->bind(1, as_int(hash));
  read_postings(&*s, out);
}

void SqliteStoryIndex::find_by_band(uint64_t key, int64_t from, int64_t to, size_t limit,
                                    std::vector<analyze::Posting>& out) {
  StatementLease s = statement(
      "SELECT published_at, story_id, article_id FROM story_bands WHERE key = ?1 AND "
      "published_at BETWEEN ?2 AND ?3 ORDER BY published_at DESC LIMIT ?4");
  if (!s) return;
  s->bind(1, as_int(key)).bind(2, from).bind(3, to).bind(4, static_cast<int64_t>(limit));
  read_postings(&*s, out);
}

void SqliteStoryIndex::find_by_term(std::string_view term, int64_t from, int64_t to, size_t limit,
                                    std::vector<analyze::Posting>& out) {
  StatementLease s = statement(
      "SELECT published_at, story_id, article_id FROM story_terms WHERE term = ?1 AND "
      "published_at BETWEEN ?2 AND ?3 ORDER BY published_at DESC LIMIT ?4");
  if (!s) return;
  s->bind(1, as_int(analyze::term_hash(term))).bind(2, from).bind(3, to);
  s->bind(4, static_cast<int64_t>(limit));
  read_postings(&*s, out);
}

uint64_t SqliteStoryIndex::term_articles(std::string_view term) {
  StatementLease s = statement("SELECT articles FROM story_term_counts WHERE term = ?1");
  if (!s) return 0;
  s->bind(1, as_int(analyze::term_hash(term)));
  return s->step() ? static_cast<uint64_t>(s->int64(0)) : 0;
}

uint64_t SqliteStoryIndex::article_count() {
  // A kept total: count(*) would scan the whole table for every article.
  StatementLease s = statement("SELECT articles FROM story_totals WHERE id = 1");
  if (!s) return 0;
  return s->step() ? static_cast<uint64_t>(s->int64(0)) : 0;
}

std::shared_ptr<const analyze::Story> SqliteStoryIndex::story(int64_t id) {
  constexpr size_t kMaxCachedStories = 50000;
  if (StatementLease version = statement("PRAGMA data_version"); version && version->step()) {
    if (version->int64(0) != data_version_) stories_.clear();  // another process wrote
    data_version_ = version->int64(0);
  }
  if (auto cached = stories_.find(id); cached != stories_.end()) return cached->second;
  StatementLease s = statement("SELECT body FROM stories WHERE id = ?1");
  if (!s) return nullptr;
  s->bind(1, id);
  if (!s->step()) return nullptr;
  auto story = std::make_shared<analyze::Story>(story_from_json(s->text(0)));
  story->id = id;
  if (stories_.size() >= kMaxCachedStories) stories_.clear();
  stories_.emplace(id, story);
  return story;
}

std::shared_ptr<const analyze::ArticleFingerprint> SqliteStoryIndex::fingerprint(
    int64_t article_id) {
  StatementLease s = statement("SELECT body FROM story_fingerprints WHERE article_id = ?1");
  if (!s) return nullptr;
  s->bind(1, article_id);
  if (!s->step()) return nullptr;
  auto fp = analyze::fingerprint_from_bytes(s->text(0));
  if (!fp.ok()) return nullptr;
  return std::make_shared<const analyze::ArticleFingerprint>(std::move(fp.value()));
}

int64_t SqliteStoryIndex::put_story(analyze::Story story) {
  stories_.erase(story.id);
  std::set<std::string> outlets;
  for (const auto& m : story.members) outlets.insert(m.outlet);
  StatementLease s = statement(
      "INSERT INTO stories (id, title, first_seen, last_seen, articles, sources, body) VALUES "
      "(NULLIF(?1, 0), ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(id) DO UPDATE SET title = ?2, "
      "first_seen = ?3, last_seen = ?4, articles = ?5, sources = ?6, body = ?7");
  if (!s) return 0;
  s->bind(1, story.id).bind(2, story.title).bind(3, story.first_seen).bind(4, story.last_seen);
  s->bind(5, int64_t{story.articles}).bind(6, static_cast<int64_t>(outlets.size()));
  s->bind(7, story_to_json(story));
  auto done = s->run();
  if (!done.ok()) {
    note(done.error().message);
    return 0;
  }
  int64_t id = story.id ? story.id : db_.last_insert_id();
  StatementLease clear = statement("DELETE FROM story_members WHERE story_id = ?1");
  if (!clear) return id;
  if (auto cleared = clear->bind(1, id).run(); !cleared.ok()) note(cleared.error().message);
  for (const analyze::StoryMember& m : story.members) {
    StatementLease add = statement(
        "INSERT OR REPLACE INTO story_members (story_id, article_id, outlet, url, title, "
        "published_at, duplicate_of) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    if (!add) return id;
    add->bind(1, id).bind(2, m.article_id).bind(3, m.outlet).bind(4, m.url).bind(5, m.title);
    add->bind(6, m.published_at).bind(7, m.duplicate_of);
    if (auto added = add->run(); !added.ok()) note(added.error().message);
  }
  return id;
}

void SqliteStoryIndex::index_article(int64_t article_id, int64_t story_id,
                                     const analyze::ArticleFingerprint& fp,
                                     const std::vector<uint64_t>& band_keys) {
  StatementLease s = statement(
      "INSERT OR REPLACE INTO story_fingerprints (article_id, story_id, published_at, "
      "content_hash, body) VALUES (?1, ?2, ?3, ?4, ?5)");
  if (!s) return;
  s->bind(1, article_id).bind(2, story_id).bind(3, fp.published_at);
  s->bind(4, as_int(fp.content_hash)).bind_blob(5, analyze::to_bytes(fp));
  if (auto done = s->run(); !done.ok()) note(done.error().message);
  if (StatementLease total =
          statement("UPDATE story_totals SET articles = articles + 1 WHERE id = 1")) {
    if (auto done = total->run(); !done.ok()) note(done.error().message);
  }
  for (uint64_t key : band_keys) {
    StatementLease band = statement(
        "INSERT INTO story_bands (key, published_at, story_id, article_id) VALUES (?1, ?2, ?3, "
        "?4)");
    if (!band) return;
    band->bind(1, as_int(key)).bind(2, fp.published_at).bind(3, story_id).bind(4, article_id);
    if (auto done = band->run(); !done.ok()) note(done.error().message);
  }
  for (const analyze::KeyTerm& term : fp.terms) {
    int64_t hash = as_int(analyze::term_hash(term.key));
    StatementLease posting = statement(
        "INSERT INTO story_terms (term, published_at, story_id, article_id) VALUES (?1, ?2, ?3, "
        "?4)");
    if (!posting) return;
    posting->bind(1, hash).bind(2, fp.published_at).bind(3, story_id).bind(4, article_id);
    if (auto done = posting->run(); !done.ok()) note(done.error().message);
    StatementLease count = statement(
        "INSERT INTO story_term_counts (term, articles) VALUES (?1, 1) ON CONFLICT(term) DO "
        "UPDATE SET articles = articles + 1");
    if (!count) return;
    if (auto done = count->bind(1, hash).run(); !done.ok()) note(done.error().message);
  }
}

}  // namespace osprey::store::sqlite
