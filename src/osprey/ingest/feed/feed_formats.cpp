#include "osprey/ingest/feed/feed_formats.h"

namespace osprey::ingest {

std::span<const FeedFormat> feed_formats() {
  static constexpr FeedFormat kFormats[] = {
      {"jsonfeed", is_json_feed, read_json_feed},
      {"atom", is_atom, read_atom},
      {"rdf", is_rdf, read_rdf},
      {"rss", is_rss, read_rss},
  };
  return kFormats;
}

}  // namespace osprey::ingest
