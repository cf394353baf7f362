// Story-level findings: what the articles of one story found, merged, with
// how many distinct outlets support each finding. A relation reported by
// five outlets is stronger than one reported once: its confidence is the
// chance that at least one report is right, 1 - Π(1 - cᵢ), over outlets.
#pragma once

#include <string>
#include <vector>

#include "osprey/model/observable.h"

namespace osprey::analyze {

// One article's findings and the outlet it came from.
struct SourcedFindings {
  std::string outlet;
  const Findings* findings = nullptr;
};

struct MergedMention {
  Mention mention;  // the strongest mention; count = occurrences over all articles
  int sources = 0;  // distinct outlets naming it
};

struct MergedRelation {
  Relation relation;  // the strongest evidence; confidence combined over outlets
  int sources = 0;
};

struct MergedObservable {
  Observable observable;
  int sources = 0;
};

struct StoryFindings {
  std::vector<MergedMention> entities;    // most-supported first
  std::vector<MergedRelation> relations;  // most-supported first; negated ones kept apart
  std::vector<MergedObservable> observables;
};

// Merges by entity id, by (subject, predicate, object, negated) and by
// (observable type, value). Copies from the same outlet count once.
StoryFindings merge_story_findings(const std::vector<SourcedFindings>& articles);

}  // namespace osprey::analyze
