// From what an analyst asks to watch (names and values as typed on the
// command line or sent to the API) to a Watchlist ready to store: every
// value checked, entity names resolved through the knowledge base once, so
// matching later compares entity ids whatever alias an article uses.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "osprey/kb/knowledge_base.h"
#include "osprey/model/result.h"
#include "osprey/model/watchlist.h"

namespace osprey::watch {

struct WatchlistRequest {
  std::string name;
  // Field name (kWatchFields: "actors", "cves" …) → values as typed.
  std::map<std::string, std::vector<std::string>> terms;
  std::string webhook;  // empty = none
};

// The watchlist `request` asks for. An Error names the field and the first
// value that is not acceptable: an unknown field, a name the knowledge base
// does not know as that kind of entity (or no knowledge base when one is
// needed), a malformed CVE id, domain, network or webhook URL, an empty
// name, or no terms at all. Actors resolve to intrusion sets, malware to
// malware or tools, sectors to sectors, countries to locations; CVE ids are
// upper-cased, domains lower-cased, networks written in canonical CIDR form;
// repeated values are kept once.
Result<Watchlist> build_watchlist(const WatchlistRequest& request, const kb::KnowledgeBase* kb);

}  // namespace osprey::watch
