#include "osprey/text/mapped_text.h"

#include <algorithm>

namespace osprey::text {

MappedText::MappedText(std::string_view original, std::vector<Rewrite> rewrites) {
  assign(original, rewrites);
}

void MappedText::assign(std::string_view original, const std::vector<Rewrite>& rewrites) {
  storage_.clear();
  edits_.clear();
  if (rewrites.empty()) {
    view_ = original;
    return;
  }
  storage_.reserve(original.size());
  edits_.reserve(rewrites.size());
  uint64_t copied = 0;
  for (const Rewrite& r : rewrites) {
    storage_.append(original.substr(copied, r.from - copied));
    uint64_t at = storage_.size();
    storage_ += r.replacement;
    edits_.push_back({r.from, r.to, at, storage_.size(), r.defang});
    copied = r.to;
  }
  storage_.append(original.substr(copied));
  view_ = storage_;
}

Span MappedText::to_original(uint64_t from, uint64_t to) const {
  Span span{from, to};
  // Start: the last edit beginning at or before `from`.
  auto it = std::upper_bound(edits_.begin(), edits_.end(), from,
                             [](uint64_t p, const Edit& e) { return p < e.from; });
  if (it != edits_.begin()) {
    const Edit& e = *std::prev(it);
    span.start = from < e.to ? e.orig_from : e.orig_to + (from - e.to);
  }
  // End: the last edit beginning strictly before `to` (a deletion exactly at
  // `to` lies outside the range).
  it = std::lower_bound(edits_.begin(), edits_.end(), to,
                        [](const Edit& e, uint64_t p) { return e.from < p; });
  if (it != edits_.begin()) {
    const Edit& e = *std::prev(it);
    span.end = to <= e.to ? e.orig_to : e.orig_to + (to - e.to);
  }
  return span;
}

bool MappedText::rewritten(uint64_t from, uint64_t to) const {
  auto it = std::lower_bound(edits_.begin(), edits_.end(), from,
                             [](const Edit& e, uint64_t p) { return e.to < p; });
  for (; it != edits_.end() && it->from < to; ++it) {
    if (!it->defang) continue;
    bool deletion = it->from == it->to;
    if (deletion ? (it->from > from && it->from < to) : (it->to > from)) return true;
  }
  return false;
}

}  // namespace osprey::text
