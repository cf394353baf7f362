#include "osprey/ingest/feed/feed_json.h"

namespace osprey::ingest {

void to_json(nlohmann::json& j, const Enclosure& enclosure) {
  j = {{"url", enclosure.url}, {"type", enclosure.type}, {"length", enclosure.length}};
}

void to_json(nlohmann::json& j, const FeedItem& item) {
  j = {{"title", item.title},
       {"link", item.link},
       {"id", item.id},
       {"published", item.published},
       {"published_at", item.published_at},
       {"updated", item.updated},
       {"updated_at", item.updated_at},
       {"summary", item.summary},
       {"content", item.content},
       {"authors", item.authors},
       {"categories", item.categories},
       {"enclosures", item.enclosures}};
}

void to_json(nlohmann::json& j, const Feed& feed) {
  j = {{"format", feed.format},           {"title", feed.title},       {"link", feed.link},
       {"description", feed.description}, {"language", feed.language}, {"updated", feed.updated},
       {"updated_at", feed.updated_at},   {"warnings", feed.warnings}, {"items", feed.items}};
}

}  // namespace osprey::ingest
