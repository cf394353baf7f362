#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "osprey/model/mention.h"
#include "osprey/model/relation.h"
#include "osprey/model/span.h"

namespace osprey {

// One indicator found in a text, with all the places it was found.
struct Observable {
  std::string type;                // registry name: "ipv4", "domain", "sha256" …
  std::string value;               // canonical, refanged value
  std::string unicode;             // U-label form, for internationalised domains only
  bool defanged = false;           // at least one occurrence was written defanged
  std::vector<Span> spans;         // first occurrences, at most ExtractOptions::max_spans
  uint64_t count = 0;              // all occurrences, including those beyond spans
  std::string context;             // the sentence of the first occurrence
  std::vector<std::string> flags;  // e.g. "private", "documentation", "port"
  std::string benign;              // why the value is almost surely benign; empty if not
  std::string rule;                // which registry rule found it (for --explain)
};

// Everything found in one input.
struct Findings {
  std::string source;  // file path, "-" for stdin, or URL
  uint64_t bytes = 0;  // bytes analysed
  std::vector<Observable> observables;
  std::vector<Mention> entities;    // empty when no knowledge base was used
  std::vector<Relation> relations;  // between entities and observables; empty without a KB
};

}  // namespace osprey
