// The REST API under /api/v1: JSON over the store queries and the exporters,
// the same shapes as the CLI's -f json (pipeline/intel_reports.h).
#pragma once

#include <vector>

#include "osprey/server/http_support.h"

namespace osprey::server {

// The routes below /api/v1 (patterns without that prefix). The context must
// outlive them.
std::vector<Route> rest_routes(ServerContext& context);

}  // namespace osprey::server
