// Rebuilds paragraphs from text laid out in lines (PDF pages, hard-wrapped
// text): wrapped lines are joined, words hyphenated across a line end are
// mended, list items and short closing lines end their line.
#pragma once

#include <string>
#include <vector>

namespace osprey::ingest {

// `lines` are trimmed lines; an empty line is a paragraph break. The result
// separates paragraphs with "\n\n" and keeps list items on lines of their own.
std::string join_wrapped_lines(const std::vector<std::string>& lines);

}  // namespace osprey::ingest
