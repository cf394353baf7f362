// Small read-only helpers over libxml2's HTML tree, and the one traversal
// every pass uses: iterative, so a page nested a million levels deep costs
// time, never stack.
#pragma once

#include <libxml/tree.h>

#include <string>
#include <string_view>

namespace osprey::ingest::html {

inline bool is_element(const xmlNode* n) {
  return n && n->type == XML_ELEMENT_NODE;
}
inline bool is_text(const xmlNode* n) {
  return n && (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE);
}

// The element's name as libxml2's HTML parser stores it (lower case).
inline std::string_view tag(const xmlNode* n) {
  return is_element(n) ? std::string_view(reinterpret_cast<const char*>(n->name))
                       : std::string_view();
}

inline std::string_view text_of(const xmlNode* n) {
  return n->content ? std::string_view(reinterpret_cast<const char*>(n->content))
                    : std::string_view();
}

// The value of attribute `name` (lower case), or empty when absent.
inline std::string_view attribute(const xmlNode* n, std::string_view name) {
  if (!is_element(n)) return {};
  for (const xmlAttr* a = n->properties; a; a = a->next) {
    if (name != reinterpret_cast<const char*>(a->name)) continue;
    if (a->children && a->children->content)
      return reinterpret_cast<const char*>(a->children->content);
    return {};
  }
  return {};
}

inline bool has_attribute(const xmlNode* n, std::string_view name) {
  if (!is_element(n)) return false;
  for (const xmlAttr* a = n->properties; a; a = a->next)
    if (name == reinterpret_cast<const char*>(a->name)) return true;
  return false;
}

// Visits `root` and its descendants in document order. enter(node) returns
// whether to descend into the node's children; leave(node) is called after
// them (also for nodes not descended into). Uses parent links, no recursion.
template <typename Enter, typename Leave>
void walk(xmlNode* root, Enter&& enter, Leave&& leave) {
  if (!root) return;
  xmlNode* n = root;
  for (;;) {
    if (enter(n) && n->children) {
      n = n->children;
      continue;
    }
    for (;;) {
      leave(n);
      if (n == root) return;
      if (n->next) {
        n = n->next;
        break;
      }
      n = n->parent;
    }
  }
}

// All text under `root` with white space collapsed to single spaces and
// trimmed; stops once `limit` bytes are collected.
std::string collapsed_text(xmlNode* root, size_t limit = 4096);

// Appends `text` to `out` with each run of ASCII white space (and U+00A0)
// as one space; no space at the start of `out`.
void append_collapsed(std::string& out, std::string_view text);

// The text with leading and trailing ASCII white space removed.
std::string_view trim(std::string_view text);

}  // namespace osprey::ingest::html
