#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "osprey/model/span.h"

namespace osprey {

// A knowledge-base entity named in a text, with every place it is named.
struct Mention {
  std::string type;       // "intrusion-set", "malware", "tool", "attack-pattern", "location",
                          // "sector", "organization", "vulnerability"
  std::string id;         // the knowledge base's stable entity id
  std::string name;       // canonical name
  std::string alias;      // the name as first written in the text
  std::string role;       // location: sponsor | victim | location; organization: reporter | victim
  double confidence = 0;  // 0..1
  std::vector<std::string> reasons;  // why it was recognised, and why this confidence
  std::vector<Span> spans;           // first occurrences
  uint64_t count = 0;                // all occurrences
};

}  // namespace osprey
