#include "osprey/kb/knowledge_base.h"

#include <algorithm>
#include <optional>
#include <set>
#include <tuple>

#include "osprey/kb/names.h"
#include "osprey/kb/store.h"

namespace osprey::kb {
namespace {

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

// 0 for a current entity, 1 deprecated, 2 revoked.
int retirement(const Entity& e) {
  return !e.revoked_by.empty() ? 2 : e.deprecated ? 1 : 0;
}

// Best first: current before deprecated before revoked (a revoked ATT&CK
// name points at its replacement, which should lead); then canonical name,
// alias, loose, id; more sources for the matched name first; then by type
// and id.
bool better(const Match& a, const Match& b) {
  int a_retired = retirement(*a.entity), b_retired = retirement(*b.entity);
  size_t a_sources = a.alias ? a.alias->sources.size() : 0;
  size_t b_sources = b.alias ? b.alias->sources.size() : 0;
  return std::tie(a_retired, a.kind, b_sources, a.entity->type, a.entity->id) <
         std::tie(b_retired, b.kind, a_sources, b.entity->type, b.entity->id);
}

bool digits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The MISP galaxy writes MITRE's entries as "Cobalt Strike - S0154" and UN
// M49 regions as "142 - Asia": a name and an id joined by " - ". Splits such
// a value into {name, id}, or returns nullopt.
std::optional<std::pair<std::string_view, std::string_view>> galaxy_value(std::string_view value) {
  size_t dash = value.find(" - ");
  if (dash == std::string_view::npos || dash == 0) return std::nullopt;
  std::string_view head = value.substr(0, dash);
  if (head.size() == 3 && digits(head)) return std::pair{value.substr(dash + 3), head};
  dash = value.rfind(" - ");
  std::string_view id = value.substr(dash + 3);
  bool attack_id =
      id.size() == 5 && (id[0] == 'S' || id[0] == 'G' || id[0] == 'C') && digits(id.substr(1));
  if (!attack_id) return std::nullopt;
  return std::pair{value.substr(0, dash), id};
}

}  // namespace

std::string_view match_kind_name(MatchKind kind) {
  switch (kind) {
    case MatchKind::kName:
      return "name";
    case MatchKind::kAlias:
      return "alias";
    case MatchKind::kLoose:
      return "loose";
    case MatchKind::kId:
      return "id";
  }
  return "";
}

Result<KnowledgeBase> KnowledgeBase::load(const std::string& dir) {
  auto contents = read_kb(dir);
  if (!contents.ok()) return contents.error();
  return KnowledgeBase(std::move(contents).value());
}

KnowledgeBase::KnowledgeBase(KbContents contents) : contents_(std::move(contents)) {
  index();
}

void KnowledgeBase::index() {
  const auto& entities = contents_.entities;
  by_name_.reserve(entities.size() * 6);
  by_loose_name_.reserve(entities.size() * 6);
  for (uint32_t e = 0; e < entities.size(); ++e) {
    const Entity& entity = entities[e];
    for (uint32_t a = 0; a < entity.aliases.size(); ++a) {
      const std::string& name = entity.aliases[a].name;
      by_name_[name_key(name)].push_back({e, a});
      by_loose_name_[loose_key(name)].push_back({e, a});
    }
    by_id_.emplace(upper(entity.id), e);
    for (const auto& [scheme, values] : entity.ids)
      for (const std::string& value : values) by_id_.emplace(upper(value), e);
  }
  for (uint32_t r = 0; r < contents_.relations.size(); ++r) {
    relations_from_[contents_.relations[r].from].push_back(r);
    relations_to_[contents_.relations[r].to].push_back(r);
  }
}

std::vector<Match> KnowledgeBase::matches(const NameIndex& index, const std::string& key,
                                          bool loose) const {
  std::vector<Match> out;
  auto it = index.find(key);
  if (it == index.end()) return out;
  for (const NameRef& ref : it->second) {
    const Entity& e = contents_.entities[ref.entity];
    const Alias& alias = e.aliases[ref.alias];
    if (std::any_of(out.begin(), out.end(), [&e](const Match& m) { return m.entity == &e; }))
      continue;  // two spellings of one name ("Thallium", "THALLIUM") on one entity
    MatchKind kind =
        loose ? MatchKind::kLoose
              : (name_key(alias.name) == name_key(e.name) ? MatchKind::kName : MatchKind::kAlias);
    out.push_back({&e, &alias, kind});
  }
  return out;
}

std::vector<Match> KnowledgeBase::lookup(std::string_view name) const {
  std::vector<Match> out = matches(by_name_, name_key(name), false);
  if (out.empty()) out = matches(by_loose_name_, loose_key(name), true);
  if (out.empty()) {
    // "Cobalt Strike - S0154", "142 - Asia": the entry with that id, when it bears the name.
    if (auto value = galaxy_value(name))
      for (const Match& m : lookup(value->first))
        if (find(value->second) == m.entity) out.push_back({m.entity, m.alias, MatchKind::kAlias});
  }
  if (const Entity* e = find(name)) {
    if (std::none_of(out.begin(), out.end(), [e](const Match& m) { return m.entity == e; }))
      out.push_back({e, nullptr, MatchKind::kId});
  }
  std::sort(out.begin(), out.end(), better);
  return out;
}

size_t KnowledgeBase::distinct_current(const std::vector<NameRef>& refs) const {
  std::set<const Entity*> seen;
  for (const NameRef& ref : refs) seen.insert(&current(contents_.entities[ref.entity]));
  return seen.size();
}

bool KnowledgeBase::is_ambiguous(std::string_view name) const {
  auto it = by_name_.find(name_key(name));
  return it != by_name_.end() && distinct_current(it->second) > 1;
}

const Entity* KnowledgeBase::find(std::string_view id) const {
  auto it = by_id_.find(upper(id));
  return it == by_id_.end() ? nullptr : &contents_.entities[it->second];
}

const Entity& KnowledgeBase::current(const Entity& e) const {
  const Entity* at = &e;
  for (int step = 0; step < 8 && !at->revoked_by.empty(); ++step) {
    const Entity* next = find(at->revoked_by);
    if (!next || next == at) break;
    at = next;
  }
  return *at;
}

std::vector<const Relation*> KnowledgeBase::relations_in(const RelationIndex& index,
                                                         std::string_view id) const {
  std::vector<const Relation*> out;
  auto it = index.find(std::string(id));
  if (it != index.end())
    for (uint32_t r : it->second) out.push_back(&contents_.relations[r]);
  return out;
}

std::vector<const Relation*> KnowledgeBase::relations_from(std::string_view id) const {
  return relations_in(relations_from_, id);
}

std::vector<const Relation*> KnowledgeBase::relations_to(std::string_view id) const {
  return relations_in(relations_to_, id);
}

size_t KnowledgeBase::count(EntityType type) const {
  return static_cast<size_t>(std::count_if(contents_.entities.begin(), contents_.entities.end(),
                                           [type](const Entity& e) { return e.type == type; }));
}

size_t KnowledgeBase::ambiguous_name_count() const {
  size_t n = 0;
  for (const auto& [key, refs] : by_name_) n += distinct_current(refs) > 1;
  return n;
}

}  // namespace osprey::kb
