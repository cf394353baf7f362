// TAXII 2.1 (OASIS, 2021), read-only, under /taxii2/: discovery, one API
// root (/taxii2/api/) and these collections:
//   "all"                         every object of the STIX export (noise left out)
//   "high-confidence-indicators"  indicators with confidence >= 75 from the same
//   one per watchlist             id uuid5(Osprey's namespace,
//                                 "taxii-collection:watchlist:<id>"), title
//                                 "Watchlist: <name>": the export of the
//                                 articles that alerted for it, by story
// The objects are the STIX exporter's over the stored stories, one story at a
// time with created = modified = the story's last update, so an object's
// version is the last update of a story that carries it, and its date_added is
// that same time (a story's objects are added when the story last changed).
// Ids are the exporter's deterministic ids. Pages are positions in the list
// ordered by (date_added, id, version): `next` is the position to go on from.
// A collection's list is exported once per store data version (taxii_cache.h).
#pragma once

#include <string>
#include <vector>

#include "osprey/server/http_support.h"

namespace osprey::server {

inline constexpr const char* kTaxiiMediaType = "application/taxii+json;version=2.1";

// The routes below /taxii2 (patterns without that prefix).
std::vector<Route> taxii_routes(ServerContext& context);

// A TAXII error message: {title, description, http_status} in the TAXII media type.
void send_taxii_error(httplib::Response& response, int status, const std::string& title,
                      const std::string& description);

}  // namespace osprey::server
