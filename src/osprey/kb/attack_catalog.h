// The enterprise ATT&CK matrix as the web UI draws it: every current
// enterprise technique and sub-technique with its ATT&CK id, its tactics by
// shortname and its parent, read from the knowledge base's entities.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "osprey/kb/knowledge_base.h"

namespace osprey::kb {

struct AttackTechnique {
  std::string attack_id;             // "T1566.001"
  std::string entity_id;             // "attack-pattern--…", the knowledge base's id
  std::string name;                  // "Spearphishing Attachment"
  std::vector<std::string> tactics;  // enterprise tactic shortnames: "initial-access"
  std::string parent;                // the parent technique's ATT&CK id; empty for a technique
};

// The techniques the source "attack:enterprise" gives, leaving out deprecated
// and revoked ones (the matcher never reports those), sorted by ATT&CK id.
// Tactics keep the knowledge base's order; a tactic id the knowledge base
// does not know as an enterprise tactic is dropped. A technique without an
// ATT&CK id is left out.
std::vector<AttackTechnique> enterprise_techniques(const KnowledgeBase& base);

// [{"id", "name", "tactics", "parent" (null for a technique), "entity"}]
nlohmann::json to_json(const std::vector<AttackTechnique>& techniques);

}  // namespace osprey::kb
