// Where defang conventions may be written in a text: the first half of
// refanging (text/refang.cpp judges each site and rewrites it).
//
// A pass over the text finds the few bytes a defang can hang on — brackets,
// a colon, a backslash, non-ASCII bytes, a dot or "dot" after a space — and
// only there tries the rules, so ordinary prose costs a vector compare per
// 16 bytes. The rules are specified as regular expressions
// (defang_rule_patterns()); the finder reports, for every rule and start,
// the longest match those expressions would, and tests hold the two to
// agreement on random text.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "osprey/text/pattern_set.h"

namespace osprey::text {

// Rule ids, in the order of refang.cpp's rule table.
enum DefangRuleId : unsigned {
  kRuleScheme,
  kRuleSchemeSeparator,
  kRuleColon,
  kRuleSlash,
  kRuleDot,
  kRuleAt,
  kRuleBackslashDot,
  kRuleSpacedDot,
  kRuleSpacedWordDot,
  kRuleUnicodeDot,
  kRuleUnicodeSlash,
  kRuleUnicodeColon,
  kRuleUnicodeAt,
  kRuleInvisible,
  kRuleBracketedHost,
  kRuleUnicodeDash,
  kDefangRuleCount
};

// The regular expression of each rule (matched caselessly), by rule id.
extern const std::array<const char*, kDefangRuleCount> kDefangRulePatterns;

// Appends to `sites` every (rule, from, to) where a rule matches: for each
// rule and start, the longest match. A scheme ("hxxp") is reported only
// where a colon or bracket follows it, the one place refanging accepts it.
// Appends to `invalid` each maximal run of ill-formed UTF-8 as (0, from, to).
void find_defang_sites(std::string_view text, std::vector<PatternMatch>& sites,
                       std::vector<PatternMatch>& invalid);

}  // namespace osprey::text
