// Refanging: turns defanged indicators ("hxxp://evil[.]com", "1.2.3(.)4",
// "user[at]mail.com", full-width dots, zero-width characters …) back into
// their plain form, and neutralises ill-formed UTF-8, so that the observable
// scanner sees one canonical spelling. Every rewrite is recorded, so findings
// map back to the original bytes and know that they were written defanged.
#pragma once

#include <memory>
#include <string_view>

#include "osprey/model/result.h"
#include "osprey/text/mapped_text.h"
#include "osprey/text/pattern_set.h"

namespace osprey::text {

class Refanger {
 public:
  // Compiles the defang rules (cached on disk, see PatternSet).
  static Result<Refanger> create();

  // The refanged text. Ill-formed UTF-8 bytes become spaces (same length),
  // so they separate tokens and never join two halves of an indicator.
  // `text` must outlive the result (it is not copied when nothing changes).
  MappedText refang(std::string_view text) const;

  // The same into `out`, reusing its memory.
  void refang_into(std::string_view text, MappedText& out) const;

 private:
  explicit Refanger(std::unique_ptr<PatternSet> rules) : rules_(std::move(rules)) {}
  std::shared_ptr<PatternSet> rules_;
};

// Convenience for tests and one-off use: the refanged text as a string.
std::string refang_string(std::string_view text);

}  // namespace osprey::text
