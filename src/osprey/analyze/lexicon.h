// The triage vocabulary: weighted words that point to security reporting, to
// the security industry and policy around it (the borderline), or to
// consumer-tech noise. The terms are one declarative table
// (lexicon_terms.cpp); this header is how triage reads a text through it.
//
//   LexiconHits hits = scan_lexicon("Attackers exploited the flaw …");
//   hits.weight[Cue::kSecurity]  // summed weights of security terms found
#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

namespace osprey::analyze {

enum Cue : size_t { kSecurityCue, kIndustryCue, kNoiseCue, kCueCount };

// How a term is found.
enum class TermMatch {
  kWord,       // English words, lower case, with plural/-ed/-ing/-er forms
               // ("attack" finds attacks, attacked, attackers); "zero day"
               // is two words (hyphens separate words)
  kPrefix,     // one word that a word of the text begins with: compounds and
               // inflections ("sicherheitslücke" finds Sicherheitslücken);
               // at least four bytes
  kSubstring,  // anywhere: scripts written without spaces, Arabic, phrases
};

struct LexiconTerm {
  std::string_view text;  // lower case (ASCII and Cyrillic are folded in the text)
  Cue cue;
  double weight;  // 0.5 (weak hint) .. 3 (unambiguous)
  TermMatch match = TermMatch::kWord;
};

// The committed vocabulary.
std::span<const LexiconTerm> lexicon_terms();

struct LexiconHits {
  std::array<double, kCueCount> weight{};  // summed weights of every occurrence, per cue
  double words = 0;                        // length in words (a CJK character counts half a word)
  // Distinct terms found per cue, in order of first occurrence, at most kMaxListed.
  std::array<std::vector<std::string_view>, kCueCount> terms;

  static constexpr size_t kMaxListed = 5;
  // Weighted hits per 100 words, in percent; 0 for an empty text.
  double density(Cue cue) const { return words > 0 ? 100.0 * weight[cue] / words : 0.0; }
};

// Scans the first kLexiconSample bytes of `text` (any bytes; invalid UTF-8
// never matches a term). Densities of a longer text are those of its start.
LexiconHits scan_lexicon(std::string_view text);

inline constexpr size_t kLexiconSample = 256u << 10;

}  // namespace osprey::analyze
