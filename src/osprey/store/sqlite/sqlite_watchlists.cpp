// SqliteStore: watchlists, alerts and their webhook deliveries (migration 4).
#include <ctime>

#include "osprey/model/json.h"
#include "osprey/store/sqlite/sqlite_store.h"

namespace osprey::store::sqlite {
namespace {

std::string compact(const nlohmann::json& json) {
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Alert columns with the watchlist's name and webhook and the article's
// title and URL; the statement using it names the tables al, w and a.
constexpr const char* kAlertSelect =
    "SELECT al.id, al.watchlist_id, al.article_id, al.story_id, al.matched, al.created_at, "
    "al.delivery_status, al.attempts, al.last_error, al.next_attempt_at, w.name, w.webhook, "
    "a.title, CASE WHEN a.url <> '' THEN a.url ELSE a.source END FROM alerts al "
    "JOIN watchlists w ON w.id = al.watchlist_id JOIN articles a ON a.id = al.article_id ";

Alert read_alert_row(const Statement& row) {
  Alert alert;
  alert.id = row.int64(0);
  alert.watchlist_id = row.int64(1);
  alert.article_id = row.int64(2);
  alert.story_id = row.int64(3);
  auto matched = nlohmann::json::parse(row.text(4), nullptr, false);
  if (matched.is_array()) {
    for (const auto& m : matched) {
      if (m.is_object()) alert.matched.push_back(m.get<AlertMatch>());
    }
  }
  alert.created_at = row.int64(5);
  alert.delivery.status = row.text(6);
  alert.delivery.attempts = static_cast<int>(row.int64(7));
  alert.delivery.last_error = row.text(8);
  alert.delivery.next_attempt_at = row.int64(9);
  alert.watchlist_name = row.text(10);
  alert.webhook = row.text(11);
  alert.article_title = row.text(12);
  alert.article_url = row.text(13);
  return alert;
}

}  // namespace

Result<int64_t> SqliteStore::add_watchlist(const Watchlist& watchlist) {
  auto query = statement(
      "INSERT INTO watchlists (name, query, webhook, created_at) VALUES (?1, ?2, ?3, ?4)");
  if (!query.ok()) return query.error();
  int64_t created = watchlist.created_at ? watchlist.created_at : std::time(nullptr);
  Statement& s = *query.value();
  s.bind(1, watchlist.name).bind(2, compact(watchlist.query)).bind(3, watchlist.webhook);
  auto done = s.bind(4, created).run();
  if (!done.ok()) return done.error();
  return db_.last_insert_id();
}

// Every watchlist (only_id 0) or the one with that id, with alert counts.
Result<std::vector<Watchlist>> SqliteStore::read_watchlists(int64_t only_id) {
  auto query = statement(
      "SELECT w.id, w.name, w.query, w.webhook, w.created_at, "
      "(SELECT count(*) FROM alerts al WHERE al.watchlist_id = w.id) FROM watchlists w "
      "WHERE ?1 = 0 OR w.id = ?1 ORDER BY w.id");
  if (!query.ok()) return query.error();
  Statement& s = *query.value();
  s.bind(1, only_id);
  std::vector<Watchlist> all;
  while (s.step()) {
    Watchlist w;
    w.id = s.int64(0);
    w.name = s.text(1);
    auto terms = nlohmann::json::parse(s.text(2), nullptr, false);
    if (terms.is_object()) terms.get_to(w.query);
    w.webhook = s.text(3);
    w.created_at = s.int64(4);
    w.alerts = s.int64(5);
    all.push_back(std::move(w));
  }
  if (!s.error().empty()) return Error{"database: " + s.error()};
  return all;
}

Result<std::vector<Watchlist>> SqliteStore::list_watchlists() {
  return read_watchlists(0);
}

Result<std::optional<Watchlist>> SqliteStore::get_watchlist(int64_t id) {
  if (id <= 0) return std::optional<Watchlist>();
  auto found = read_watchlists(id);
  if (!found.ok()) return found.error();
  if (found.value().empty()) return std::optional<Watchlist>();
  return std::optional<Watchlist>(std::move(found.value().front()));
}

Result<bool> SqliteStore::remove_watchlist(int64_t id) {
  // Its alerts go with it (ON DELETE CASCADE), pending deliveries included.
  auto query = statement("DELETE FROM watchlists WHERE id = ?1");
  if (!query.ok()) return query.error();
  auto done = query.value()->bind(1, id).run();
  if (!done.ok()) return done;
  return db_.changes() > 0;
}

Result<bool> SqliteStore::add_alert(const Alert& alert) {
  auto query = statement(
      "INSERT INTO alerts (watchlist_id, article_id, story_id, matched, created_at, "
      "delivery_status, attempts, last_error, next_attempt_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
      "?7, ?8, ?9) ON CONFLICT(watchlist_id, article_id) DO NOTHING");
  if (!query.ok()) return query.error();
  Statement& s = *query.value();
  s.bind(1, alert.watchlist_id).bind(2, alert.article_id).bind(3, alert.story_id);
  s.bind(4, compact(alert.matched));
  s.bind(5, alert.created_at ? alert.created_at : int64_t{std::time(nullptr)});
  s.bind(6, alert.delivery.status).bind(7, int64_t{alert.delivery.attempts});
  s.bind(8, alert.delivery.last_error).bind(9, alert.delivery.next_attempt_at);
  auto done = s.run();
  if (!done.ok()) return done;
  return db_.changes() > 0;
}

Result<std::vector<Alert>> SqliteStore::read_alerts(Statement& query) {
  std::vector<Alert> alerts;
  while (query.step()) alerts.push_back(read_alert_row(query));
  if (!query.error().empty()) return Error{"database: " + query.error()};
  return alerts;
}

Result<std::vector<Alert>> SqliteStore::list_alerts(const AlertQuery& query) {
  static const std::string sql =
      std::string(kAlertSelect) +
      "WHERE (?1 = 0 OR al.watchlist_id = ?1) AND al.created_at >= ?2 AND "
      "(?3 = 0 OR al.id < ?3) ORDER BY al.id DESC LIMIT ?4";
  auto prepared = statement(sql.c_str());
  if (!prepared.ok()) return prepared.error();
  Statement& s = *prepared.value();
  s.bind(1, query.watchlist_id).bind(2, query.since).bind(3, query.before_id);
  s.bind(4, static_cast<int64_t>(query.limit));
  return read_alerts(s);
}

Result<std::vector<int64_t>> SqliteStore::alerted_articles(int64_t watchlist_id) {
  auto query = statement("SELECT article_id FROM alerts WHERE watchlist_id = ?1 ORDER BY id");
  if (!query.ok()) return query.error();
  Statement& s = *query.value();
  s.bind(1, watchlist_id);
  std::vector<int64_t> ids;
  while (s.step()) ids.push_back(s.int64(0));
  if (!s.error().empty()) return Error{"database: " + s.error()};
  return ids;
}

Result<std::vector<Alert>> SqliteStore::claim_deliveries(int64_t now, int64_t lease_seconds,
                                                         size_t limit) {
  static const std::string sql = std::string(kAlertSelect) +
                                 "WHERE al.delivery_status = 'pending' AND al.next_attempt_at "
                                 "<= ?1 ORDER BY al.next_attempt_at, al.id LIMIT ?2";
  std::vector<Alert> claimed;
  auto done = transaction([&]() -> Result<bool> {
    auto due = statement(sql.c_str());
    if (!due.ok()) return due.error();
    due.value()->bind(1, now).bind(2, static_cast<int64_t>(limit));
    auto read = read_alerts(*due.value());
    if (!read.ok()) return read.error();
    claimed = std::move(read.value());
    auto lease = statement("UPDATE alerts SET next_attempt_at = ?2 WHERE id = ?1");
    if (!lease.ok()) return lease.error();
    for (const Alert& alert : claimed) {
      lease.value()->reset();
      auto leased = lease.value()->bind(1, alert.id).bind(2, now + lease_seconds).run();
      if (!leased.ok()) return leased;
    }
    return true;
  });
  if (!done.ok()) return done.error();
  return claimed;
}

Result<bool> SqliteStore::update_delivery(int64_t alert_id, const Delivery& delivery) {
  auto query = statement(
      "UPDATE alerts SET delivery_status = ?2, attempts = ?3, last_error = ?4, "
      "next_attempt_at = ?5 WHERE id = ?1");
  if (!query.ok()) return query.error();
  Statement& s = *query.value();
  s.bind(1, alert_id).bind(2, delivery.status).bind(3, int64_t{delivery.attempts});
  auto done = s.bind(4, delivery.last_error).bind(5, delivery.next_attempt_at).run();
  if (!done.ok()) return done;
  return db_.changes() > 0;
}

Result<int64_t> SqliteStore::data_version() {
  auto query = statement("SELECT n FROM data_version WHERE id = 1");
  if (!query.ok()) return query.error();
  if (!query.value()->step()) return Error{"database: " + query.value()->error()};
  return query.value()->int64(0);
}

}  // namespace osprey::store::sqlite
