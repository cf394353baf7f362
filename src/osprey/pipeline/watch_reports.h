// Watchlists and alerts as the CLI (-f json), the REST API and the webhooks
// show them: one JSON shape each, documented in README.md.
#pragma once

#include <nlohmann/json.hpp>

#include "osprey/model/watchlist.h"

namespace osprey::pipeline {

// {id, name, query: {actors: [names], … every field}, webhook ("" = none),
//  created_at (RFC 3339), alerts}
nlohmann::json watchlist_json(const Watchlist& watchlist);

// {id, watchlist: {id, name}, article: {id, title, url}, story (id or null),
//  matched: [{field, value}], created_at (RFC 3339),
//  delivery: {status, attempts, last_error}}
nlohmann::json alert_json(const Alert& alert);

}  // namespace osprey::pipeline
