#pragma once

#include <string>
#include <vector>

#include "osprey/model/span.h"

namespace osprey {

// One end of a relation: an entity from the knowledge base or an observable.
struct RelationEnd {
  std::string kind;  // "entity" | "observable"
  std::string type;  // entity type ("intrusion-set", "malware", "location" …) or observable
                     // type ("ipv4", "domain", "sha256", "cve" …)
  std::string id;    // entity id, or the observable's canonical value
  std::string name;  // canonical name (entities) or value (observables)

  friend bool operator==(const RelationEnd&, const RelationEnd&) = default;
};

// subject —predicate→ object, read from one sentence (or two adjacent ones
// when a pronoun such as "the group" refers back).
struct Relation {
  std::string predicate;  // "targets", "uses", "attributed-to", "exploits", "indicates",
                          // "related-to", "originates-from"
  RelationEnd subject;
  RelationEnd object;
  Span evidence;            // the evidence sentence(s), byte offsets into the analysed text
  std::string sentence;     // the evidence text, printable
  double confidence = 0;    // 0..1
  bool negated = false;     // "was not linked to"
  bool hedged = false;      // "likely", "possibly", "assessed with moderate confidence"
  std::string reported_by;  // "Mandiant" in "Mandiant said …"; empty when the text asserts it
  std::vector<std::string> reasons;  // the rule and cues that produced it
};

}  // namespace osprey
