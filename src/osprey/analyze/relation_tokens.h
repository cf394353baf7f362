// The words of one sentence, for matching relation cues: cue phrases are
// compared word by word, so "was not linked to" matches however it is spaced
// or wrapped, and a mention's position is a word index.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "osprey/model/span.h"

namespace osprey::analyze {

// A word: a run of ASCII letters and digits, or one other printable ASCII
// character ("'", "-", ","), or a run of non-ASCII bytes. White space and
// control bytes only separate words.
struct Token {
  uint64_t start = 0;  // byte offsets into the analysed text
  uint64_t end = 0;
};

class SentenceTokens {
 public:
  // Splits text[sentence] into at most `max_tokens` words (the rest of a
  // longer "sentence", e.g. a minified blob, is ignored).
  SentenceTokens(std::string_view text, Span sentence, size_t max_tokens);

  size_t size() const { return tokens_.size(); }
  const Token& operator[](size_t i) const { return tokens_[i]; }
  // The word, lower-cased (ASCII).
  std::string_view lower(size_t i) const;
  // The word as written.
  std::string_view written(size_t i) const;
  // Index of the first word that ends after `pos` (size() when none).
  size_t at_or_after(uint64_t pos) const;
  // Index one past the last word that starts before `pos`.
  size_t before(uint64_t pos) const;

 private:
  std::string_view text_;
  uint64_t base_ = 0;
  std::string lower_;  // the sentence, lower-cased
  std::vector<Token> tokens_;
};

// Splits a cue phrase into words the same way (lower-cased).
std::vector<std::string> phrase_words(std::string_view phrase);

}  // namespace osprey::analyze
