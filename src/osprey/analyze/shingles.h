// Text normalisation for comparing articles: ASCII case folding, punctuation
// and white space reduced to single separators, then word hashes and
// overlapping word shingles. Bytes outside ASCII (UTF-8 letters, or invalid
// bytes) are kept as parts of words, so any input is accepted.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace osprey::analyze {

// Calls on_word(word) for each word of `text`: a maximal run of ASCII
// letters and digits or non-ASCII bytes, lower-cased into a reused buffer.
template <typename OnWord>
void for_each_word(std::string_view text, OnWord&& on_word);

// The words of `text`, normalised, joined by single spaces.
std::string normalize_text(std::string_view text);

// Hash of the normalised text; 0 for a text without words. Two texts that
// differ only in case, punctuation or spacing have the same hash.
uint64_t content_hash(std::string_view text);

// The hash of every word of `text`, in order.
std::vector<uint64_t> word_hashes(std::string_view text);

// Hashes of the overlapping runs of `width` words (one hash when the text
// has fewer words than `width` but at least one; none for no words). Not
// deduplicated.
std::vector<uint64_t> shingle_hashes(const std::vector<uint64_t>& words, size_t width);

// ---------------------------------------------------------------------------

inline bool is_word_byte(unsigned char c) {
  return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c >= 0x80;
}

template <typename OnWord>
void for_each_word(std::string_view text, OnWord&& on_word) {
  std::string word;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && !is_word_byte(static_cast<unsigned char>(text[i]))) ++i;
    if (i == text.size()) break;
    word.clear();
    while (i < text.size() && is_word_byte(static_cast<unsigned char>(text[i]))) {
      char c = text[i++];
      word.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    }
    on_word(std::string_view(word));
  }
}

}  // namespace osprey::analyze
