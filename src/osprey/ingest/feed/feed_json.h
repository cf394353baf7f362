// JSON form of a parsed feed, as `osprey feed` prints it. Field names are a
// public contract: format, title, link, description, language, updated,
// warnings, items[] {title, link, id, published, published_at, updated,
// updated_at, summary, content, authors, categories, enclosures[] {url,
// type, length}}.
#pragma once

#include <nlohmann/json.hpp>

#include "osprey/ingest/feed/feed.h"

namespace osprey::ingest {

void to_json(nlohmann::json& j, const Enclosure& enclosure);
void to_json(nlohmann::json& j, const FeedItem& item);
void to_json(nlohmann::json& j, const Feed& feed);

}  // namespace osprey::ingest
