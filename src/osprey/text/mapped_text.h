// A rewritten copy of a text that remembers where each byte came from, so
// that findings in the rewritten text point back into the original bytes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "osprey/model/span.h"

namespace osprey::text {

// One replacement of original bytes [from, to) by `replacement`.
struct Rewrite {
  uint64_t from = 0;
  uint64_t to = 0;
  std::string replacement;
  bool defang = true;  // false for mere normalisation (dashes, ill-formed bytes)
};

class MappedText {
 public:
  // Applies the rewrites to `original`. They must be sorted and must not
  // overlap. When there are none, view() is `original` itself (no copy), so
  // `original` must outlive this object.
  MappedText(std::string_view original, std::vector<Rewrite> rewrites);
  MappedText() = default;

  // Rebuilds this text for a new original, reusing the memory already held
  // (a stream rewrites one chunk after another).
  void assign(std::string_view original, const std::vector<Rewrite>& rewrites);

  std::string_view view() const { return view_; }

  // The original bytes that the rewritten range [from, to) came from. A range
  // that starts or ends inside a replacement covers all of it.
  Span to_original(uint64_t from, uint64_t to) const;

  // True when a defanging rewrite lies inside the rewritten range [from, to):
  // the text there was written defanged.
  bool rewritten(uint64_t from, uint64_t to) const;

  bool identity() const { return edits_.empty(); }

 private:
  struct Edit {
    uint64_t orig_from, orig_to;  // replaced original bytes
    uint64_t from, to;            // their replacement in view()
    bool defang;
  };
  std::string storage_;
  std::string_view view_;
  std::vector<Edit> edits_;  // sorted by position, in both coordinates
};

}  // namespace osprey::text
