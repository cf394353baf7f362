// The terms that say what an article is about, for finding and scoring the
// stories it may belong to: the entities and strong indicators found in it,
// and the salient words of its title and lead.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "osprey/model/article.h"
#include "osprey/model/observable.h"

namespace osprey::analyze {

enum class TermKind : uint8_t {
  kWord = 0,          // "w:<stem>": a salient word of the title or lead
  kEntity = 1,        // "e:<id>": a place, sector, organisation or technique (weak evidence)
  kStrongEntity = 2,  // "e:<id>": an actor, malware, tool or vulnerability
  kIndicator = 3,     // "i:<type>:<value>": a CVE id, hash, address … not marked benign
};

// Strong terms (actors, malware, tools, vulnerabilities, indicators) are
// evidence of shared names; the others describe content.
inline bool is_strong(TermKind kind) {
  return kind == TermKind::kStrongEntity || kind == TermKind::kIndicator;
}

struct KeyTerm {
  std::string key;
  TermKind kind = TermKind::kWord;
  bool in_title = false;  // words only: the word is in the title

  bool operator==(const KeyTerm&) const = default;
};

struct KeyTermOptions {
  size_t lead_words = 80;       // words of the text, after the title, that count as the lead
  size_t max_words = 64;        // distinct salient words kept (title first, then lead)
  size_t max_entities = 32;     // entity terms kept, in order of first mention
  size_t max_indicators = 32;   // indicator terms kept, in order of first appearance
  double min_confidence = 0.5;  // mentions below this confidence are ignored
  std::vector<std::string> strong_entity_types = {"intrusion-set", "malware", "tool",
                                                  "vulnerability"};
  std::vector<std::string> indicator_types = {"cve",  "md5",  "sha1",   "sha256", "sha512",
                                              "ipv4", "ipv6", "domain", "url",    "btc",
                                              "eth",  "xmr",  "email"};
};

// The key terms of an article: entity terms, indicator terms, then words,
// each key at most once. Words of an entity's name as written are left out
// of the words: a shared name is scored once, as an entity, never also as
// shared content.
std::vector<KeyTerm> key_terms(const Article& article, const Findings& findings,
                               const KeyTermOptions& options = {});

// The stable 64-bit hash of a term key: the order of story profiles and the
// key of the term postings (the store may persist it).
uint64_t term_hash(std::string_view key);

// A word reduced for comparison across outlets: "" for stop words, numbers
// and words under three bytes; otherwise a light stem ("sanctions" →
// "sanction", "seized" → "seiz").
std::string salient_stem(std::string_view lowercase_word);

}  // namespace osprey::analyze
