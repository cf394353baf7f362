// Does a stored article match a watchlist? Pure: the article's words and
// findings are read once into ArticleFacts, then each watchlist is a few set
// lookups.
//   actors, malware, sectors, countries  a mention resolved to the term's entity,
//                                       whatever alias the article wrote
//   cves      a CVE observable with the term's canonical id
//   keywords  the term's words, whole and in order, case-insensitively
//             (ASCII), in the title or the text
//   domains   a domain observable that is the term or a subdomain of it, or
//             a URL or e-mail address on one
//   networks  an ipv4/ipv6 observable (or a URL's IP host) inside the range
#pragma once

#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "osprey/ingest/fetch/address_policy.h"
#include "osprey/model/article.h"
#include "osprey/model/observable.h"
#include "osprey/model/watchlist.h"

namespace osprey::watch {

class ArticleFacts {
 public:
  ArticleFacts(const Article& article, const Findings& findings);

  bool mentions(const std::string& entity_id) const { return entities_.count(entity_id) > 0; }
  bool reports_cve(const std::string& id) const { return cves_.count(id) > 0; }
  // True when the keyword's words occur in a row among the article's words.
  bool has_phrase(const std::string& keyword) const;
  // True when a host the article reports is `domain` or below it.
  bool has_host_under(const std::string& domain) const;
  // True when an address the article reports is inside `network` (CIDR text).
  bool has_address_in(const std::string& network) const;

 private:
  std::set<std::string> entities_, cves_, hosts_;
  std::vector<ingest::IpAddress> addresses_;
  std::vector<std::string> words_;  // title then text, lower-cased
  std::unordered_map<std::string, std::vector<size_t>> word_positions_;
};

// The article's words: runs of ASCII letters and digits and of non-ASCII
// bytes (so UTF-8 letters stay inside words), ASCII lower-cased.
std::vector<std::string> words_of(const std::string& text);

// The terms of `watchlist` the article matches, field by field in the order
// of kWatchFields; empty when it does not match.
std::vector<AlertMatch> match_watchlist(const Watchlist& watchlist, const ArticleFacts& facts);

}  // namespace osprey::watch
