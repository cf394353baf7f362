// What a source reader produces: one SourceRecord per upstream entry (a MISP
// cluster value, an ATT&CK object, a row of a hand-written table), exactly as
// that source describes it. The merger (merge.h) then decides which records
// are the same entity; readers never merge.
#pragma once

#include <string>
#include <vector>

#include "osprey/kb/entity.h"

namespace osprey::kb {

// Which records may ever be merged with each other: an actor never merges
// with a malware family, whatever their names.
enum class Family : uint8_t {
  kActor,
  kSoftware,  // malware and tools
  kTechnique,
  kTactic,
  kVulnerability,
  kLocation,
  kSector,
  kOrganization,
};

Family family_of(EntityType type);

// A link the source asserts from this record to another, by identity key.
struct SourceLink {
  std::string predicate;  // "similar", "uses", "used-by", "located-in", "part-of" …
  std::string target;     // identity key of the target ("uuid:…", "m49:142")
};

struct SourceRecord {
  std::string source;        // source tag, e.g. "misp:threat-actor"
  int rank = 0;              // the source's place in the registry: lower speaks first
  bool renames = false;      // SourceSpec::renames of its source
  bool naming_list = false;  // SourceSpec::naming_list of its source
  bool typed = true;         // SourceSpec::typed of its source
  EntityType type = EntityType::kIntrusionSet;
  std::string uuid;  // upstream uuid (for ATT&CK the part after "--"); empty for tables
  // Names the source gives the record as its own ("Kimsuky" from
  // "Kimsuky - G0094"); the first is its display name. Merging compares these.
  std::vector<std::string> primary_names;
  std::vector<std::string> synonyms;  // further names the source lists
  // Keys that identify the record across sources: "uuid:<uuid>",
  // "attack:G0094", "iso2:KP", "m49:142", "sector:<name key>". Records
  // sharing a key are one entity.
  std::vector<std::string> identity;
  std::map<std::string, std::vector<std::string>> ids;  // as in Entity::ids
  std::vector<std::string> countries;  // ISO2 codes or country names, resolved by the merger
  std::vector<std::string> tactics;    // ATT&CK tactic ids
  std::string parent;                  // identity key of the parent technique
  std::string revoked_by;              // identity key of the replacement
  std::string shortname;
  std::string category;
  bool deprecated = false;
  bool revoked = false;
  bool authoritative = false;  // an ATT&CK object: at most one per entity
  std::vector<SourceLink> links;
};

}  // namespace osprey::kb
