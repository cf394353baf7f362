#include "osprey/ingest/feed/xml_nodes.h"

#include <strings.h>

#include "osprey/ingest/feed/html_text.h"
#include "osprey/ingest/feed/url.h"
#include "osprey/text/utf8.h"

namespace osprey::ingest {
namespace {

std::string_view view_of(const xmlChar* s) {
  return s ? std::string_view(reinterpret_cast<const char*>(s)) : std::string_view();
}

struct NsUri {
  std::string_view uri;
  Ns ns;
};

constexpr NsUri kNamespaces[] = {
    {"http://www.w3.org/2005/Atom", Ns::kAtom},
    {"http://purl.org/atom/ns#", Ns::kAtom03},
    {"http://purl.org/rss/1.0/", Ns::kRss1},
    {"http://my.netscape.com/rdf/simple/0.9/", Ns::kRss090},
    {"http://www.w3.org/1999/02/22-rdf-syntax-ns#", Ns::kRdf},
    {"http://purl.org/dc/elements/1.1/", Ns::kDc},
    {"http://purl.org/dc/terms/", Ns::kDc},
    {"http://purl.org/rss/1.0/modules/content/", Ns::kContent},
    {"http://search.yahoo.com/mrss/", Ns::kMedia},
    {"http://search.yahoo.com/mrss", Ns::kMedia},
    {"http://www.itunes.com/dtds/podcast-1.0.dtd", Ns::kItunes},
    {"http://www.w3.org/1999/xhtml", Ns::kXhtml},
};

struct NsPrefix {
  std::string_view prefix;
  Ns ns;
};

// The prefixes feeds conventionally use, for documents without namespaces.
constexpr NsPrefix kPrefixes[] = {
    {"atom", Ns::kAtom},     {"rdf", Ns::kRdf},         {"dc", Ns::kDc},
    {"dcterms", Ns::kDc},    {"content", Ns::kContent}, {"media", Ns::kMedia},
    {"itunes", Ns::kItunes}, {"xhtml", Ns::kXhtml},
};

// Calls visit(node, entering) for `root`'s descendants in document order,
// without recursion: entering == false marks leaving an element.
template <typename Visit>
void walk_children(const xmlNode* root, Visit&& visit) {
  const xmlNode* node = root->children;
  while (node) {
    visit(node, true);
    // Entity references point at the entity's declaration: never descend.
    if (node->children && node->type == XML_ELEMENT_NODE) {
      node = node->children;
      continue;
    }
    if (node->type == XML_ELEMENT_NODE) visit(node, false);
    while (node && !node->next) {
      node = node->parent;
      if (!node || node == root) return;
      visit(node, false);
    }
    node = node->next;
  }
}

void append_entity_text(std::string& out, const xmlNode* node) {
  // Only HTML's well-known entities are decoded; entities the document
  // declares itself are never expanded (billion laughs, external entities).
  append_named_entity(out, view_of(node->name));
}

}  // namespace

Ns ns_of(const XmlView& view, const xmlNode* node) {
  if (view.html) {
    std::string_view name = view_of(node->name);
    size_t colon = name.find(':');
    if (colon == std::string_view::npos) return Ns::kNone;
    std::string_view prefix = name.substr(0, colon);
    for (const NsPrefix& p : kPrefixes)
      if (p.prefix.size() == prefix.size() &&
          strncasecmp(p.prefix.data(), prefix.data(), prefix.size()) == 0)
        return p.ns;
    return Ns::kOther;
  }
  if (!node->ns || !node->ns->href) return Ns::kNone;
  std::string_view uri = view_of(node->ns->href);
  for (const NsUri& n : kNamespaces)
    if (n.uri == uri) return n.ns;
  return Ns::kOther;
}

std::string_view local_name(const XmlView& view, const xmlNode* node) {
  std::string_view name = view_of(node->name);
  if (view.html) {
    size_t colon = name.find(':');
    if (colon != std::string_view::npos) name.remove_prefix(colon + 1);
  }
  return name;
}

bool name_is(const XmlView& view, std::string_view name, std::string_view wanted) {
  if (!view.html) return name == wanted;
  return name.size() == wanted.size() && strncasecmp(name.data(), wanted.data(), name.size()) == 0;
}

bool is_element(const XmlView& view, const xmlNode* node, Ns ns, std::string_view local) {
  if (!node || node->type != XML_ELEMENT_NODE) return false;
  return name_is(view, local_name(view, node), local) && ns_of(view, node) == ns;
}

const xmlNode* child(const XmlView& view, const xmlNode* parent, Ns ns, std::string_view local) {
  for (const xmlNode* c = parent ? parent->children : nullptr; c; c = c->next)
    if (is_element(view, c, ns, local)) return c;
  return nullptr;
}

std::vector<const xmlNode*> descendants(const XmlView& view, const xmlNode* root, Ns ns,
                                        std::string_view local) {
  std::vector<const xmlNode*> found;
  walk_children(root, [&](const xmlNode* n, bool entering) {
    if (entering && is_element(view, n, ns, local)) found.push_back(n);
  });
  return found;
}

std::string attribute(const XmlView& view, const xmlNode* node, std::string_view name) {
  for (const xmlAttr* a = node->properties; a; a = a->next) {
    std::string_view attr_name = view_of(a->name);
    bool same = view.html ? (attr_name.size() == name.size() &&
                             strncasecmp(attr_name.data(), name.data(), name.size()) == 0)
                          : attr_name == name;
    if (!same) continue;
    std::string value;
    for (const xmlNode* t = a->children; t; t = t->next) {
      if (t->type == XML_TEXT_NODE) value += view_of(t->content);
      if (t->type == XML_ENTITY_REF_NODE) append_entity_text(value, t);
    }
    return value;
  }
  return {};
}

std::string text_of(const XmlView& view, const xmlNode* node) {
  std::string out;
  if (!node) return out;
  walk_children(node, [&](const xmlNode* n, bool entering) {
    if (!entering) return;
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
      out += view_of(n->content);
    else if (n->type == XML_ENTITY_REF_NODE)
      append_entity_text(out, n);
  });
  if (view.html && out.empty() && !node->children && node->next &&
      node->next->type == XML_TEXT_NODE)
    out = view_of(node->next->content);
  if (!text::is_valid_utf8(out)) out = text::repair_utf8(out);
  return out;
}

std::string inner_markup(const xmlNode* node) {
  std::string out;
  walk_children(node, [&](const xmlNode* n, bool entering) {
    switch (n->type) {
      case XML_ELEMENT_NODE:
        if (!entering) {
          if (n->children) out += "</" + std::string(view_of(n->name)) + ">";
          return;
        }
        out += '<';
        out += view_of(n->name);
        for (const xmlAttr* a = n->properties; a; a = a->next) {
          out += ' ';
          out += view_of(a->name);
          out += "=\"";
          for (const xmlNode* t = a->children; t; t = t->next)
            if (t->type == XML_TEXT_NODE) append_escaped(out, view_of(t->content), true);
          out += '"';
        }
        out += n->children ? ">" : "/>";
        return;
      case XML_TEXT_NODE:
      case XML_CDATA_SECTION_NODE:
        if (entering) append_escaped(out, view_of(n->content), false);
        return;
      case XML_ENTITY_REF_NODE:
        if (entering) {
          std::string decoded;
          append_entity_text(decoded, n);
          append_escaped(out, decoded, false);
        }
        return;
      default:
        return;
    }
  });
  if (!text::is_valid_utf8(out)) out = text::repair_utf8(out);
  return out;
}

bool has_child_elements(const xmlNode* node) {
  for (const xmlNode* c = node ? node->children : nullptr; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE) return true;
  return false;
}

std::string resolve_at(const XmlView& view, const xmlNode* node, std::string_view reference) {
  std::string base;
  if (!view.html) {
    // xmlNodeGetBase walks the ancestors (a loop) and combines every xml:base
    // with the document URL.
    xmlChar* b = xmlNodeGetBase(view.doc, node);
    if (b) base = view_of(b);
    xmlFree(b);
  } else if (view.doc && view.doc->URL) {
    base = view_of(view.doc->URL);
  }
  return resolve_url(base, reference);
}

}  // namespace osprey::ingest
