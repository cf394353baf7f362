// Relation extraction: who did what to whom with what. Reads the sentences of
// an article around the entity mentions and observables already found in it
// and states, with the evidence sentence, a confidence and its reasons:
//   actor targets sector / country / organisation      actor uses malware / tool / technique
//   actor attributed-to sponsor country / agency       actor or malware exploits CVE
//   indicator indicates actor / malware                actor related-to actor (other names,
//   overlaps)
// Each relation says whether the text negates it ("was not linked to"),
// hedges it ("likely", "assessed with moderate confidence") and who reports it
// ("according to Microsoft"). A pronoun or definite description ("the group",
// "the backdoor") in a sentence without a name refers back to the most recent
// actor or malware. The cue phrases are the table of relation_cues.cpp.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "osprey/kb/knowledge_base.h"
#include "osprey/model/observable.h"
#include "osprey/model/relation.h"

namespace osprey::analyze {

struct RelationOptions {
  double min_confidence = 0.5;            // relations below are dropped
  size_t coreference_reach = 3;           // sentences "the group" may look back
  size_t max_mentions_per_sentence = 48;  // names and observables considered in one sentence
  size_t max_words_per_sentence = 400;    // longer "sentences" (blobs, tables) are cut
  size_t max_relations = 5000;            // per text, strongest first
};

// The relations between `findings.entities` and `findings.observables` of
// `text` (spans must be byte offsets into `text`), one per (subject,
// predicate, object, negated), with the strongest evidence; evidence spans
// are byte offsets into `text`. `kb`, when given, tells security vendors from
// intelligence agencies and raises the confidence of relations it also
// records. Never fails: text that is empty, not UTF-8 or without mentions
// yields no relations. Time is linear in the text and the mentions.
std::vector<Relation> extract_relations(std::string_view text, const Findings& findings,
                                        const kb::KnowledgeBase* kb = nullptr,
                                        const RelationOptions& options = {});

}  // namespace osprey::analyze
