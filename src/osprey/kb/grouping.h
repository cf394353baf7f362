// The two halves of merge_records(): grouping records into entities
// (merge.cpp, the rules in merge.h) and assembling each group's facts into
// an Entity and the links into Relations (assemble.cpp).
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "osprey/kb/merge.h"

namespace osprey::kb {

struct Grouping {
  // Each entity's records, in registry order (rank, then reading order).
  std::vector<std::vector<size_t>> groups;
  // Identity key → the records that carry it.
  std::map<std::string, std::vector<size_t>> keys;
};

// Two specialised catalogues that list one program under different types:
// MISP's RAT list includes commercial remote-administration products
// (AnyDesk, TeamViewer) that the RMM list catalogues as tools. Entries of
// both with one name are one program, of the type and category the second
// gives (unless ATT&CK types it).
struct CatalogueOverlap {
  std::string_view listed_as;  // category of the catalogue that also lists it
  std::string_view known_as;   // category of the catalogue that says what it is
  EntityType type;             // what it is
};

// The overlap whose two categories are exactly `categories`, or nullptr.
const CatalogueOverlap* catalogue_overlap(const std::set<std::string>& categories);

Grouping group_records(const std::vector<SourceRecord>& records, MergeReport& report);

KbContents assemble(const std::vector<SourceRecord>& records, const Grouping& grouping,
                    MergeReport& report);

}  // namespace osprey::kb
