#include "osprey/ingest/html/text_render.h"

#include "osprey/ingest/html/boilerplate_hints.h"
#include "osprey/ingest/html/dom.h"

namespace osprey::ingest::html {
namespace {

enum Break { kNone = 0, kLine = 1, kParagraph = 2 };

class TextBuilder {
 public:
  void request(Break b) {
    if (b > pending_) pending_ = b;
  }

  void prose(std::string_view text) {
    if (trim(text).empty()) {
      if (!text.empty() && !out_.empty() && pending_ == kNone && out_.back() != ' ' &&
          out_.back() != '\n')
        out_.push_back(' ');
      return;
    }
    flush();
    append_collapsed(out_, text);
  }

  void verbatim(std::string_view text) {
    if (text.empty()) return;
    flush();
    out_.append(text);
  }

  void separator(std::string_view sep) {
    while (!out_.empty() && out_.back() == ' ') out_.pop_back();
    if (!out_.empty() && out_.back() != '\n') out_.append(sep);
  }

  std::string finish() {
    while (!out_.empty() && (out_.back() == ' ' || out_.back() == '\n')) out_.pop_back();
    return std::move(out_);
  }

 private:
  void flush() {
    if (pending_ != kNone && !out_.empty()) {
      while (!out_.empty() && out_.back() == ' ') out_.pop_back();
      size_t newlines = 0;
      while (newlines < out_.size() && out_[out_.size() - 1 - newlines] == '\n') ++newlines;
      size_t wanted = pending_ == kParagraph ? 2 : 1;
      for (size_t i = newlines; i < wanted; ++i) out_.push_back('\n');
    }
    pending_ = kNone;
  }

  std::string out_;
  Break pending_ = kNone;
};

bool is_cell(std::string_view t) {
  return t == "td" || t == "th";
}

Break break_for(std::string_view t) {
  if (t == "li" || t == "tr" || t == "dt" || t == "dd" || t == "br" || t == "option" ||
      t == "thead" || t == "tbody" || t == "tfoot")
    return kLine;
  return kParagraph;
}

}  // namespace

std::string render_text(const MainContent& content) {
  TextBuilder out;
  int verbatim_depth = 0;  // inside <pre>, <code>, <textarea>
  int cell_depth = 0;      // inside a table cell: blocks become spaces
  for (xmlNode* root : content.roots()) {
    out.request(kParagraph);
    walk(
        root,
        [&](xmlNode* n) {
          if (is_text(n)) {
            if (verbatim_depth > 0)
              out.verbatim(text_of(n));
            else
              out.prose(text_of(n));
            return false;
          }
          if (!is_element(n) || content.dropped(n)) return false;
          std::string_view t = tag(n);
          if (t == "pre" || t == "code" || t == "xmp" || t == "plaintext") {
            if (t == "pre" && cell_depth == 0) out.request(kParagraph);
            ++verbatim_depth;
            return true;
          }
          if (is_cell(t)) {
            xmlNode* prev = n->prev;
            while (prev && !is_element(prev)) prev = prev->prev;
            if (prev && is_cell(tag(prev))) out.separator(" | ");
            ++cell_depth;
            return true;
          }
          if (is_block_tag(n) && verbatim_depth == 0) {
            if (cell_depth > 0)
              out.prose(" ");
            else
              out.request(break_for(t));
          }
          return true;
        },
        [&](xmlNode* n) {
          if (!is_element(n) || content.dropped(n)) return;
          std::string_view t = tag(n);
          if (t == "pre" || t == "code" || t == "xmp" || t == "plaintext") {
            --verbatim_depth;
            if (t == "pre" && cell_depth == 0) out.request(kParagraph);
            return;
          }
          if (is_cell(t)) {
            --cell_depth;
            return;
          }
          if (is_block_tag(n) && verbatim_depth == 0 && cell_depth == 0) out.request(break_for(t));
        });
  }
  return out.finish();
}

}  // namespace osprey::ingest::html
