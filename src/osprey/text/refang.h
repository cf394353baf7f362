// Refanging: turns defanged indicators ("hxxp://evil[.]com", "1.2.3(.)4",
// "user[at]mail.com", full-width dots, zero-width characters …) back into
// their plain form, and neutralises ill-formed UTF-8, so that the observable
// scanner sees one canonical spelling. Every rewrite is recorded, so findings
// map back to the original bytes and know that they were written defanged.
#pragma once

#include <string_view>
#include <vector>

#include "osprey/model/result.h"
#include "osprey/text/mapped_text.h"
#include "osprey/text/pattern_set.h"

namespace osprey::text {

class Refanger {
 public:
  // Never fails today; kept a Result so that rules may one day need loading.
  static Result<Refanger> create();

  // The refanged text. Ill-formed UTF-8 bytes become spaces (same length),
  // so they separate tokens and never join two halves of an indicator.
  // `text` must outlive the result (it is not copied when nothing changes).
  MappedText refang(std::string_view text) const;

  // The same into `out`, reusing its memory.
  void refang_into(std::string_view text, MappedText& out) const;
};

// Judges the defang sites found in `text` (text/defang_sites.h; tests also
// pass sites found by the rules' expressions) and applies the rewrites:
// ill-formed runs become spaces, each rule keeps its longest site per start
// if its guard accepts it, and overlapping rewrites go leftmost-longest.
void refang_sites(std::string_view text, std::vector<PatternMatch> sites,
                  const std::vector<PatternMatch>& invalid, MappedText& out);

// Convenience for tests and one-off use: the refanged text as a string.
std::string refang_string(std::string_view text);

}  // namespace osprey::text
