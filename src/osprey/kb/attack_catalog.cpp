#include "osprey/kb/attack_catalog.h"

#include <algorithm>

namespace osprey::kb {
namespace {

constexpr std::string_view kEnterprise = "attack:enterprise";

bool from_enterprise(const Entity& e) {
  return std::binary_search(e.sources.begin(), e.sources.end(), kEnterprise);
}

// The entity's first ATT&CK id ("T1566", "TA0001"), or empty.
std::string attack_id_of(const Entity& e) {
  auto it = e.ids.find("attack");
  return it == e.ids.end() || it->second.empty() ? std::string() : it->second.front();
}

std::vector<std::string> tactic_shortnames(const KnowledgeBase& base, const Entity& technique) {
  std::vector<std::string> names;
  for (const std::string& id : technique.tactics) {
    const Entity* tactic = base.find(id);
    if (!tactic || tactic->type != EntityType::kTactic || !from_enterprise(*tactic) ||
        tactic->shortname.empty())
      continue;
    if (std::find(names.begin(), names.end(), tactic->shortname) == names.end())
      names.push_back(tactic->shortname);
  }
  return names;
}

}  // namespace

std::vector<AttackTechnique> enterprise_techniques(const KnowledgeBase& base) {
  std::vector<AttackTechnique> out;
  for (const Entity& e : base.entities()) {
    if (e.type != EntityType::kAttackPattern || e.deprecated || !e.revoked_by.empty() ||
        !from_enterprise(e))
      continue;
    AttackTechnique t{attack_id_of(e), e.id, e.name, tactic_shortnames(base, e), {}};
    if (t.attack_id.empty()) continue;
    if (const Entity* parent = e.parent.empty() ? nullptr : base.find(e.parent))
      t.parent = attack_id_of(*parent);
    out.push_back(std::move(t));
  }
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return a.attack_id < b.attack_id; });
  return out;
}

nlohmann::json to_json(const std::vector<AttackTechnique>& techniques) {
  nlohmann::json all = nlohmann::json::array();
  for (const AttackTechnique& t : techniques) {
    all.push_back(
        {{"id", t.attack_id},
         {"name", t.name},
         {"tactics", t.tactics},
         {"parent", t.parent.empty() ? nlohmann::json(nullptr) : nlohmann::json(t.parent)},
         {"entity", t.entity_id}});
  }
  return all;
}

}  // namespace osprey::kb
