#include "osprey/analyze/language.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <unordered_map>

#include "osprey/text/utf8.h"

namespace osprey::analyze {
namespace {

// Function words that are frequent in one Latin-script language and rare in
// the others. A word listed for two languages counts for both.
struct StopWords {
  std::string_view code;
  std::string_view words;  // separated by spaces
};

const std::array<StopWords, 7> kStopWords = {{
    {"en",
     "the and of to is was that with for this are have from which has been were it by its said "
     "their after will be at an as they than across into more"},
    {"de",
     "der die und das ist nicht mit den von auf ein eine dem sich des auch wurde sind für werden "
     "bei nach"},
    {"fr",
     "le la les des est une dans pour pas qui sur du au avec sont ont cette été aux par mais "
     "selon"},
    {"es",
     "el los las del una por para con es fue han pero este esta como más sus según entre también "
     "y"},
    {"it",
     "il della che di per sono gli nel alla non dei è anche delle questo stato ha hanno secondo "
     "degli lo più ma si ogni"},
    {"pt",
     "os do da uma não com em foi são dos pelo pela também mais ao seu como segundo sua das o um "
     "no na às pelos"},
    {"nl",
     "het een van en niet op dat zijn met voor werd bij ook naar door maar wordt deze heeft "
     "volgens"},
}};

const std::unordered_map<std::string_view, uint8_t>& stop_word_index() {
  // Bit i set: the word is a function word of kStopWords[i].
  static const auto index = [] {
    std::unordered_map<std::string_view, uint8_t> m;
    for (size_t i = 0; i < kStopWords.size(); ++i)
      for (std::string_view w = kStopWords[i].words; !w.empty();) {
        size_t end = std::min(w.find(' '), w.size());
        m[w.substr(0, end)] |= static_cast<uint8_t>(1u << i);
        w.remove_prefix(std::min(end + 1, w.size()));
      }
    return m;
  }();
  return index;
}

enum Script : size_t {
  kLatin,
  kCyrillic,
  kUkrainian,  // letters only Ukrainian uses among Cyrillic languages (і ї є ґ)
  kArabic,
  kHangul,
  kKana,
  kHan,
  kGreek,
  kHebrew,
  kThai,
  kDevanagari,
  kScriptCount
};

// Script of a code point that is a letter we count; kScriptCount otherwise.
Script script_of(uint32_t cp) {
  if (cp < 0x80) return ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') ? kLatin : kScriptCount;
  struct Range {
    uint32_t first, last;
    Script script;
  };
  static constexpr Range kRanges[] = {
      {'A', 'Z', kLatin},           {'a', 'z', kLatin},
      {0x00C0, 0x024F, kLatin},     {0x0370, 0x03FF, kGreek},
      {0x0404, 0x0404, kUkrainian}, {0x0406, 0x0407, kUkrainian},
      {0x0454, 0x0454, kUkrainian}, {0x0456, 0x0457, kUkrainian},
      {0x0490, 0x0491, kUkrainian}, {0x0400, 0x04FF, kCyrillic},
      {0x0590, 0x05FF, kHebrew},    {0x0600, 0x06FF, kArabic},
      {0x0750, 0x077F, kArabic},    {0x0900, 0x097F, kDevanagari},
      {0x0E00, 0x0E7F, kThai},      {0x1100, 0x11FF, kHangul},
      {0x3040, 0x30FF, kKana},      {0x3130, 0x318F, kHangul},
      {0x3400, 0x4DBF, kHan},       {0x4E00, 0x9FFF, kHan},
      {0xAC00, 0xD7AF, kHangul},    {0xFB50, 0xFDFF, kArabic},
      {0xFE70, 0xFEFF, kArabic},
  };
  for (const Range& r : kRanges)
    if (cp >= r.first && cp <= r.last) return r.script;
  return kScriptCount;
}

uint32_t decode(std::string_view s, size_t pos, size_t len) {
  auto b = [&](size_t i) { return static_cast<uint32_t>(static_cast<uint8_t>(s[pos + i])); };
  switch (len) {
    case 1:
      return b(0);
    case 2:
      return ((b(0) & 0x1F) << 6) | (b(1) & 0x3F);
    case 3:
      return ((b(0) & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F);
    default:
      return ((b(0) & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) | (b(3) & 0x3F);
  }
}

struct Evidence {
  std::array<size_t, kScriptCount> letters{};
  std::array<size_t, kStopWords.size()> stop_words{};
};

void count_word(std::string_view word, Evidence& ev) {
  if (word.empty() || word.size() > 12) return;
  char lower[16];
  for (size_t i = 0; i < word.size(); ++i) {
    char c = word[i];
    lower[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  const auto& index = stop_word_index();
  auto it = index.find(std::string_view(lower, word.size()));
  if (it == index.end()) return;
  for (size_t i = 0; i < kStopWords.size(); ++i)
    if (it->second & (1u << i)) ++ev.stop_words[i];
}

Evidence gather(std::string_view text) {
  Evidence ev;
  text = text.substr(0, text::utf8_cut_before(text, std::min(text.size(), kLanguageSample)));
  size_t word_start = 0;
  bool in_word = false;
  for (size_t i = 0; i < text.size();) {
    size_t len = text::utf8_sequence_length(text, i);
    uint32_t cp = len == 0 ? 0xFFFD : decode(text, i, len);
    Script script = script_of(cp);
    if (script != kScriptCount) ++ev.letters[script];
    bool letter = script == kLatin || (cp >= 0x0400 && cp <= 0x04FF);
    if (letter && !in_word) word_start = i;
    if (!letter && in_word) count_word(text.substr(word_start, i - word_start), ev);
    in_word = letter;
    i += len == 0 ? 1 : len;
  }
  if (in_word) count_word(text.substr(word_start), ev);
  return ev;
}

// A non-Latin script decides when it holds most letters.
LanguageGuess by_script(const Evidence& ev, size_t total) {
  const auto& l = ev.letters;
  size_t cjk = l[kHan] + l[kKana];
  if (l[kHangul] * 2 > total) return {"ko", double(l[kHangul]) / total};
  // Japanese writes kana between its Han characters; Chinese has none.
  if (cjk * 2 > total) return {l[kKana] * 10 > cjk ? "ja" : "zh", double(cjk) / total};
  size_t cyr = l[kCyrillic] + l[kUkrainian];
  if (cyr * 2 > total) return {l[kUkrainian] * 100 > cyr ? "uk" : "ru", double(cyr) / total};
  static constexpr std::pair<Script, std::string_view> kSingle[] = {
      {kArabic, "ar"}, {kGreek, "el"}, {kHebrew, "he"}, {kThai, "th"}, {kDevanagari, "hi"}};
  for (const auto& [script, code] : kSingle)
    if (l[script] * 2 > total) return {std::string(code), double(l[script]) / total};
  return {};
}

}  // namespace

LanguageGuess detect_language(std::string_view text) {
  Evidence ev = gather(text);
  size_t total = 0;
  for (size_t n : ev.letters) total += n;
  if (total < 4) return {};
  if (ev.letters[kLatin] * 2 <= total) return by_script(ev, total);
  size_t best = 0, hits = 0;
  for (size_t i = 0; i < ev.stop_words.size(); ++i) {
    hits += ev.stop_words[i];
    if (ev.stop_words[i] > ev.stop_words[best]) best = i;
  }
  // Two function words are the least evidence; a tie is no evidence.
  size_t top = ev.stop_words[best];
  size_t ties = std::count(ev.stop_words.begin(), ev.stop_words.end(), top);
  if (top < 2 || ties > 1) return {};
  return {std::string(kStopWords[best].code), double(top) / hits};
}

}  // namespace osprey::analyze
