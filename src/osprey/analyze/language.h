// Language identification for triage: which language an article is written
// in, from the scripts its letters belong to and, for Latin-script text, the
// function words it uses. Small and pure: no model file, no allocation beyond
// the result.
//
//   LanguageGuess g = detect_language("Die Angreifer nutzten eine Lücke …");
//   // g.code == "de"
//
// Recognised: en, de, fr, es, it, pt, nl (function words); ru, uk (Cyrillic),
// zh, ja, ko (Han, kana, Hangul), ar (Arabic), el, he, th, hi (script alone).
#pragma once

#include <string>
#include <string_view>

namespace osprey::analyze {

struct LanguageGuess {
  std::string code = "und";  // BCP 47 primary tag; "und" when the evidence is too thin
  double confidence = 0;     // 0..1: share of the evidence that points to `code`
};

// Looks at the first kLanguageSample bytes of `text` (any bytes; invalid
// UTF-8 is skipped). Never fails: thin or mixed evidence gives "und".
LanguageGuess detect_language(std::string_view text);

inline constexpr size_t kLanguageSample = 16u << 10;

}  // namespace osprey::analyze
