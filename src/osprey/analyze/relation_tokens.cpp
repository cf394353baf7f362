#include "osprey/analyze/relation_tokens.h"

#include <algorithm>

#include "osprey/text/ascii.h"

namespace osprey::analyze {
namespace {

enum class Class { kSpace, kWord, kPunct, kWide };

Class classify(unsigned char c) {
  if (c >= 0x80) return Class::kWide;
  if (text::is_ascii_alnum(static_cast<char>(c))) return Class::kWord;
  if (c <= ' ' || c == 0x7f) return Class::kSpace;
  return Class::kPunct;
}

// Calls add(start, end) for each word of s.
template <typename Add>
void split_words(std::string_view s, size_t max_tokens, Add add) {
  size_t i = 0, count = 0;
  while (i < s.size() && count < max_tokens) {
    Class c = classify(static_cast<unsigned char>(s[i]));
    if (c == Class::kSpace) {
      ++i;
      continue;
    }
    size_t j = i + 1;
    if (c != Class::kPunct)
      while (j < s.size() && classify(static_cast<unsigned char>(s[j])) == c) ++j;
    add(i, j);
    ++count;
    i = j;
  }
}

}  // namespace

SentenceTokens::SentenceTokens(std::string_view text, Span sentence, size_t max_tokens)
    : text_(text), base_(sentence.start) {
  std::string_view s = text.substr(sentence.start, sentence.end - sentence.start);
  lower_ = text::ascii_lowercase(s);
  split_words(s, max_tokens, [&](size_t from, size_t to) {
    tokens_.push_back({base_ + from, base_ + to});
  });
}

std::string_view SentenceTokens::lower(size_t i) const {
  const Token& t = tokens_[i];
  return std::string_view(lower_).substr(t.start - base_, t.end - t.start);
}

std::string_view SentenceTokens::written(size_t i) const {
  const Token& t = tokens_[i];
  return text_.substr(t.start, t.end - t.start);
}

size_t SentenceTokens::at_or_after(uint64_t pos) const {
  auto it = std::upper_bound(tokens_.begin(), tokens_.end(), pos,
                             [](uint64_t p, const Token& t) { return p < t.end; });
  return static_cast<size_t>(it - tokens_.begin());
}

size_t SentenceTokens::before(uint64_t pos) const {
  auto it = std::lower_bound(tokens_.begin(), tokens_.end(), pos,
                             [](const Token& t, uint64_t p) { return t.start < p; });
  return static_cast<size_t>(it - tokens_.begin());
}

std::vector<std::string> phrase_words(std::string_view phrase) {
  std::vector<std::string> out;
  split_words(phrase, phrase.size(), [&](size_t from, size_t to) {
    out.push_back(text::ascii_lowercase(phrase.substr(from, to - from)));
  });
  return out;
}

}  // namespace osprey::analyze
