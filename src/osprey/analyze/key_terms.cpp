#include "osprey/analyze/key_terms.h"

#include <algorithm>
#include <unordered_set>

#include "osprey/analyze/hashing.h"
#include "osprey/analyze/shingles.h"

namespace osprey::analyze {
namespace {

// Function words, and words every news item uses whatever it is about.
const std::unordered_set<std::string_view>& stop_words() {
  static const std::unordered_set<std::string_view> words = {
      "the",       "and",       "for",       "not",       "but",       "can",      "could",
      "would",     "should",    "will",      "may",       "might",     "must",     "shall",
      "which",     "who",       "whom",      "whose",     "what",      "when",     "where",
      "why",       "how",       "than",      "then",      "there",     "here",     "such",
      "only",      "just",      "even",      "still",     "now",       "all",      "any",
      "each",      "both",      "few",       "own",       "same",      "very",     "out",
      "off",       "per",       "via",       "our",       "your",      "his",      "her",
      "him",       "she",       "you",       "its",       "their",     "them",     "they",
      "this",      "that",      "these",     "those",     "with",      "from",     "have",
      "has",       "had",       "been",      "being",     "were",      "was",      "are",
      "does",      "did",       "done",      "too",       "because",   "since",    "until",
      "while",     "like",      "into",      "about",     "against",   "through",  "over",
      "under",     "between",   "after",     "before",    "during",    "also",     "more",
      "most",      "many",      "some",      "other",     "others",    "another",  "said",
      "says",      "say",       "saying",    "according", "told",      "tells",    "report",
      "reported",  "reports",   "reporting", "new",       "news",      "week",     "weeks",
      "today",     "yesterday", "monday",    "tuesday",   "wednesday", "thursday", "friday",
      "saturday",  "sunday",    "year",      "years",     "month",     "months",   "day",
      "days",      "time",      "one",       "two",       "three",     "first",    "last",
      "including", "include",   "includes",  "use",       "used",      "using",    "make",
      "made",      "way",       "well",      "yet",       "however",   "whether",  "across",
      "among",     "within",    "without",   "further",   "again",     "once",     "both",
      "least",     "several",   "number",    "part",      "based",     "known",    "called",
      "week's",    "read",      "more",      "posts",     "related",   "latest",   "stories",
      "story",     "update",    "updated",   "click",     "here",      "get",      "got",
      "take",      "takes",     "took",      "see",       "seen",      "set",      "put",
      "week",      "earlier",   "later",     "recent",    "recently",  "people",   "around",
  };
  return words;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool is_number(std::string_view word) {
  return std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool contains(const std::vector<std::string>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

}  // namespace

uint64_t term_hash(std::string_view key) {
  return hash_bytes(key, 0x7465726d00000000ull);
}

std::string salient_stem(std::string_view word) {
  if (word.size() < 3 || is_number(word) || stop_words().count(word)) return "";
  std::string s(word);
  if (s.size() > 4 && ends_with(s, "ies")) {
    s.replace(s.size() - 3, 3, "y");
  } else if (s.size() > 5 && ends_with(s, "ing")) {
    s.resize(s.size() - 3);
  } else if (s.size() > 4 && ends_with(s, "ed")) {
    s.resize(s.size() - 2);
  } else if (s.size() > 3 && ends_with(s, "s") && !ends_with(s, "ss") && !ends_with(s, "us") &&
             !ends_with(s, "is")) {
    s.resize(s.size() - 1);
  }
  if (s.size() > 4 && s.back() == 'e') s.pop_back();
  return s;
}

std::vector<KeyTerm> key_terms(const Article& article, const Findings& findings,
                               const KeyTermOptions& options) {
  std::vector<KeyTerm> out;
  std::unordered_set<std::string> seen;
  auto add = [&](std::string key, TermKind kind, bool in_title) {
    if (seen.insert(key).second) out.push_back(KeyTerm{std::move(key), kind, in_title});
  };
  size_t entities = 0;
  std::unordered_set<std::string> name_words;  // words of entity names, counted as entities only
  for (const Mention& m : findings.entities) {
    if (entities >= options.max_entities) break;
    if (m.id.empty() || m.confidence < options.min_confidence) continue;
    for_each_word(m.alias, [&](std::string_view w) { name_words.emplace(w); });
    bool strong = contains(options.strong_entity_types, m.type);
    add("e:" + m.id, strong ? TermKind::kStrongEntity : TermKind::kEntity, false);
    ++entities;
  }
  size_t indicators = 0;
  for (const Observable& o : findings.observables) {
    if (indicators >= options.max_indicators) break;
    if (!o.benign.empty() || !contains(options.indicator_types, o.type)) continue;
    add("i:" + o.type + ":" + o.value, TermKind::kIndicator, false);
    ++indicators;
  }
  size_t words = 0;
  auto add_words = [&](std::string_view text, bool in_title, size_t limit) {
    size_t read = 0;
    for_each_word(text, [&](std::string_view word) {
      if (read++ >= limit || words >= options.max_words) return;
      if (name_words.count(std::string(word))) return;
      std::string stem = salient_stem(word);
      if (stem.empty()) return;
      size_t before = out.size();
      add("w:" + stem, TermKind::kWord, in_title);
      words += out.size() - before;
    });
  };
  add_words(article.title, true, SIZE_MAX);
  add_words(article.text, false, options.lead_words);
  return out;
}

}  // namespace osprey::analyze
