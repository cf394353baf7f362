// Name keys: how the knowledge base compares names. "APT 43", "apt43" and
// "APT-43" are the same actor name to an analyst; "Fancy Bear" and
// "FANCY  BEAR" are the same string. Keys are only for comparing and
// indexing — the names themselves are kept as the sources spell them.
#pragma once

#include <string>
#include <string_view>

namespace osprey::kb {

// The exact key: ASCII letters lower-cased, Unicode dashes (U+2010..U+2015,
// U+2212) made '-', curly quotes made straight, no-break and other Unicode
// spaces made ' ', runs of white space folded to one space, ends trimmed.
// Other bytes are kept, so non-Latin names (奇幻熊, 조선) compare exactly.
std::string name_key(std::string_view name);

// The loose key: the exact key without spaces, '-', '_', '.', '\'' and '"',
// for a second try when the exact key finds nothing ("apt 43" → "apt43").
std::string loose_key(std::string_view name);

}  // namespace osprey::kb
