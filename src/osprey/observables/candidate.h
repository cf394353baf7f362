// What a validator sees and returns. Internal to observables/.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "osprey/text/mapped_text.h"

namespace osprey::observables {

// The refanged text being scanned and what is known about it.
struct ScanContext {
  std::string_view text;           // refanged text (MappedText::view())
  const text::MappedText* mapped;  // to ask whether a range was written defanged

  bool defanged(uint64_t from, uint64_t to) const { return mapped && mapped->rewritten(from, to); }
  char at(int64_t i) const {
    return i >= 0 && static_cast<uint64_t>(i) < text.size() ? text[static_cast<size_t>(i)] : '\0';
  }
  // Up to `n` bytes before `pos` on the same line.
  std::string_view line_before(uint64_t pos, size_t n) const;
  std::string_view line_after(uint64_t pos, size_t n) const;
};

// A pattern match: [from, to) in ScanContext::text.
struct Candidate {
  uint64_t from;
  uint64_t to;
};

// A validated observable, before it is mapped back to the original text.
struct Accepted {
  std::string value;                    // canonical value
  uint64_t from = 0, to = 0;            // where it is, possibly trimmed from the candidate
  std::vector<std::string> flags;       // e.g. "private", "no-checksum"
  std::string unicode;                  // U-label form (internationalised domains)
  const char* rule = "";                // the rule that found it (static text: no allocation)
  uint64_t host_from = 0, host_to = 0;  // for URLs: the host inside [from, to)
  std::string note;                     // any decision made on context ("; written defanged")
};

using Validator = std::optional<Accepted> (*)(const ScanContext& ctx, Candidate c);

// A validated finding of one type (index into observable_types()).
struct Found {
  size_t type;
  Accepted accepted;
};

// The scanner reports where a pattern match ends; an Extent finds the whole
// token around it (the candidate the validator judges). Expanding to the
// maximal token means "a hash inside a longer hex string" is seen as the
// longer string, and a long token is judged once, not at every match end.
using Extent = Candidate (*)(std::string_view text, uint64_t match_end);

// A set of bytes, built at compile time from a spec such as "a-z0-9._-"
// (letters match both cases when `caseless`).
class CharClass {
 public:
  constexpr CharClass(std::string_view spec, bool caseless = true, bool non_ascii = false) {
    for (size_t i = 0; i < spec.size(); ++i) {
      unsigned char lo = static_cast<unsigned char>(spec[i]), hi = lo;
      if (i + 2 < spec.size() && spec[i + 1] == '-') {
        hi = static_cast<unsigned char>(spec[i + 2]);
        i += 2;
      }
      for (unsigned c = lo; c <= hi; ++c) {
        member_[c] = true;
        if (caseless && c >= 'a' && c <= 'z') member_[c - 32] = true;
        if (caseless && c >= 'A' && c <= 'Z') member_[c + 32] = true;
      }
    }
    if (non_ascii)
      for (unsigned c = 0x80; c < 0x100; ++c) member_[c] = true;
  }
  constexpr bool operator()(char c) const { return member_[static_cast<unsigned char>(c)]; }

 private:
  bool member_[256] = {};
};

// The maximal run of `cls` bytes that contains the byte before `end`, at
// most `max_len` bytes long.
Candidate run_around(std::string_view text, uint64_t end, const CharClass& cls, size_t max_len);

// An Extent over one character class, for registry rows.
template <const CharClass& kClass, size_t kMaxLen>
Candidate extent_run(std::string_view text, uint64_t end) {
  return run_around(text, end, kClass, kMaxLen);
}

// Character classes used by several validators.
inline bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
inline bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
inline bool is_alnum(char c) {
  return is_digit(c) || is_alpha(c);
}
inline bool is_hex(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
inline char to_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}
std::string lowercase(std::string_view s);
std::string uppercase(std::string_view s);

// Narrows c by dropping bytes in `chars` from both ends.
Candidate trim(std::string_view text, Candidate c, std::string_view chars);

// True when neither neighbour of [from, to) is a letter or digit.
bool alnum_bounded(const ScanContext& ctx, Candidate c);

// Whether a word from `words` appears (case-insensitively) in `haystack`.
bool mentions_any(std::string_view haystack, const std::vector<std::string_view>& words);

}  // namespace osprey::observables
