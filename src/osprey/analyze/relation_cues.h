// The words that say how two things named in a sentence are related: one
// declarative table of cue phrases (the predicate they signal, in which
// direction, how strongly), of negations, hedges and reporting phrases, and a
// few word classes. Adding a cue is adding a row; the engine (relations.cpp)
// only loops over what this file finds.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "osprey/analyze/relation_tokens.h"

namespace osprey::analyze {

enum class CueKind : uint8_t {
  kPredicate,      // signals a relation: "targeted" (targets), "deployed" (uses) …
  kNegation,       // negates what follows it in its clause: "not", "no evidence that"
  kNegationAfter,  // negates its whole clause wherever it stands: "was ruled out"
  kNotNegation,    // looks like a negation and is none: "not only"
  kHedge,          // "likely", "may have", "suspected"
  kCertain,        // cancels an analytic hedge ("assessed") in its clause: "high confidence"
  kReportVerb,     // after a source: "Mandiant said", "ESET researchers found"
  kReportBefore,   // before a source: "according to Microsoft"
  kClauseBreak,    // ends a clause: "but", "while", ";"
};

// Where the subject stands with respect to a predicate cue.
enum class Voice : uint8_t {
  kActive,   // subject, cue, object: "APT41 deployed ShadowPad"
  kPassive,  // object, cue, subject: "ShadowPad was deployed by APT41"
};

struct RelationCue {
  std::string_view phrase;  // words as written in news; matched word by word, any case
  CueKind kind;
  std::string_view predicate = {};  // kPredicate: "targets", "uses", "attributed-to",
                                    // "exploits", "indicates", "related-to"
  Voice voice = Voice::kActive;
  double weight = 1.0;     // kPredicate: how surely it signals the predicate, 0..1;
                           // kHedge: 1 = always a hedge, 0.5 = analytic ("assessed"),
                           // cancelled by kCertain
  bool lowercase = false;  // only as written in lower case ("may", not the month "May")
};

// One cue found in a sentence: words [first, last) of the sentence.
struct CueHit {
  const RelationCue* cue;
  size_t first;
  size_t last;
};

// Every cue of the table in the sentence, in word order (overlapping cues
// are all reported). Linear in the number of words.
std::vector<CueHit> find_cues(const SentenceTokens& words);

// Classes of single words the rules look at.
enum class WordClass : uint8_t {
  kActorNoun,      // "group", "actor", "gang": heads of "the group" and "North Korean hackers"
  kMalwareNoun,    // "malware", "backdoor", "implant": heads of "the backdoor"
  kDeterminer,     // "the", "this": start of a definite description
  kActorPronoun,   // "they"
  kSponsorAfter,   // after a country, makes it a sponsor: "Chinese state-sponsored", "-nexus"
  kVictimAfter,    // after a country, makes it a victim: "US-based", "German ministries"
  kCountryFiller,  // skipped between a country and the words above: "-", "government"
};

bool is_word(WordClass word_class, std::string_view lower);

}  // namespace osprey::analyze
