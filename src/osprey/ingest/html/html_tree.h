// Parsing page bytes into libxml2's HTML tree, with the encoding decided
// almost the way browsers do: the HTTP charset, else a byte-order mark, else
// <meta> (unless the page is valid UTF-8 with non-ASCII text: a re-saved
// page), else UTF-8 when the bytes are valid UTF-8, else uchardet's guess
// (windows-1252 when it has none).
#pragma once

#include <libxml/HTMLparser.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "osprey/model/result.h"

namespace osprey::ingest::html {

struct DocFree {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using HtmlTree = std::unique_ptr<xmlDoc, DocFree>;

// The encoding to parse `html` in, as a name libxml2 knows. `http_charset`
// and `meta_charset` may be empty.
std::string choose_encoding(std::string_view http_charset, std::string_view meta_charset,
                            std::string_view html);

// Parses `html` in `encoding` (never touches the network, never loads
// external entities). UTF-8 input with ill-formed bytes is repaired first and
// a warning added. Errors only when libxml2 returns no tree at all.
Result<HtmlTree> parse_html(std::string html, std::string encoding,
                            std::vector<std::string>& warnings);

}  // namespace osprey::ingest::html
