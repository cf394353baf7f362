// Watchlists and their alerts: a saved query over what articles report
// (actors, malware, CVEs, sectors, countries, keywords, the analyst's own
// domains and networks), and the record that a newly stored article matched
// one, with the state of its webhook delivery.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace osprey {

// One value a watchlist looks for.
struct WatchTerm {
  std::string value;      // as shown: an entity's canonical name, a CVE id, a keyword, a domain
                          // or a network ("10.0.0.0/8")
  std::string entity_id;  // actors, malware, sectors, countries: the knowledge-base entity
};

// What a watchlist looks for; an article matches when any term does.
struct WatchQuery {
  std::vector<WatchTerm> actors, malware, cves, sectors, countries, keywords, domains, networks;
};

// The query's fields by name, in the order they are shown: the one table
// that storage, matching, the CLI and the API loop over.
struct WatchField {
  const char* name;
  std::vector<WatchTerm> WatchQuery::*terms;
  bool entity;  // its terms are knowledge-base entities
};
inline constexpr WatchField kWatchFields[] = {
    {"actors", &WatchQuery::actors, true},       {"malware", &WatchQuery::malware, true},
    {"cves", &WatchQuery::cves, false},          {"sectors", &WatchQuery::sectors, true},
    {"countries", &WatchQuery::countries, true}, {"keywords", &WatchQuery::keywords, false},
    {"domains", &WatchQuery::domains, false},    {"networks", &WatchQuery::networks, false},
};

struct Watchlist {
  int64_t id = 0;
  std::string name;
  WatchQuery query;
  std::string webhook;     // http(s) URL alerts are POSTed to; empty = none
  int64_t created_at = 0;  // Unix seconds UTC
  int64_t alerts = 0;      // alerts recorded so far (filled when read)
};

// Which term of which field matched: {"actors", "Kimsuky"}.
struct AlertMatch {
  std::string field;
  std::string value;
  friend bool operator==(const AlertMatch&, const AlertMatch&) = default;
};

struct Delivery {
  std::string status = "none";  // "none" (no webhook) | "pending" | "delivered" | "failed"
  int attempts = 0;
  std::string last_error;       // of the last failed attempt
  int64_t next_attempt_at = 0;  // Unix seconds UTC; for "pending"
};

struct Alert {
  int64_t id = 0;
  int64_t watchlist_id = 0;
  int64_t article_id = 0;
  int64_t story_id = 0;  // 0 = none
  std::vector<AlertMatch> matched;
  int64_t created_at = 0;  // Unix seconds UTC
  Delivery delivery;
  // Filled when read, from the watchlist and the article.
  std::string watchlist_name, webhook, article_title, article_url;
};

}  // namespace osprey
