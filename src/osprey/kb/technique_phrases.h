// How analysts write about ATT&CK techniques in news and reports: a table of
// phrasings ("dump credentials from memory", "deleted shadow copies", "pose
// as employees"), each mapped to the technique or sub-technique the words
// support. A phrase is weaker evidence than a technique's own name or id,
// so the matcher gives it a lower confidence.
//
// Some words mean a technique only beside others: "encrypted" is the
// ransomware's work when the sentence speaks of servers or files, and not
// when it speaks of traffic. A row may name stems of which one must occur
// in the sentence (`needs`, and another list `also`) and stems of which none
// may (`unless`). Rows that spell one phrase alike ("security software" is
// disabled, or looked for) are tried in table order: the first whose
// context holds reads it.
//
// A row may also name what must follow it (`next`): "{decrypts|unpacks}"
// then "{its |the |}{payload|shellcode}". Every spelling of a row's text is
// one literal of the matcher's scan, and the scan slows as literals grow, so
// a row keeps its text's spellings few and leaves the objects to `next`.
//
// One row may stand for several spellings: each "{a|b|c}" group in its text
// is one of its alternatives, an empty one leaving the group out
// ("{dump|dumped|dumping} {the |}credentials").
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace osprey::kb {

struct TechniquePhrase {
  std::string_view text;                     // matched whole-word, any case; may hold {a|b} groups
  std::string_view technique;                // ATT&CK id
  std::span<const std::string_view> needs;   // one must be in the sentence (empty: none needed)
  std::span<const std::string_view> unless;  // none may be in the sentence
  std::span<const std::string_view> also = {};  // one must be in the sentence too (empty: none)
  // One must follow the phrase at once, in its sentence ("decrypted" then
  // "its encrypted payload"); may hold {a|b} groups like `text`. Checked
  // where the phrase is found, these spell the objects a verb takes without
  // making each combination a literal of the scan.
  std::span<const std::string_view> next = {};
};

// Every phrasing, in table order (which decides only between rows that
// spell one phrase). Stems are lowercase and match anywhere in the
// lowercased sentence ("exfiltrat" finds "exfiltrated").
std::span<const TechniquePhrase> technique_phrases();

// Every spelling `text` stands for, its {a|b} groups expanded left to right
// ("{stop|stopped} services" → "stop services", "stopped services"). Text
// without a group is its only spelling; an unclosed "{" is kept as written.
std::vector<std::string> phrase_spellings(std::string_view text);

}  // namespace osprey::kb
