// `osprey search`: full text plus filters, newest first, planned so that a
// million articles answer in milliseconds whichever part of the query is
// selective.
//
// Every part of a query (the words, each filter) can be read two ways: as a
// source of article ids through its own index, or as a probe of one article.
// The plan counts each part's ids up to 20,000, and estimates the share of
// articles a more common part matches from the newest 256. Then:
//  - candidates: the ids of the most selective part, probed by the other
//    parts and ordered by time along the narrow articles_brief index; it
//    costs their count times the probes;
//  - walk: the newest articles along articles_timeline, probed (cheapest
//    probe first) until the page is full; it costs about limit / (share of
//    articles matching every part) steps.
// The cheaper one by that estimate runs.
// Either way no whole article row is read before the page is known.
#include <algorithm>

#include "osprey/store/sqlite/sqlite_store.h"

namespace osprey::store::sqlite {
namespace {

// A part of the query: ids come from `table` where `condition` holds; ?N is its value.
struct Part {
  const char* field;  // the search syntax's name ("" for the words)
  const char* table;
  const char* id_column;
  const char* condition;
};

constexpr Part kWords = {"", "articles_fts", "rowid", "articles_fts MATCH ?N"};

// Names match the canonical name, the alias as written, or the entity id.
constexpr Part kFilters[] = {
    {"actor", "mentions m", "m.article_id",
     "m.type = 'intrusion-set' AND (m.name = ?N COLLATE NOCASE OR m.alias = ?N COLLATE NOCASE OR "
     "m.entity_id = ?N)"},
    {"malware", "mentions m", "m.article_id",
     "m.type IN ('malware', 'tool') AND (m.name = ?N COLLATE NOCASE OR m.alias = ?N COLLATE NOCASE "
     "OR m.entity_id = ?N)"},
    {"tool", "mentions m", "m.article_id",
     "m.type = 'tool' AND (m.name = ?N COLLATE NOCASE OR m.alias = ?N COLLATE NOCASE OR "
     "m.entity_id = ?N)"},
    {"sector", "mentions m", "m.article_id",
     "m.type = 'sector' AND (m.name = ?N COLLATE NOCASE OR m.alias = ?N COLLATE NOCASE OR "
     "m.entity_id = ?N)"},
    {"country", "mentions m", "m.article_id",
     "m.type = 'location' AND (m.name = ?N COLLATE NOCASE OR m.alias = ?N COLLATE NOCASE OR "
     "m.entity_id = ?N)"},
    {"cve", "observables o", "o.article_id", "o.type = 'cve' AND o.value = upper(?N)"},
    {"ioc", "observables o", "o.article_id", "o.value = ?N"},
};

// Fewer ids than this are counted exactly and can be read as candidates.
constexpr int64_t kSelective = 20000;

// What testing one article against a part costs, relative to a filter.
double probe_cost(const Part& part) {
  return &part == &kWords ? 10 : 1;  // a full-text probe seeks every word's postings
}

std::string with_parameter(std::string text, int index) {
  const std::string placeholder = "?" + std::to_string(index);
  for (size_t at = text.find("?N"); at != std::string::npos; at = text.find("?N", at)) {
    text.replace(at, 2, placeholder);
  }
  return text;
}

// SELECT id ... : the part as a source of article ids.
std::string source_sql(const Part& part, int index) {
  return with_parameter(
      std::string("SELECT ") + part.id_column + " FROM " + part.table + " WHERE " + part.condition,
      index);
}

// EXISTS (...): the part as a test of the article b.
std::string probe_sql(const Part& part, int index) {
  return with_parameter(std::string("EXISTS (SELECT 1 FROM ") + part.table + " WHERE " +
                            part.id_column + " = b.id AND " + part.condition + ")",
                        index);
}

}  // namespace

Result<int64_t> SqliteStore::count_capped(const std::string& source_sql, const std::string& value,
                                          int64_t cap) {
  // At least one row is read, so that bad search words are found here.
  auto prepared = db_.prepare("SELECT count(*) FROM (" + source_sql + " LIMIT " +
                              std::to_string(std::max<int64_t>(cap, 1)) + ")");
  if (!prepared.ok()) return prepared.error();
  Statement& s = prepared.value();
  s.bind(1, value);
  if (!s.step()) return Error{"database: " + s.error()};
  return s.int64(0);
}

Result<std::vector<StoredArticle>> SqliteStore::search(const SearchQuery& query) {
  std::vector<const Part*> parts;
  std::vector<std::string> values;
  if (!query.text.empty()) {
    parts.push_back(&kWords);
    values.push_back(query.text);
  }
  for (const auto& [field, value] : query.filters) {
    const Part* found = nullptr;
    for (const Part& f : kFilters) {
      if (field == f.field) found = &f;
    }
    if (!found) return Error{"unknown search field '" + field + ":'"};
    parts.push_back(found);
    values.push_back(value);
  }

  // How many ids each part yields (exactly below the cap), and the share of
  // articles it matches (for a common part: among the newest 256).
  auto newest = db_.prepare("SELECT max(id) FROM articles");
  if (!newest.ok()) return newest.error();
  const double articles =
      std::max<double>(1, newest.value().step() ? static_cast<double>(newest.value().int64(0)) : 1);
  std::vector<int64_t> counts(parts.size());
  double density = 1;
  int chosen = -1;
  for (size_t i = 0; i < parts.size(); ++i) {
    auto count = count_capped(source_sql(*parts[i], 1), values[i], kSelective);
    if (!count.ok()) {
      if (parts[i] == &kWords) {
        return Error{"cannot read the search words '" + query.text + "': " + count.error().message};
      }
      return count.error();
    }
    counts[i] = count.value();
    if (counts[i] < kSelective) {
      density *= static_cast<double>(counts[i]) / articles;
      if (chosen < 0 || counts[i] < counts[chosen]) chosen = static_cast<int>(i);
    } else {
      auto sampled = count_capped(
          "SELECT 1 FROM (SELECT b.id AS id FROM articles b INDEXED BY articles_timeline ORDER BY "
          "b.sort_time DESC, b.id DESC LIMIT 256) b WHERE " +
              probe_sql(*parts[i], 1),
          values[i], 256);
      if (!sampled.ok()) return sampled.error();
      density *= std::max<double>(1, static_cast<double>(sampled.value())) / 256;
    }
  }
  // Candidates cost their count times the probes of the other parts; the
  // walk costs the articles it expects to pass before the page is full.
  if (chosen >= 0 && plan_ != SearchPlan::candidates) {
    double probes = 1;
    for (size_t i = 0; i < parts.size(); ++i) {
      if (static_cast<int>(i) != chosen) probes += probe_cost(*parts[i]);
    }
    double candidates = static_cast<double>(counts[chosen]) * probes;
    double walk = std::min(articles, static_cast<double>(query.limit) / std::max(density, 1e-9));
    if (plan_ == SearchPlan::walk || walk < candidates) chosen = -1;
  }
  if (plan_ == SearchPlan::walk) chosen = -1;

  // Cheap probes first: SQLite tests the terms of the WHERE clause in order.
  std::vector<size_t> order(parts.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t x, size_t y) {
    return probe_cost(*parts[x]) < probe_cost(*parts[y]);
  });

  const int since = static_cast<int>(values.size()) + 1, limit = since + 1;
  std::string ids = chosen >= 0
                        ? "SELECT b.id FROM articles b INDEXED BY articles_brief WHERE b.id IN (" +
                              source_sql(*parts[chosen], chosen + 1) + ")"
                        : "SELECT b.id FROM articles b INDEXED BY articles_timeline WHERE 1";
  for (size_t i : order) {
    if (static_cast<int>(i) != chosen)
      ids += " AND " + probe_sql(*parts[i], static_cast<int>(i) + 1);
  }
  if (!query.include_noise) ids += " AND b.relevance_label <> 'noise'";
  ids += " AND b.sort_time >= ?" + std::to_string(since);
  ids += " ORDER BY b.sort_time DESC, b.id DESC LIMIT ?" + std::to_string(limit);
  return read_articles_in(ids, values, {query.since, static_cast<int64_t>(query.limit)});
}

}  // namespace osprey::store::sqlite
