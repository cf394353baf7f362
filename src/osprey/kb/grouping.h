// The two halves of merge_records(): grouping records into entities
// (merge.cpp, the rules in merge.h) and assembling each group's facts into
// an Entity and the links into Relations (assemble.cpp).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "osprey/kb/merge.h"

namespace osprey::kb {

struct Grouping {
  // Each entity's records, in registry order (rank, then reading order).
  std::vector<std::vector<size_t>> groups;
  // Identity key → the records that carry it.
  std::map<std::string, std::vector<size_t>> keys;
};

Grouping group_records(const std::vector<SourceRecord>& records, MergeReport& report);

KbContents assemble(const std::vector<SourceRecord>& records, const Grouping& grouping,
                    MergeReport& report);

}  // namespace osprey::kb
