#include "osprey/export/entity_refs.h"

namespace osprey::exporting {
namespace {

const std::vector<std::string>* ids_of(const kb::Entity& e, const std::string& scheme) {
  auto it = e.ids.find(scheme);
  return it == e.ids.end() ? nullptr : &it->second;
}

std::string first_id(const kb::Entity& e, const std::string& scheme) {
  const std::vector<std::string>* ids = ids_of(e, scheme);
  return ids && !ids->empty() ? ids->front() : std::string();
}

}  // namespace

std::string attack_url(std::string_view id) {
  std::string url = "https://attack.mitre.org/";
  if (id.starts_with("TA"))
    url.append("tactics/");
  else if (id.starts_with("T"))
    url.append("techniques/");
  else if (id.starts_with("G"))
    url.append("groups/");
  else if (id.starts_with("S"))
    url.append("software/");
  else
    return {};
  for (char c : id) url.push_back(c == '.' ? '/' : c);  // T1566.001 → T1566/001
  url.push_back('/');
  return url;
}

EntityRefs entity_refs(std::string_view entity_id, const kb::KnowledgeBase* kb) {
  EntityRefs refs;
  if (!kb || entity_id.empty()) return refs;
  const kb::Entity* e = kb->find(entity_id);
  if (!e) return refs;
  refs.entity = e;
  refs.attack = first_id(*e, "attack");
  if (!refs.attack.empty()) refs.attack_url = attack_url(refs.attack);
  if (const auto* misp = ids_of(*e, "misp")) refs.misp = *misp;
  refs.iso2 = first_id(*e, "iso2");
  if (const auto* cve = ids_of(*e, "cve")) refs.cve = *cve;
  for (const kb::CountryClaim& claim : e->countries) refs.sponsors.push_back(claim.code);
  for (const std::string& tactic : e->tactics) {
    const kb::Entity* t = kb->find(tactic);
    if (t && !t->shortname.empty()) refs.tactics.push_back(t->shortname);
  }
  refs.category = e->category;
  return refs;
}

}  // namespace osprey::exporting
