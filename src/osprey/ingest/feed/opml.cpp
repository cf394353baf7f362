#include "osprey/ingest/feed/opml.h"

#include <memory>
#include <utility>

#include "osprey/ingest/feed/html_text.h"
#include "osprey/ingest/feed/item_fields.h"
#include "osprey/ingest/feed/xml_document.h"
#include "osprey/ingest/feed/xml_nodes.h"

namespace osprey::ingest {
namespace {

std::string outline_title(const XmlView& view, const xmlNode* outline) {
  std::string title = clean_text(attribute(view, outline, "title"));
  return title.empty() ? clean_text(attribute(view, outline, "text")) : title;
}

void append_attribute(std::string& out, std::string_view name, std::string_view value) {
  out += ' ';
  out += name;
  out += "=\"";
  append_escaped(out, value, true);
  out += '"';
}

// A folder of the output tree: its subscriptions and subfolders in order.
struct Folder {
  std::string name;
  std::vector<const Subscription*> feeds;
  std::vector<std::unique_ptr<Folder>> folders;

  Folder& subfolder(const std::string& folder_name) {
    for (auto& f : folders)
      if (f->name == folder_name) return *f;
    folders.push_back(std::make_unique<Folder>());
    folders.back()->name = folder_name;
    return *folders.back();
  }
};

void write_feed(std::string& out, const Subscription& s, size_t depth) {
  out.append(2 * depth + 4, ' ');
  out += "<outline type=\"rss\"";
  append_attribute(out, "text", s.title.empty() ? s.xml_url : s.title);
  append_attribute(out, "title", s.title.empty() ? s.xml_url : s.title);
  append_attribute(out, "xmlUrl", s.xml_url);
  if (!s.html_url.empty()) append_attribute(out, "htmlUrl", s.html_url);
  out += "/>\n";
}

// Writes the folder tree without recursion: a stack of (folder, next child).
void write_folders(std::string& out, const Folder& root) {
  std::vector<std::pair<const Folder*, size_t>> stack{{&root, 0}};
  for (const Subscription* s : root.feeds) write_feed(out, *s, 0);
  while (!stack.empty()) {
    auto& [folder, next] = stack.back();
    if (next == folder->folders.size()) {
      stack.pop_back();
      if (!stack.empty()) {
        out.append(2 * stack.size() + 2, ' ');
        out += "</outline>\n";
      }
      continue;
    }
    const Folder& sub = *folder->folders[next++];
    out.append(2 * stack.size() + 2, ' ');
    out += "<outline";
    append_attribute(out, "text", sub.name);
    append_attribute(out, "title", sub.name);
    out += ">\n";
    for (const Subscription* s : sub.feeds) write_feed(out, *s, stack.size());
    stack.emplace_back(&sub, 0);
  }
}

}  // namespace

Result<std::vector<Subscription>> parse_opml(std::string_view xml) {
  XmlDocument document = read_xml(xml, "", "");
  const xmlNode* root = root_element(document);
  XmlView view{document.doc.get(), false};
  if (!root || !is_element(view, root, Ns::kNone, "opml"))
    return Error{"not OPML (no <opml> root element)"};
  const xmlNode* body = child(view, root, Ns::kNone, "body");
  if (!body) return Error{"not OPML (no <body>)"};
  std::vector<Subscription> out;
  // Depth-first over outlines with an explicit stack of (node, folder path).
  std::vector<std::pair<const xmlNode*, std::vector<std::string>>> stack;
  for (const xmlNode* c = body->last; c; c = c->prev)
    if (is_element(view, c, Ns::kNone, "outline")) stack.push_back({c, {}});
  while (!stack.empty()) {
    auto [node, path] = std::move(stack.back());
    stack.pop_back();
    std::string xml_url = clean_text(attribute(view, node, "xmlUrl"));
    if (xml_url.empty()) xml_url = clean_text(attribute(view, node, "xmlurl"));
    if (!xml_url.empty()) {
      out.push_back(
          {outline_title(view, node), xml_url, clean_text(attribute(view, node, "htmlUrl")), path});
    }
    std::vector<std::string> inner = path;
    if (xml_url.empty()) inner.push_back(outline_title(view, node));
    for (const xmlNode* c = node->last; c; c = c->prev)
      if (is_element(view, c, Ns::kNone, "outline")) stack.push_back({c, inner});
  }
  return out;
}

std::string write_opml(const std::vector<Subscription>& subscriptions, std::string_view title) {
  Folder root;
  for (const Subscription& s : subscriptions) {
    Folder* folder = &root;
    for (const std::string& name : s.category) folder = &folder->subfolder(name);
    folder->feeds.push_back(&s);
  }
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n  <head>\n";
  out += "    <title>";
  append_escaped(out, title);
  out += "</title>\n  </head>\n  <body>\n";
  write_folders(out, root);
  out += "  </body>\n</opml>\n";
  return out;
}

}  // namespace osprey::ingest
