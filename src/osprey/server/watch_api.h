// The REST API's watchlists and alerts (below /api/v1):
//   GET    /watchlists            every watchlist with its alert count
//   POST   /watchlists            create one from {"name", "query", "webhook"} (201)
//   DELETE /watchlists/{id}       remove one with its alerts (204)
//   POST   /watchlists/{id}/test  the stored articles it would match (reader)
//   GET    /alerts                alerts newest first (?watchlist, ?since, ?limit, ?cursor)
// server.cpp requires a writer token for the changes.
#pragma once

#include <vector>

#include "osprey/server/http_support.h"

namespace osprey::server {

std::vector<Route> watch_routes(ServerContext& context);

}  // namespace osprey::server
