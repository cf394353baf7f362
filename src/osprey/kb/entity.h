// The knowledge-base model: one Entity per real-world thing (an actor, a
// malware family, a technique, a country …), its names with the sources that
// give each, its identifiers, and the facts later stages use. Facts only: no
// description text, no references. The type names are a public contract
// (DESIGN.md, "The data model") and appear in the committed files.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace osprey::kb {

enum class EntityType : uint8_t {
  kIntrusionSet,   // threat actors and groups
  kMalware,        // malware families (including ransomware, RATs, exploit kits)
  kTool,           // dual-use and legitimate software used by actors
  kAttackPattern,  // ATT&CK techniques and sub-techniques
  kTactic,         // ATT&CK tactics (techniques list theirs in `tactics`)
  kVulnerability,  // branded vulnerabilities (Heartbleed …) with their CVE ids
  kLocation,       // countries (ISO 3166 alpha-2) and UN M49 regions
  kSector,         // industry sectors
  kOrganization,   // security vendors, intelligence agencies, surveillance vendors
};

inline constexpr EntityType kAllEntityTypes[] = {
    EntityType::kIntrusionSet,  EntityType::kMalware, EntityType::kTool,
    EntityType::kAttackPattern, EntityType::kTactic,  EntityType::kVulnerability,
    EntityType::kLocation,      EntityType::kSector,  EntityType::kOrganization};

// The public name of a type: "intrusion-set", "attack-pattern" …
std::string_view type_name(EntityType type);

// The type with that public name, or nullopt.
std::optional<EntityType> parse_type(std::string_view name);

// Source tags name where a fact comes from: "attack:enterprise",
// "misp:threat-actor", "osprey:demonym" … (kb/README.md lists them all).
using Sources = std::vector<std::string>;  // sorted, unique

// One name of an entity and every source that gives it. The canonical name
// is among the aliases too.
struct Alias {
  std::string name;
  Sources sources;
};

// A sponsor or origin country claimed for an actor or organisation.
struct CountryClaim {
  std::string code;  // ISO 3166 alpha-2
  Sources sources;
};

struct Entity {
  // Stable id "<type>--<uuid>", the uuid taken from upstream (the ATT&CK STIX
  // id when ATT&CK knows the entity, else a MISP cluster uuid), so ids
  // survive rebuilds.
  std::string id;
  EntityType type = EntityType::kIntrusionSet;
  std::string name;            // canonical name
  std::vector<Alias> aliases;  // sorted by name, canonical name included
  // External identifiers by scheme: "attack" (G0094, S0154, T1566.001, TA0001),
  // "misp" (cluster uuids), "iso2", "iso3", "m49", "cve", "apt-c" (360's
  // APT-C-nn), "tidal" (Tidal uuids). Values sorted.
  std::map<std::string, std::vector<std::string>> ids;
  std::vector<CountryClaim> countries;  // sorted by code
  std::vector<std::string> tactics;     // attack-pattern: ATT&CK tactic ids (TA0001)
  std::string parent;                   // sub-technique: the technique's entity id
  std::string revoked_by;               // ATT&CK revoked this in favour of that entity id
  std::string shortname;                // tactic: "initial-access"
  // location: country or region; organization: security-vendor,
  // intelligence-agency, surveillance-vendor; malware and tool: the
  // specialised catalogue listing it (ransomware, rat, banker, botnet,
  // android, stealer, wiper, backdoor, exploit-kit, cryptominer,
  // stalkerware, rmm), when one does.
  std::string category;
  bool deprecated = false;
  Sources sources;  // every source that contributed to the entity
};

// A fact linking two entities: "uses", "similar" (an overlap the sources
// assert, kept apart on purpose), "located-in", "part-of", "targets",
// "variant-of" …
struct Relation {
  std::string from;  // entity id
  std::string predicate;
  std::string to;  // entity id
  Sources sources;
};

// Where a source's data came from, recorded by the builder.
struct SourceInfo {
  std::string name;     // source tag
  std::string file;     // path relative to the source folder
  std::string version;  // upstream version (MISP cluster version, ATT&CK release)
  std::string commit;   // upstream repository commit, when known
  uint64_t records = 0;
};

// Build metadata stored beside the data (kb/manifest.json).
struct Manifest {
  int format = 1;
  std::string built;  // YYYY-MM-DD (see kb/README.md for where it comes from)
  std::vector<SourceInfo> sources;
};

// Everything a knowledge base holds, as written to and read from disk.
struct KbContents {
  Manifest manifest;
  std::vector<Entity> entities;     // sorted by (type, id)
  std::vector<Relation> relations;  // sorted by (from, predicate, to)
};

// Adds `source` to a sorted, unique list.
void add_source(Sources& sources, std::string_view source);

}  // namespace osprey::kb
