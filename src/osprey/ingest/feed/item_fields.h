// Small rules every feed reader applies the same way to the values it finds.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "osprey/ingest/feed/feed.h"

namespace osprey::ingest {

// Keeps `written` (trimmed) verbatim and its parsed time; leaves both alone
// when `written` is blank or the pair is already set.
void set_date(std::string& verbatim, int64_t& at, const std::string& written);

// Appends `value` (trimmed, white space collapsed) unless it is empty or
// already listed.
void add_unique(std::vector<std::string>& list, const std::string& value);

// RSS writes authors as "jane@example.org (Jane Doe)": the name when there
// is one, else the text as it is.
std::string author_name(const std::string& written);

// Collapses white space and trims; for plain-text fields.
std::string clean_text(const std::string& text);

// Fills content from summary when the feed gave only one body.
void finish_item(FeedItem& item);

}  // namespace osprey::ingest
