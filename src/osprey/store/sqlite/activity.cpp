// Aggregations over mentions, observables and relations: what `osprey
// entity`, the entity and indicator listings of the REST API and the web UI
// ask. Each is one or a few GROUP BY queries; the noise filter and the time
// come from the narrow articles_brief index, never from whole article rows.
#include "osprey/store/sqlite/sqlite_store.h"

namespace osprey::store::sqlite {
namespace {

// "a,b" → ",a,b," so that instr(?, ',' || type || ',') tests membership.
std::string type_set(const std::vector<std::string>& types) {
  if (types.empty()) return "";
  std::string set = ",";
  for (const std::string& t : types) set.append(t).append(",");
  return set;
}

}  // namespace

Result<EntityActivity> SqliteStore::entity_activity(const std::string& entity_id,
                                                    bool include_noise) {
  EntityActivity activity;
  const int64_t noise = include_noise ? 1 : 0;
  // One row per article naming the entity, with its time bucketed by day.
  auto days = statement(
      "SELECT a.sort_time / 86400 * 86400 AS day, COUNT(*), MIN(a.sort_time), MAX(a.sort_time) "
      "FROM articles a INDEXED BY articles_brief WHERE a.id IN (SELECT article_id FROM mentions "
      "WHERE entity_id = ?1) "
      "AND (?2 OR a.relevance_label <> 'noise') GROUP BY day ORDER BY day");
  if (!days.ok()) return days.error();
  Statement& d = *days.value();
  d.bind(1, entity_id).bind(2, noise);
  while (d.step()) {
    activity.days.emplace_back(d.int64(0), d.int64(1));
    activity.articles += d.int64(1);
    if (activity.first_seen == 0) activity.first_seen = d.int64(2);
    activity.last_seen = d.int64(3);
  }
  if (!d.error().empty()) return Error{"database: " + d.error()};

  auto aliases = statement(
      "SELECT m.alias, COUNT(DISTINCT m.article_id) AS n FROM mentions m "
      "JOIN articles a INDEXED BY articles_brief ON a.id = m.article_id WHERE m.entity_id = ?1 "
      "AND (?2 OR a.relevance_label <> 'noise') GROUP BY m.alias ORDER BY n DESC, m.alias");
  if (!aliases.ok()) return aliases.error();
  Statement& s = *aliases.value();
  s.bind(1, entity_id).bind(2, noise);
  while (s.step()) activity.aliases.emplace_back(s.text(0), s.int64(1));
  if (!s.error().empty()) return Error{"database: " + s.error()};

  // Grouped along the covering indexes; SQLite takes the bare column rowid
  // from the row holding MAX(confidence), whose names and sentence are then
  // read: one row per group, not per statement.
  auto relations = statement(
      "SELECT g.predicate, g.negated, g.outgoing, g.other, "
      "CASE WHEN g.outgoing THEN r.object_type ELSE r.subject_type END, "
      "CASE WHEN g.outgoing THEN r.object_name ELSE r.subject_name END, g.n, g.c, r.sentence "
      "FROM (SELECT r.predicate, r.negated, 1 AS outgoing, r.object_id AS other, "
      "COUNT(DISTINCT r.article_id) AS n, MAX(r.confidence) AS c, r.rowid AS best "
      "FROM relations r INDEXED BY relations_subject "
      "JOIN articles a INDEXED BY articles_brief ON a.id = r.article_id WHERE r.subject_id = ?1 "
      "AND (?2 OR a.relevance_label <> 'noise') GROUP BY r.predicate, r.negated, r.object_id "
      "UNION ALL "
      "SELECT r.predicate, r.negated, 0, r.subject_id, COUNT(DISTINCT r.article_id), "
      "MAX(r.confidence), r.rowid FROM relations r INDEXED BY relations_object "
      "JOIN articles a INDEXED BY articles_brief ON a.id = r.article_id WHERE r.object_id = ?1 "
      "AND r.subject_id <> ?1 AND (?2 OR a.relevance_label <> 'noise') "
      "GROUP BY r.predicate, r.negated, r.subject_id) g "
      "JOIN relations r ON r.rowid = g.best ORDER BY g.n DESC, g.c DESC");
  if (!relations.ok()) return relations.error();
  Statement& r = *relations.value();
  r.bind(1, entity_id).bind(2, noise);
  while (r.step()) {
    EntityActivity::Link link;
    link.predicate = r.text(0);
    link.negated = r.int64(1) != 0;
    link.outgoing = r.int64(2) != 0;
    link.other_id = r.text(3);
    link.other_type = r.text(4);
    link.other_name = r.text(5);
    link.articles = r.int64(6);
    link.confidence = r.real(7);
    link.sentence = r.text(8);
    activity.relations.push_back(std::move(link));
  }
  if (!r.error().empty()) return Error{"database: " + r.error()};
  return activity;
}

// Both listings select (id, type, name, articles, first, last) with ?1 since,
// ?2 include noise, ?3 the type set, ?4 the limit.
Result<std::vector<ActivityCount>> SqliteStore::top_counts(const char* sql,
                                                           const ActivityQuery& query) {
  auto prepared = statement(sql);
  if (!prepared.ok()) return prepared.error();
  Statement& s = *prepared.value();
  s.bind(1, query.since).bind(2, int64_t{query.include_noise}).bind(3, type_set(query.types));
  s.bind(4, static_cast<int64_t>(query.limit));
  std::vector<ActivityCount> rows;
  while (s.step()) {
    rows.push_back({s.text(0), s.text(1), s.text(2), s.int64(3), s.int64(4), s.int64(5)});
  }
  if (!s.error().empty()) return Error{"database: " + s.error()};
  return rows;
}

Result<std::vector<ActivityCount>> SqliteStore::top_entities(const ActivityQuery& query) {
  return top_counts(
      "SELECT m.entity_id, m.type, m.name, COUNT(DISTINCT m.article_id) AS n, MIN(a.sort_time), "
      "MAX(a.sort_time) FROM articles a INDEXED BY articles_timeline "
      "JOIN mentions m INDEXED BY mentions_article_entity ON m.article_id = a.id "
      "WHERE a.sort_time >= ?1 AND (?2 OR a.relevance_label <> 'noise') "
      "AND (?3 = '' OR instr(?3, ',' || m.type || ',') > 0) "
      "GROUP BY m.entity_id ORDER BY n DESC, m.name LIMIT ?4",
      query);
}

Result<std::vector<ActivityCount>> SqliteStore::top_observables(const ActivityQuery& query) {
  return top_counts(
      "SELECT o.value, o.type, o.value, COUNT(DISTINCT o.article_id) AS n, MIN(a.sort_time), "
      "MAX(a.sort_time) FROM articles a INDEXED BY articles_timeline "
      "JOIN observables o INDEXED BY observables_article_value ON o.article_id = a.id "
      "WHERE a.sort_time >= ?1 AND (?2 OR a.relevance_label <> 'noise') "
      "AND (?3 = '' OR instr(?3, ',' || o.type || ',') > 0) "
      "GROUP BY o.value, o.type ORDER BY n DESC, o.value LIMIT ?4",
      query);
}

}  // namespace osprey::store::sqlite
