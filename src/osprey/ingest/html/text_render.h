// Turning the chosen content into Article::text: paragraphs and headings
// separated by a blank line, list items one per line, table rows one per
// line with cells joined by " | ", and <pre>/<code> text kept byte for byte.
#pragma once

#include <string>

#include "osprey/ingest/html/main_content.h"

namespace osprey::ingest::html {

// The text of content.roots(), skipping dropped elements. Iterative.
std::string render_text(const MainContent& content);

}  // namespace osprey::ingest::html
