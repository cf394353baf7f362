// A cheap pass over raw page bytes before the HTML parser sees them. Script,
// style, SVG and template bodies are never text a reader sees, yet
// they are often most of a page's bytes and the slowest part for libxml2 to
// scan; they are cut out here. JSON-LD scripts are kept aside for metadata.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace osprey::ingest::html {

struct StrippedPage {
  std::string html;                  // the page without the elements above and comments
  std::vector<std::string> json_ld;  // bodies of <script type="application/ld+json">
  std::string declared_charset;      // from <meta charset> or http-equiv, lower case; may be empty
};

// Linear in the input; never fails. NUL bytes become spaces (libxml2 would
// stop or complain at them). An element left open runs to the end of input.
StrippedPage strip_scripts(std::string_view html);

// The charset named by a <meta> tag in the first few kilobytes, lower case,
// or empty.
std::string sniff_meta_charset(std::string_view html);

}  // namespace osprey::ingest::html
