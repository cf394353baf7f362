// An entity's external identifiers, looked up in the knowledge base when one
// is given: what STIX external_references, MISP galaxies and Navigator
// technique ids are made of.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "osprey/kb/knowledge_base.h"

namespace osprey::exporting {

struct EntityRefs {
  const kb::Entity* entity = nullptr;  // nullptr when there is no KB or it lacks the id
  std::string attack;                  // "G0016", "S0154", "T1566.001"; empty if none
  std::string attack_url;              // https://attack.mitre.org/… for `attack`
  std::vector<std::string> misp;       // MISP galaxy cluster uuids
  std::string iso2;                    // location: ISO 3166 alpha-2
  std::vector<std::string> cve;        // vulnerability: CVE ids
  std::vector<std::string> sponsors;   // ISO alpha-2 codes of claimed sponsor countries
  std::vector<std::string> tactics;    // attack-pattern: tactic short names ("initial-access")
  std::string category;                // kb category (country/region, vendor, ransomware …)
};

// The external ids of `entity_id` (an entity id or any id the KB resolves).
EntityRefs entity_refs(std::string_view entity_id, const kb::KnowledgeBase* kb);

// https://attack.mitre.org/{groups|software|techniques|tactics}/… for an ATT&CK id.
std::string attack_url(std::string_view attack_id);

}  // namespace osprey::exporting
