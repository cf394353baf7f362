// Finding the main content of a page: the element (and qualifying siblings)
// where most of the page's prose lives, with page furniture and link lists
// inside it marked for dropping. Scoring follows the readability family of
// heuristics: paragraphs vote for their ancestors by length and commas,
// votes are discounted by link density and adjusted by class/id hints.
#pragma once

#include <libxml/tree.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace osprey::ingest::html {

struct SelectionOptions {
  bool use_class_hints = true;  // drop elements whose class/id says comment, share, related …
  // The page declares itself an article (JSON-LD, og:type). Otherwise it may
  // be a forum (comments are the content) or a page built from many blocks.
  bool declared_article = true;
  std::string_view title;  // the page's title: a heading repeating it is dropped
};

// Per-element facts the selection computed; indexed through xmlNode::_private.
struct ElementFacts {
  xmlNode* node = nullptr;
  int32_t parent = -1;       // element index, -1 at the root
  uint32_t raw_text = 0;     // visible characters in the subtree, furniture included
  uint32_t descendants = 0;  // elements in the subtree
  uint32_t text = 0;         // kept characters in the subtree
  uint32_t link_text = 0;    // of those, inside <a>
  uint32_t own_text = 0;     // kept characters whose nearest block ancestor is this element
  uint32_t own_link_text = 0;
  uint32_t own_commas = 0;
  uint32_t prose = 0;  // characters of voting paragraphs in the subtree
  float score = 0;
  bool scored = false;
  bool dropped = false;
};

class MainContent {
 public:
  // The chosen elements in document order (empty when the page has no body).
  const std::vector<xmlNode*>& roots() const { return roots_; }
  // True when rendering must skip `element` and everything under it.
  bool dropped(const xmlNode* element) const;

 private:
  friend MainContent select_main_content(xmlDoc* doc, const SelectionOptions& options);
  std::vector<xmlNode*> roots_;
  std::vector<ElementFacts> facts_;
};

// Chooses the main content of `doc`. Linear in the size of the tree apart
// from bounded look-ups; never recurses. Stores element indexes in
// xmlNode::_private (the tree must not be shared with other users of it).
MainContent select_main_content(xmlDoc* doc, const SelectionOptions& options);

}  // namespace osprey::ingest::html
