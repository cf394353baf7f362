// The knowledge base in memory: the entities and relations of kb/, indexed
// by every name (case-insensitively, see names.h) and every identifier, for
// the CLI and for the entity matcher. Immutable once built; lookups are
// const and safe from several threads.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "osprey/kb/entity.h"
#include "osprey/model/result.h"

namespace osprey::kb {

// How a lookup reached an entity.
enum class MatchKind : uint8_t {
  kName,   // the query is the entity's canonical name
  kAlias,  // the query is one of its other names
  kLoose,  // only after ignoring spaces and punctuation ("apt 43" → "APT43")
  kId,     // the query is one of its ids (G0094, a MISP uuid, an ISO code, its own id)
};

std::string_view match_kind_name(MatchKind kind);

struct Match {
  const Entity* entity;
  const Alias* alias;  // the name that matched; nullptr for kId
  MatchKind kind;
};

class KnowledgeBase {
 public:
  // Reads and indexes the folder written by `osprey kb build`. Errors as
  // read_kb() (store.h).
  static Result<KnowledgeBase> load(const std::string& dir);

  explicit KnowledgeBase(KbContents contents);
  KnowledgeBase(KnowledgeBase&&) = default;
  KnowledgeBase& operator=(KnowledgeBase&&) = default;
  KnowledgeBase(const KnowledgeBase&) = delete;
  KnowledgeBase& operator=(const KnowledgeBase&) = delete;

  const Manifest& manifest() const { return contents_.manifest; }
  const std::vector<Entity>& entities() const { return contents_.entities; }
  const std::vector<Relation>& relations() const { return contents_.relations; }

  // Every entity `name` can mean, best first: current entities before
  // deprecated and revoked ones; among those, the entity whose canonical
  // name it is, then those that list it as an alias (more sources first). Falls back to the loose
  // key when the exact key finds nothing, then to the MISP galaxy's values that join a name and
  // an id ("Cobalt Strike - S0154", "142 - Asia": the entry of that name with that ATT&CK or
  // M49 id); entities whose id it is are included. Empty: no match.
  std::vector<Match> lookup(std::string_view name) const;

  // True when `name` is claimed by two or more entities (after following
  // revoked-by redirects, so an old ATT&CK name and its replacement count once).
  bool is_ambiguous(std::string_view name) const;

  // The entity with this id or external id (entity id, ATT&CK id, MISP uuid,
  // Tidal uuid, ISO 3166 alpha-2 or alpha-3 code, CVE id, APT-C id), or nullptr.
  const Entity* find(std::string_view id) const;

  // The entity ATT&CK says replaces `e` (following revoked-by, at most 8
  // steps), or `e` itself when it is current.
  const Entity& current(const Entity& e) const;

  // Relations from and to an entity id.
  std::vector<const Relation*> relations_from(std::string_view id) const;
  std::vector<const Relation*> relations_to(std::string_view id) const;

  size_t count(EntityType type) const;
  size_t name_count() const { return by_name_.size(); }
  size_t ambiguous_name_count() const;

 private:
  struct NameRef {
    uint32_t entity;
    uint32_t alias;
  };
  using NameIndex = std::unordered_map<std::string, std::vector<NameRef>>;
  using RelationIndex = std::unordered_map<std::string, std::vector<uint32_t>>;

  void index();
  std::vector<Match> matches(const NameIndex& index, const std::string& key, bool loose) const;
  size_t distinct_current(const std::vector<NameRef>& refs) const;
  std::vector<const Relation*> relations_in(const RelationIndex& index, std::string_view id) const;

  KbContents contents_;
  NameIndex by_name_;
  NameIndex by_loose_name_;
  std::unordered_map<std::string, uint32_t> by_id_;  // upper-cased ids
  RelationIndex relations_from_, relations_to_;
};

}  // namespace osprey::kb
