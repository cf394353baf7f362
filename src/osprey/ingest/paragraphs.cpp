#include "osprey/ingest/paragraphs.h"

#include <algorithm>
#include <string_view>

#include "osprey/text/ascii.h"

namespace osprey::ingest {
namespace {

bool is_lower(char c) {
  return c >= 'a' && c <= 'z';
}

// "command-" + "and-control", "CVE-" + "2024-1234": a hyphen at a line end
// between two word characters joins the halves.
bool joined_at_hyphen(std::string_view previous, std::string_view next) {
  return previous.size() >= 2 && previous.back() == '-' &&
         text::is_ascii_alnum(previous[previous.size() - 2]) && !next.empty() &&
         text::is_ascii_alnum(next.front());
}

// "• item", "- item", "* item", "1. item", "a) item".
bool is_list_item(std::string_view line) {
  if (line.starts_with("\xE2\x80\xA2") || line.starts_with("- ") || line.starts_with("* ")) {
    return true;
  }
  size_t digits = 0;
  while (digits < line.size() && digits < 3 && line[digits] >= '0' && line[digits] <= '9') {
    ++digits;
  }
  return digits > 0 && digits + 1 < line.size() && (line[digits] == '.' || line[digits] == ')') &&
         line[digits + 1] == ' ';
}

bool ends_sentence(std::string_view line) {
  if (line.empty()) return false;
  char last = line.back();
  return last == '.' || last == '!' || last == '?' || last == ':' || line.ends_with("\xE2\x80\x9D");
}

// "exploi-" + "tation" → "exploitation"; "command-" + "and-control" keeps it.
bool hyphenated_across(std::string_view previous, std::string_view next) {
  return previous.size() >= 2 && previous.back() == '-' &&
         is_lower(previous[previous.size() - 2]) && !next.empty() && is_lower(next.front()) &&
         next.find('-') == std::string_view::npos;
}

size_t typical_width(const std::vector<std::string>& lines) {
  std::vector<size_t> widths;
  for (const std::string& line : lines) {
    if (!line.empty()) widths.push_back(line.size());
  }
  if (widths.empty()) return 0;
  std::nth_element(widths.begin(), widths.begin() + widths.size() / 2, widths.end());
  return widths[widths.size() / 2];
}

}  // namespace

std::string join_wrapped_lines(const std::vector<std::string>& lines) {
  const size_t width = typical_width(lines);
  std::string out;
  std::string_view previous;  // the last line appended to the open paragraph
  enum { kNone, kJoin, kLine, kParagraph } separator = kNone;
  for (const std::string& line : lines) {
    if (line.empty()) {
      if (separator != kNone) separator = kParagraph;
      previous = {};
      continue;
    }
    if (separator == kJoin && is_list_item(line)) separator = kLine;
    if (separator == kJoin && hyphenated_across(previous, line)) {
      out.pop_back();  // the hyphen
    } else if (separator == kJoin && joined_at_hyphen(previous, line)) {
      // no space: the hyphen belongs to the word
    } else if (separator == kJoin) {
      out += ' ';
    } else if (separator == kLine) {
      out += '\n';
    } else if (separator == kParagraph) {
      out += "\n\n";
    }
    out += line;
    previous = line;
    // A sentence end on a line clearly shorter than the others closes its
    // paragraph; a list item stays on its own line.
    if (ends_sentence(line) && line.size() * 100 < width * 85) {
      separator = kParagraph;
    } else if (is_list_item(line)) {
      separator = kLine;
    } else {
      separator = kJoin;
    }
  }
  return out;
}

}  // namespace osprey::ingest
