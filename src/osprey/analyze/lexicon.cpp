#include "osprey/analyze/lexicon.h"

#include <algorithm>
#include <string>
#include <unordered_map>

#include "osprey/text/utf8.h"

namespace osprey::analyze {
namespace {

// The table, indexed for one pass over the words of a text.
struct LexiconIndex {
  struct WordTerm {
    const LexiconTerm* term;
    std::vector<std::string> words;  // the term split at spaces
  };
  std::unordered_map<std::string_view, std::vector<WordTerm>> by_first_word;
  std::unordered_map<std::string_view, std::vector<const LexiconTerm*>> by_first_four_bytes;
  std::vector<const LexiconTerm*> substrings;
};

const LexiconIndex& lexicon_index() {
  static const LexiconIndex index = [] {
    LexiconIndex ix;
    for (const LexiconTerm& t : lexicon_terms()) {
      if (t.match == TermMatch::kSubstring) {
        ix.substrings.push_back(&t);
      } else if (t.match == TermMatch::kPrefix) {
        ix.by_first_four_bytes[t.text.substr(0, 4)].push_back(&t);
      } else {
        LexiconIndex::WordTerm w{&t, {}};
        for (size_t start = 0; start <= t.text.size();) {
          size_t end = std::min(t.text.find(' ', start), t.text.size());
          w.words.emplace_back(t.text.substr(start, end - start));
          start = end + 1;
        }
        ix.by_first_word[t.text.substr(0, t.text.find(' '))].push_back(std::move(w));
      }
    }
    // Longest terms first, so that "zero day exploit" style phrases win.
    for (auto& [first, terms] : ix.by_first_word)
      std::stable_sort(terms.begin(), terms.end(), [](const auto& a, const auto& b) {
        return a.words.size() > b.words.size();
      });
    return ix;
  }();
  return index;
}

// ASCII, Latin-1 and Cyrillic capitals folded to lower case, in place (the
// byte length of each character is unchanged).
void fold_case(std::string& s) {
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 'A' && c <= 'Z') {
      s[i] = static_cast<char>(c + 32);
    } else if (i + 1 < s.size()) {
      auto d = static_cast<unsigned char>(s[i + 1]);
      if (c == 0xC3 && d >= 0x80 && d <= 0x9E && d != 0x97) {
        s[i + 1] = static_cast<char>(d + 0x20);  // À..Þ
      } else if (c == 0xD0 && d >= 0x90 && d <= 0x9F) {
        s[i + 1] = static_cast<char>(d + 0x20);  // А..П
      } else if (c == 0xD0 && d >= 0xA0 && d <= 0xAF) {
        s[i] = static_cast<char>(0xD1);  // Р..Я
        s[i + 1] = static_cast<char>(d - 0x20);
      } else if (c == 0xD0 && d == 0x81) {
        s[i] = static_cast<char>(0xD1);  // Ё
        s[i + 1] = static_cast<char>(0x91);
      }
    }
  }
}

// Kana and Han (three-byte sequences led by E3..E9) separate words: those
// scripts are written without spaces, so "製品のCVE-2025-1234" holds the word
// "cve". Their terms are found as substrings.
bool han_or_kana_lead(unsigned char c) {
  return c >= 0xE3 && c <= 0xE9;
}

bool word_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 0x80 && !han_or_kana_lead(c));
}

// The word and its forms without an inflection ending, for kWord terms.
struct Forms {
  std::array<std::string_view, 6> forms;
  size_t size = 0;
  bool has(std::string_view w) const {
    return std::find(forms.begin(), forms.begin() + size, w) != forms.begin() + size;
  }
};

Forms forms_of(std::string_view word) {
  static constexpr std::string_view kEndings[] = {"s", "es", "ed", "d", "ing", "er", "ers"};
  Forms f;
  f.forms[f.size++] = word;
  for (std::string_view e : kEndings)
    if (word.size() >= e.size() + 3 && word.ends_with(e) && f.size < f.forms.size())
      f.forms[f.size++] = word.substr(0, word.size() - e.size());
  return f;
}

class Scanner {
 public:
  explicit Scanner(LexiconHits& hits) : hits_(hits), index_(lexicon_index()) {}

  void add(const LexiconTerm& t) {
    hits_.weight[t.cue] += t.weight;
    auto& listed = hits_.terms[t.cue];
    if (listed.size() < LexiconHits::kMaxListed &&
        std::find(listed.begin(), listed.end(), t.text) == listed.end())
      listed.push_back(t.text);
  }

  // Matches word and prefix terms starting at words_[i]; returns the number of
  // words consumed (at least 1).
  size_t match_at(size_t i) {
    for (size_t k = 0; k < forms_[i].size; ++k) {
      auto it = index_.by_first_word.find(forms_[i].forms[k]);
      if (it == index_.by_first_word.end()) continue;
      for (const auto& w : it->second) {
        if (i + w.words.size() > words_.size()) continue;
        bool all = true;
        for (size_t j = 1; j < w.words.size() && all; ++j) all = forms_[i + j].has(w.words[j]);
        if (!all) continue;
        add(*w.term);
        return w.words.size();
      }
    }
    std::string_view word = words_[i];
    if (word.size() >= 4) {
      auto it = index_.by_first_four_bytes.find(word.substr(0, 4));
      if (it != index_.by_first_four_bytes.end())
        for (const LexiconTerm* t : it->second)
          if (word.starts_with(t->text)) {
            add(*t);
            break;
          }
    }
    return 1;
  }

  void scan(std::string_view folded) {
    for (size_t i = 0; i < folded.size();) {
      auto c = static_cast<unsigned char>(folded[i]);
      if (!word_byte(c)) {
        i += han_or_kana_lead(c) ? std::min<size_t>(3, folded.size() - i) : 1;
        continue;
      }
      size_t start = i;
      while (i < folded.size() && word_byte(static_cast<unsigned char>(folded[i]))) ++i;
      words_.push_back(folded.substr(start, i - start));
    }
    forms_.reserve(words_.size());
    for (std::string_view w : words_) forms_.push_back(forms_of(w));
    for (size_t i = 0; i < words_.size();) i += match_at(i);
    for (const LexiconTerm* t : index_.substrings)
      for (size_t at = folded.find(t->text); at != std::string_view::npos;
           at = folded.find(t->text, at + t->text.size()))
        add(*t);
    // Lead bytes of kana, Han and Hangul: about two characters make a word.
    auto cjk = std::count_if(folded.begin(), folded.end(), [](char c) {
      return static_cast<unsigned char>(c) >= 0xE3 && static_cast<unsigned char>(c) <= 0xED;
    });
    hits_.words = static_cast<double>(words_.size()) + 0.5 * static_cast<double>(cjk);
  }

 private:
  LexiconHits& hits_;
  const LexiconIndex& index_;
  std::vector<std::string_view> words_;
  std::vector<Forms> forms_;
};

}  // namespace

LexiconHits scan_lexicon(std::string_view text) {
  text = text.substr(0, text::utf8_cut_before(text, std::min(text.size(), kLexiconSample)));
  std::string folded(text);
  fold_case(folded);
  LexiconHits hits;
  Scanner(hits).scan(folded);
  return hits;
}

}  // namespace osprey::analyze
