#include "osprey/ingest/html/main_content.h"

#include <algorithm>
#include <cstdint>

#include "osprey/ingest/html/boilerplate_hints.h"
#include "osprey/ingest/html/dom.h"
#include "osprey/text/ascii.h"

namespace osprey::ingest::html {
namespace {

// An element holding at least this share of the page's text is a wrapper,
// not furniture, whatever its class says ("content-sidebar-wrap").
constexpr double kWrapperShare = 0.6;
// Paragraphs shorter than this do not vote.
constexpr uint32_t kMinParagraph = 25;

int32_t index_of(const xmlNode* n) {
  return n && n->_private ? static_cast<int32_t>(reinterpret_cast<uintptr_t>(n->_private) - 1) : -1;
}

bool is_html_space(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

// Characters a reader sees: white-space runs count once.
uint32_t visible_length(std::string_view text) {
  uint32_t n = 0;
  bool in_space = true;
  for (unsigned char c : text) {
    if (is_html_space(c)) {
      if (!in_space) ++n;
      in_space = true;
    } else if ((c & 0xC0) != 0x80) {  // count code points, not bytes
      ++n;
      in_space = false;
    }
  }
  return n;
}

uint32_t commas(std::string_view text) {
  uint32_t n = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == ',') ++n;
    // U+FF0C fullwidth comma, U+3001 ideographic comma
    if (text[i] == '\xEF' && text.substr(i, 3) == "\xEF\xBC\x8C") ++n;
    if (text[i] == '\xE3' && text.substr(i, 3) == "\xE3\x80\x81") ++n;
  }
  return n;
}

bool is_heading(std::string_view t) {
  return t.size() == 2 && t[0] == 'h' && t[1] >= '1' && t[1] <= '6';
}

int tag_weight(std::string_view t) {
  if (t == "div" || t == "article" || t == "main") return 5;
  if (t == "section") return 2;
  if (t == "pre" || t == "td" || t == "blockquote") return 3;
  if (t == "address" || t == "ol" || t == "ul" || t == "dl" || t == "dd" || t == "dt" ||
      t == "li" || t == "form")
    return -3;
  if (is_heading(t) || t == "th") return -5;
  return 0;
}

// Short blocks that say what they are: page furniture in the article's own
// container ("Share this article", "Related posts", "Advertisement").
bool says_boilerplate(std::string_view text) {
  static constexpr std::string_view kPhrases[] = {
      "share this",      "share on",        "related post",        "related article",
      "related stories", "related content", "read more",           "read next",
      "you may also",    "you might also",  "recommended for",     "more from",
      "sign up for",     "subscribe to",    "subscribe now",       "newsletter",
      "advertisement",   "follow us",       "leave a comment",     "leave a reply",
      "comments",        "cookie",          "all rights reserved", "click here to",
      "most popular",    "trending now",    "don't miss",          "recommended reading",
      "more stories",    "popular posts",   "recent posts",        "tags:"};
  std::string lower = text::ascii_lowercase(text);
  for (std::string_view phrase : kPhrases)
    if (lower.find(phrase) != std::string::npos) return true;
  return false;
}

std::string normalized(std::string_view text) {
  std::string out;
  for (char c : text)
    if (text::is_ascii_alnum(c) || static_cast<unsigned char>(c) >= 0x80)
      out.push_back(text::ascii_lower(c));
  return out;
}

class Selector {
 public:
  Selector(xmlDoc* doc, const SelectionOptions& options, std::vector<ElementFacts>& facts)
      : doc_(doc), options_(options), facts_(facts) {}

  std::vector<xmlNode*> run() {
    xmlNode* root = xmlDocGetRootElement(doc_);
    if (!root) return {};
    number_elements(root);
    measure_kept(root);
    score_paragraphs();
    int32_t top = best_candidate();
    if (top < 0) return {body_or(root)};
    top = shared_ancestor(top);
    top = widen(top);
    std::vector<xmlNode*> roots = with_siblings(top);
    for (xmlNode* r : roots) clean_inside(r);
    return roots;
  }

 private:
  ElementFacts& facts(const xmlNode* n) { return facts_[index_of(n)]; }

  xmlNode* body_or(xmlNode* root) {
    for (xmlNode* c = root->children; c; c = c->next)
      if (tag(c) == "body") return c;
    return root;
  }

  // Pass 1: number every element, total its raw text and descendants.
  void number_elements(xmlNode* root) {
    walk(
        root,
        [&](xmlNode* n) {
          if (is_element(n)) {
            ElementFacts f;
            f.node = n;
            f.parent = index_of(n->parent);
            facts_.push_back(f);
            n->_private = reinterpret_cast<void*>(static_cast<uintptr_t>(facts_.size()));
            return true;
          }
          if (is_text(n) && is_element(n->parent))
            facts(n->parent).raw_text += visible_length(text_of(n));
          return false;
        },
        [&](xmlNode* n) {
          if (!is_element(n)) return;
          const ElementFacts& f = facts(n);
          if (f.parent >= 0) {
            facts_[f.parent].raw_text += f.raw_text;
            facts_[f.parent].descendants += f.descendants + 1;
          }
        });
    total_raw_ = facts_.empty() ? 0 : facts_[0].raw_text;
  }

  bool is_furniture(const xmlNode* n, const ElementFacts& f) {
    Hint hint = hint_for(n, /*comments_are_content=*/!options_.declared_article);
    if (hint == Hint::kNeutral || hint == Hint::kContent) return false;
    if (hint == Hint::kBoilerplate && !options_.use_class_hints) return false;
    return f.raw_text == 0 || f.raw_text < kWrapperShare * total_raw_;
  }

  // Pass 2: drop furniture, then measure the kept text: per subtree, and per
  // nearest block ancestor (the "paragraph" that owns it).
  void measure_kept(xmlNode* root) {
    std::vector<int32_t> blocks;
    int links = 0;
    walk(
        root,
        [&](xmlNode* n) {
          if (is_element(n)) {
            ElementFacts& f = facts(n);
            if (is_furniture(n, f)) {
              f.dropped = true;
              return false;
            }
            if (is_block_tag(n)) blocks.push_back(index_of(n));
            if (tag(n) == "a") ++links;
            return true;
          }
          if (is_text(n) && is_element(n->parent)) {
            std::string_view t = text_of(n);
            uint32_t len = visible_length(t);
            ElementFacts& parent = facts(n->parent);
            parent.text += len;
            if (links > 0) parent.link_text += len;
            if (!blocks.empty()) {
              ElementFacts& owner = facts_[blocks.back()];
              owner.own_text += len;
              if (links > 0) owner.own_link_text += len;
              owner.own_commas += commas(t);
            }
          }
          return false;
        },
        [&](xmlNode* n) {
          if (!is_element(n)) return;
          ElementFacts& f = facts(n);
          if (f.dropped) return;
          if (is_block_tag(n)) blocks.pop_back();
          if (tag(n) == "a") --links;
          if (f.parent >= 0) {
            facts_[f.parent].text += f.text;
            facts_[f.parent].link_text += f.link_text;
          }
        });
  }

  void touch(ElementFacts& f) {
    if (f.scored) return;
    f.scored = true;
    f.score = static_cast<float>(tag_weight(tag(f.node)) + class_weight(f.node));
  }

  // Pass 3: every paragraph votes for up to five ancestors.
  void score_paragraphs() {
    for (size_t i = 0; i < facts_.size(); ++i) {
      const ElementFacts& p = facts_[i];
      if (p.dropped || p.own_text < kMinParagraph) continue;
      double link_share = static_cast<double>(p.own_link_text) / p.own_text;
      if (link_share > 0.5) continue;
      facts_[i].prose = p.own_text - p.own_link_text;
      double vote = (1.0 + p.own_commas + std::min(3.0, p.own_text / 100.0)) * (1.0 - link_share);
      int32_t ancestor = p.parent;
      for (int level = 0; level < 5 && ancestor >= 0; ++level) {
        ElementFacts& a = facts_[ancestor];
        touch(a);
        double divider = level == 0 ? 1.0 : level == 1 ? 2.0 : level * 3.0;
        a.score += static_cast<float>(vote / divider);
        ancestor = a.parent;
      }
    }
  }

  // Sums each element's prose over its subtree (facts_ is in document order,
  // so children come after their parents).
  void total_prose() {
    for (size_t i = facts_.size(); i-- > 1;)
      if (facts_[i].parent >= 0 && !facts_[i].dropped)
        facts_[facts_[i].parent].prose += facts_[i].prose;
  }

  // Pages built from many small blocks (page builders, product pages,
  // documentation) spread their prose over several containers: while an
  // ancestor holds clearly more prose and is not a link farm, it is the
  // content.
  int32_t widen(int32_t top) {
    total_prose();
    int32_t up = facts_[top].parent;
    for (int idle = 0; up >= 0 && idle < 4; ++idle) {
      const ElementFacts& a = facts_[up];
      std::string_view t = tag(a.node);
      if (t == "body" || t == "html") break;
      double link_share = a.text ? static_cast<double>(a.link_text) / a.text : 0.0;
      if (link_share > 0.5) break;
      if (a.prose >= facts_[top].prose * widen_ratio() + 50) {
        top = up;
        idle = -1;
      }
      up = a.parent;
    }
    return top;
  }

  // Articles are one block of prose; other pages are built from many.
  double widen_ratio() const { return options_.declared_article ? 1.5 : 1.15; }

  double final_score(const ElementFacts& f) const {
    double link_share = f.text ? static_cast<double>(f.link_text) / f.text : 0.0;
    return f.score * (1.0 - link_share);
  }

  bool is_candidate(const ElementFacts& f) const {
    std::string_view t = tag(f.node);
    return f.scored && !f.dropped && t != "html";
  }

  int32_t best_candidate() {
    int32_t best = -1;
    double best_score = 0;
    top_.clear();
    for (size_t i = 0; i < facts_.size(); ++i) {
      const ElementFacts& f = facts_[i];
      if (!is_candidate(f)) continue;
      double s = final_score(f);
      top_.push_back({s, static_cast<int32_t>(i)});
      if (best < 0 || s > best_score) {
        best = static_cast<int32_t>(i);
        best_score = s;
      }
    }
    std::sort(top_.begin(), top_.end(), [](auto& a, auto& b) { return a.first > b.first; });
    if (top_.size() > 5) top_.resize(5);
    return best;
  }

  bool is_descendant(int32_t node, int32_t ancestor) {
    for (int steps = 0; node >= 0 && steps < 256; ++steps) {
      if (node == ancestor) return true;
      node = facts_[node].parent;
    }
    return false;
  }

  // When the article is split over several strong containers, their common
  // ancestor is the article.
  int32_t shared_ancestor(int32_t top) {
    double top_score = top_.empty() ? 0 : top_[0].first;
    std::vector<int32_t> strong;
    for (auto& [score, index] : top_)
      if (index != top && score >= 0.75 * top_score) strong.push_back(index);
    if (strong.size() < 2) return top;
    int32_t ancestor = facts_[top].parent;
    for (int steps = 0; ancestor >= 0 && steps < 256; ++steps) {
      if (tag(facts_[ancestor].node) == "body") break;
      int inside = 0;
      for (int32_t s : strong) inside += is_descendant(s, ancestor) ? 1 : 0;
      if (inside >= 2) return ancestor;
      ancestor = facts_[ancestor].parent;
    }
    return top;
  }

  bool reads_like_prose(const ElementFacts& s) {
    if (s.text == 0) return false;
    double link_share = static_cast<double>(s.link_text) / s.text;
    if (s.text > 80) return link_share < 0.25;
    if (link_share > 0 || s.descendants > 20) return false;
    std::string t = collapsed_text(s.node, 400);
    return !t.empty() && (t.back() == '.' || t.find(". ") != std::string::npos);
  }

  std::vector<xmlNode*> with_siblings(int32_t top) {
    const ElementFacts& best = facts_[top];
    if (best.parent < 0 || tag(best.node) == "body") return {best.node};
    double top_score = final_score(best);
    double threshold = std::max(10.0, 0.2 * top_score);
    std::string_view best_class = attribute(best.node, "class");
    std::vector<xmlNode*> roots;
    std::vector<xmlNode*> pending_headings;
    for (xmlNode* s = facts_[best.parent].node->children; s; s = s->next) {
      if (!is_element(s)) continue;
      ElementFacts& f = facts(s);
      if (f.dropped) continue;
      bool keep = s == best.node;
      if (!keep) {
        double bonus =
            (!best_class.empty() && attribute(s, "class") == best_class) ? 0.2 * top_score : 0.0;
        keep = (f.scored && final_score(f) + bonus >= threshold) ||
               (tag(s) != "ul" && tag(s) != "ol" && reads_like_prose(f));
      }
      if (keep && !is_heading(tag(s))) {
        if (!roots.empty())
          roots.insert(roots.end(), pending_headings.begin(), pending_headings.end());
        pending_headings.clear();
        roots.push_back(s);
      } else if (is_heading(tag(s)) && f.text > 0 && f.link_text * 2 < f.text) {
        pending_headings.push_back(s);
      } else {
        pending_headings.clear();
      }
    }
    return roots;
  }

  bool should_clean(xmlNode* n, const ElementFacts& f) {
    std::string_view t = tag(n);
    if (t == "pre" || t == "code" || t == "table" || t == "tbody" || t == "tr" || t == "td" ||
        t == "th")
      return false;
    if (f.text == 0) return false;
    double link_share = static_cast<double>(f.link_text) / f.text;
    if (is_heading(t)) {
      if (class_weight(n) < 0 || link_share > 0.5) return true;
      std::string heading = collapsed_text(n, 400);
      if (!title_seen_ && !options_.title.empty() &&
          normalized(heading) == normalized(options_.title)) {
        title_seen_ = true;
        return true;
      }
      return heading.size() < 60 && says_boilerplate(heading);
    }
    bool container = is_block_tag(n) && t != "p" && t != "li";
    // Listings and catalogue pages are made of links; articles are not.
    double link_limit = options_.declared_article ? 0.5 : 0.8;
    if (container && link_share > link_limit) return true;
    if (container && class_weight(n) < 0 && link_share > 0.2) return true;
    if ((t == "ul" || t == "ol") && link_share > (options_.declared_article ? 0.35 : 0.8))
      return true;
    if (f.text < 120 && f.descendants < 40 && is_block_tag(n)) {
      std::string words = collapsed_text(n, 400);
      if (says_boilerplate(words)) return true;
    }
    return false;
  }

  // Pass 4: inside the chosen content, drop link lists, headings that
  // repeat the title and short furniture blocks.
  void clean_inside(xmlNode* root) {
    walk(
        root,
        [&](xmlNode* n) {
          if (!is_element(n)) return false;
          ElementFacts& f = facts(n);
          if (f.dropped) return false;
          if (n != root && should_clean(n, f)) {
            f.dropped = true;
            return false;
          }
          return true;
        },
        [](xmlNode*) {});
  }

  xmlDoc* doc_;
  const SelectionOptions& options_;
  std::vector<ElementFacts>& facts_;
  uint32_t total_raw_ = 0;
  std::vector<std::pair<double, int32_t>> top_;
  bool title_seen_ = false;
};

}  // namespace

bool MainContent::dropped(const xmlNode* element) const {
  int32_t i = index_of(element);
  return i >= 0 && static_cast<size_t>(i) < facts_.size() && facts_[i].dropped;
}

MainContent select_main_content(xmlDoc* doc, const SelectionOptions& options) {
  MainContent content;
  // Indexes from an earlier selection on the same tree are replaced.
  walk(
      xmlDocGetRootElement(doc),
      [](xmlNode* n) {
        n->_private = nullptr;
        return is_element(n);
      },
      [](xmlNode*) {});
  Selector selector(doc, options, content.facts_);
  content.roots_ = selector.run();
  return content;
}

}  // namespace osprey::ingest::html
