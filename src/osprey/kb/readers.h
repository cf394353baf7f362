// The reader functions the source registry (sources.cpp) points at. Each
// turns one upstream format into SourceRecords and knows nothing of merging.
#pragma once

#include "osprey/kb/sources.h"

namespace osprey::kb {

// ATT&CK STIX 2.0/2.1 bundles (attack_reader.cpp).
SourceRead read_attack_bundle(const nlohmann::json& doc, const SourceSpec& spec,
                              std::string_view file);

// MISP galaxy clusters (misp_reader.cpp).
SourceRead read_misp_attack_mirror(const nlohmann::json& doc, const SourceSpec& spec,
                                   std::string_view file);  // mitre-intrusion-set/-malware/-tool
SourceRead read_misp_actors(const nlohmann::json& doc, const SourceSpec& spec,
                            std::string_view file);  // threat-actor, microsoft-activity-group
SourceRead read_misp_360net(const nlohmann::json& doc, const SourceSpec& spec,
                            std::string_view file);
SourceRead read_misp_tidal(const nlohmann::json& doc, const SourceSpec& spec,
                           std::string_view file);  // tidal-groups, tidal-software
SourceRead read_misp_named(const nlohmann::json& doc, const SourceSpec& spec,
                           std::string_view file);  // software, organisations: names + links
SourceRead read_misp_vulnerabilities(const nlohmann::json& doc, const SourceSpec& spec,
                                     std::string_view file);

// MISP galaxy places and sectors (misp_places.cpp).
SourceRead read_misp_countries(const nlohmann::json& doc, const SourceSpec& spec,
                               std::string_view file);
SourceRead read_misp_target_information(const nlohmann::json& doc, const SourceSpec& spec,
                                        std::string_view file);
SourceRead read_misp_regions(const nlohmann::json& doc, const SourceSpec& spec,
                             std::string_view file);
SourceRead read_misp_sectors(const nlohmann::json& doc, const SourceSpec& spec,
                             std::string_view file);

// Osprey's own hand-written tables (tables.cpp): country demonyms, capital
// and seat-of-government metonyms, common country names; sector and region
// synonyms.
SourceRead read_country_table(const nlohmann::json& doc, const SourceSpec& spec,
                              std::string_view file);
SourceRead read_sector_table(const nlohmann::json& doc, const SourceSpec& spec,
                             std::string_view file);
SourceRead read_region_table(const nlohmann::json& doc, const SourceSpec& spec,
                             std::string_view file);

// Identity key helpers shared by readers.
inline std::string uuid_key(std::string_view uuid) { return "uuid:" + std::string(uuid); }

}  // namespace osprey::kb
