// Reading feed elements out of a libxml2 tree, the same way whether the XML
// parser or the HTML fallback built it. Every walk here is iterative, so a
// deeply nested document cannot exhaust the stack.
#pragma once

#include <libxml/tree.h>

#include <string>
#include <string_view>
#include <vector>

namespace osprey::ingest {

// The vocabularies feeds mix, by namespace URI (XML) or prefix (HTML parser).
enum class Ns {
  kNone,
  kAtom,
  kAtom03,
  kRss1,
  kRss090,
  kRdf,
  kDc,
  kContent,
  kMedia,
  kItunes,
  kXhtml,
  kOther
};

// How to read names in one document.
struct XmlView {
  const xmlDoc* doc = nullptr;
  bool html = false;  // names carry their prefix ("dc:creator") and no namespace
};

Ns ns_of(const XmlView& view, const xmlNode* node);
std::string_view local_name(const XmlView& view, const xmlNode* node);

// True when `name` (a local_name()) is `wanted`; case-insensitive for
// HTML-parsed documents.
bool name_is(const XmlView& view, std::string_view name, std::string_view wanted);

// True when `node` is an element named `local` in vocabulary `ns`.
bool is_element(const XmlView& view, const xmlNode* node, Ns ns, std::string_view local);

// The first child element named `local` in `ns`, or null.
const xmlNode* child(const XmlView& view, const xmlNode* parent, Ns ns, std::string_view local);

// Every descendant element named `local` in `ns`, in document order
// (elements nested in a match are searched too: broken feeds nest items).
std::vector<const xmlNode*> descendants(const XmlView& view, const xmlNode* root, Ns ns,
                                        std::string_view local);

// The attribute's value ("" when absent); names compare case-insensitively
// for HTML-parsed documents.
std::string attribute(const XmlView& view, const xmlNode* node, std::string_view name);

// All text under `node` in document order, with references to entities the
// document did not declare decoded when they are HTML entities. In HTML-parsed
// documents an empty element's text is taken from the text node right after
// it (the HTML parser closes <link> at once).
std::string text_of(const XmlView& view, const xmlNode* node);

// The markup inside `node`, serialised (for XHTML content and for inline
// HTML that was not escaped).
std::string inner_markup(const xmlNode* node);

// True when `node` has element children.
bool has_child_elements(const xmlNode* node);

// `reference` resolved against the xml:base in scope at `node` and the
// document's URL.
std::string resolve_at(const XmlView& view, const xmlNode* node, std::string_view reference);

}  // namespace osprey::ingest
