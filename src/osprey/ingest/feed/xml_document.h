// Untrusted XML (and HTML-shaped XML) read into a libxml2 tree safely: no
// DTD loading, no external or network entities, no entity substitution, no
// "huge" mode, so libxml2's default limits on depth and sizes hold. Shared by
// the feed and OPML readers.
#pragma once

#include <libxml/tree.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace osprey::ingest {

struct XmlDocFree {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};

// A parsed tree and what the parser had to repair.
struct XmlDocument {
  std::unique_ptr<xmlDoc, XmlDocFree> doc;  // null when nothing could be read
  bool html = false;         // read by the HTML parser: names are lower case, no namespaces
  bool well_formed = false;  // the parser needed no recovery
  std::vector<std::string> warnings;
};

// Reads `body` as XML in recovery mode. `charset` (from HTTP; may be empty)
// names the encoding unless the body starts with a byte-order mark. HTML
// named entities that XML does not declare (&nbsp; &eacute; …) are decoded,
// invalid UTF-8 is repaired, and whitespace before the XML declaration is
// skipped; each repair adds a warning. `url` becomes the document's base URI.
XmlDocument read_xml(std::string_view body, std::string_view charset, std::string_view url);

// Reads `body` with libxml2's HTML parser in recovery mode, for feeds so
// broken that the XML parser gives up.
XmlDocument read_html(std::string_view body, std::string_view charset, std::string_view url);

// The root element of the document, or null.
const xmlNode* root_element(const XmlDocument& document);

}  // namespace osprey::ingest
