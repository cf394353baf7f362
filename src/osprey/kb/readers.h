// The reader functions the source registry (sources.cpp) points at. Each
// turns one upstream format into SourceRecords and knows nothing of merging.
#pragma once

#include "osprey/kb/sources.h"

namespace osprey::kb {

// Every reader has the ReadFn signature (sources.h):
//   SourceRead read(const nlohmann::json& doc, const SourceSpec& spec, std::string_view file);
using Reader = SourceRead(const nlohmann::json&, const SourceSpec&, std::string_view);

// ATT&CK STIX 2.0/2.1 bundles (attack_reader.cpp).
Reader read_attack_bundle;

// MISP galaxy clusters (misp_reader.cpp).
Reader read_misp_attack_mirror;    // mitre-intrusion-set, mitre-malware, mitre-tool
Reader read_misp_actors;           // threat-actor, microsoft-activity-group
Reader read_misp_360net;           // "海莲花 - APT-C-00"
Reader read_misp_tidal;            // tidal-groups, tidal-software
Reader read_misp_named;            // software and organisations: names, countries, links
Reader read_misp_vulnerabilities;  // branded vulnerabilities and their CVE ids

// MISP galaxy places and sectors (misp_places.cpp).
Reader read_misp_countries;
Reader read_misp_target_information;
Reader read_misp_regions;
Reader read_misp_sectors;

// Osprey's own hand-written tables (tables.cpp): common country names,
// demonyms, capital and seat-of-government metonyms (one reader, the row's
// name says which column); sector and region phrasings.
Reader read_country_table;
Reader read_sector_table;
Reader read_region_table;

// Identity key helpers shared by readers.
inline std::string uuid_key(std::string_view uuid) {
  return "uuid:" + std::string(uuid);
}

}  // namespace osprey::kb
