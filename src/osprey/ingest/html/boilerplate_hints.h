// What an element's tag, role, class and id say about it before its text is
// read: page furniture (navigation, cookie banners, share buttons, comments,
// related links …) or the likely home of the article.
#pragma once

#include <libxml/tree.h>

namespace osprey::ingest::html {

enum class Hint {
  kNeutral,
  kContent,      // class/id says article, content, entry, post, story …
  kBoilerplate,  // class/id says comment, share, related, cookie … (and not content)
  kFurniture,    // tag or role is navigation, banner, aside, form controls, hidden …
};

// The hint from tag, ARIA role, class and id. Hidden elements are not
// furniture: accordions and tabs hide real content until clicked. On
// discussion pages (`comments_are_content`) comment and reply containers are
// the content.
Hint hint_for(const xmlNode* element, bool comments_are_content = false);

// Score adjustment from class and id alone: +25 content, -25 boilerplate.
int class_weight(const xmlNode* element);

// Tags whose content starts a new block of text (p, div, li, h1 …).
bool is_block_tag(const xmlNode* element);

}  // namespace osprey::ingest::html
