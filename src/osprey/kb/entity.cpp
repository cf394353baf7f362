#include "osprey/kb/entity.h"

#include <algorithm>

namespace osprey::kb {
namespace {

struct TypeRow {
  EntityType type;
  std::string_view name;
};

constexpr TypeRow kTypeNames[] = {
    {EntityType::kIntrusionSet, "intrusion-set"},
    {EntityType::kMalware, "malware"},
    {EntityType::kTool, "tool"},
    {EntityType::kAttackPattern, "attack-pattern"},
    {EntityType::kTactic, "tactic"},
    {EntityType::kVulnerability, "vulnerability"},
    {EntityType::kLocation, "location"},
    {EntityType::kSector, "sector"},
    {EntityType::kOrganization, "organization"},
};

}  // namespace

std::string_view type_name(EntityType type) {
  for (const TypeRow& row : kTypeNames)
    if (row.type == type) return row.name;
  return "unknown";
}

std::optional<EntityType> parse_type(std::string_view name) {
  for (const TypeRow& row : kTypeNames)
    if (row.name == name) return row.type;
  return std::nullopt;
}

void add_source(Sources& sources, std::string_view source) {
  auto it = std::lower_bound(sources.begin(), sources.end(), source);
  if (it == sources.end() || *it != source) sources.insert(it, std::string(source));
}

}  // namespace osprey::kb
