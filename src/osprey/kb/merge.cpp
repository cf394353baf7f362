#include "osprey/kb/merge.h"

#include <cryptopp/sha.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "osprey/kb/grouping.h"
#include "osprey/kb/names.h"
#include "osprey/kb/source_input.h"

namespace osprey::kb {

Family family_of(EntityType type) {
  switch (type) {
    case EntityType::kIntrusionSet:
      return Family::kActor;
    case EntityType::kMalware:
    case EntityType::kTool:
      return Family::kSoftware;
    case EntityType::kAttackPattern:
      return Family::kTechnique;
    case EntityType::kTactic:
      return Family::kTactic;
    case EntityType::kVulnerability:
      return Family::kVulnerability;
    case EntityType::kLocation:
      return Family::kLocation;
    case EntityType::kSector:
      return Family::kSector;
    case EntityType::kOrganization:
      return Family::kOrganization;
  }
  return Family::kOrganization;
}

std::string osprey_uuid(std::string_view name) {
  // RFC 4122 version 5: SHA-1 of namespace bytes + name, version and variant bits set.
  static const uint8_t kNamespace[16] = {0x93, 0x97, 0x94, 0x8d, 0xf3, 0x6b, 0x4e, 0x72,
                                         0xa1, 0x62, 0x1c, 0x86, 0xd4, 0xbf, 0xda, 0x65};
  CryptoPP::SHA1 sha;
  sha.Update(kNamespace, sizeof kNamespace);
  sha.Update(reinterpret_cast<const uint8_t*>(name.data()), name.size());
  uint8_t digest[CryptoPP::SHA1::DIGESTSIZE];
  sha.Final(digest);
  digest[6] = static_cast<uint8_t>((digest[6] & 0x0F) | 0x50);
  digest[8] = static_cast<uint8_t>((digest[8] & 0x3F) | 0x80);
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(kHex[digest[i] >> 4]);
    out.push_back(kHex[digest[i] & 0x0F]);
  }
  return out;
}

const CatalogueOverlap* catalogue_overlap(const std::set<std::string>& categories) {
  static constexpr CatalogueOverlap kOverlaps[] = {{"rat", "rmm", EntityType::kTool}};
  for (const CatalogueOverlap& o : kOverlaps)
    if (categories.size() == 2 && categories.count(std::string(o.listed_as)) &&
        categories.count(std::string(o.known_as)))
      return &o;
  return nullptr;
}

namespace {

constexpr size_t kNone = static_cast<size_t>(-1);

// Union-find over record indices that knows each group's members and its
// ATT&CK object (its anchor), so the guards can look at whole groups.
class Groups {
 public:
  explicit Groups(const std::vector<SourceRecord>& records) : records_(records) {
    for (size_t i = 0; i < records.size(); ++i) {
      parent_.push_back(i);
      members_.push_back({i});
      anchor_.push_back(records[i].authoritative ? i : kNone);
    }
  }

  size_t root(size_t r) {
    while (parent_[r] != r) r = parent_[r] = parent_[parent_[r]];
    return r;
  }
  const std::vector<size_t>& members(size_t root) const { return members_[root]; }
  size_t anchor(size_t root) const { return anchor_[root]; }

  // An anchor that is revoked or deprecated: its group takes no merges by names.
  bool blocked(size_t root) const {
    size_t a = anchor_[root];
    return a != kNone && (records_[a].revoked || records_[a].deprecated);
  }

  // Two different ATT&CK objects.
  bool anchor_conflict(size_t a, size_t b) const {
    return anchor_[a] != kNone && anchor_[b] != kNone &&
           records_[anchor_[a]].uuid != records_[anchor_[b]].uuid;
  }

  // Both groups hold an entry of one source that lists distinct entries.
  bool source_conflict(size_t a, size_t b) const {
    std::set<std::string_view> sources;
    for (size_t m : members_[a])
      if (!records_[m].renames && !records_[m].authoritative) sources.insert(records_[m].source);
    for (size_t m : members_[b])
      if (sources.count(records_[m].source)) return true;
    return false;
  }

  void join(size_t a, size_t b) {
    a = root(a);
    b = root(b);
    if (a == b) return;
    if (members_[a].size() < members_[b].size()) std::swap(a, b);
    parent_[b] = a;
    members_[a].insert(members_[a].end(), members_[b].begin(), members_[b].end());
    members_[b].clear();
    if (anchor_[a] == kNone) anchor_[a] = anchor_[b];
  }

 private:
  const std::vector<SourceRecord>& records_;
  std::vector<size_t> parent_;
  std::vector<std::vector<size_t>> members_;
  std::vector<size_t> anchor_;
};

using KeyIndex = std::map<std::string, std::vector<size_t>>;
using NameIndex = std::map<std::string, std::vector<size_t>>;  // name key → records

std::set<std::string> primary_keys(const SourceRecord& r) {
  std::set<std::string> keys;
  for (const std::string& name : r.primary_names) keys.insert(name_key(name));
  return keys;
}

std::set<std::string> all_name_keys(const SourceRecord& r) {
  std::set<std::string> keys = primary_keys(r);
  for (const std::string& name : r.synonyms) keys.insert(name_key(name));
  return keys;
}

bool shares(const std::set<std::string>& a, const std::set<std::string>& b) {
  for (const std::string& key : a)
    if (b.count(key)) return true;
  return false;
}

bool merges_by_links(Family f) {
  return f == Family::kActor || f == Family::kSoftware;
}

class Merger {
 public:
  Merger(const std::vector<SourceRecord>& records, MergeReport& report)
      : records_(records), groups_(records), report_(report) {
    for (size_t i = 0; i < records.size(); ++i)
      for (const std::string& key : records[i].identity) keys_[key].push_back(i);
  }

  void run() {
    join_identities();
    join_linked_same_names();
    join_naming_lists(/*to_attack=*/true);
    join_linked_to_authority();
    join_naming_lists(/*to_attack=*/false);
    join_same_names();
  }

  Groups& groups() { return groups_; }
  const KeyIndex& keys() const { return keys_; }

 private:
  // A merge by names or links, unless a guard objects. Returns whether the
  // records are now one group.
  bool try_join(size_t a, size_t b, size_t& counter) {
    size_t ra = groups_.root(a), rb = groups_.root(b);
    if (ra == rb) return true;
    if (groups_.blocked(ra) || groups_.blocked(rb) || groups_.anchor_conflict(ra, rb) ||
        groups_.source_conflict(ra, rb)) {
      ++report_.refused;
      return false;
    }
    groups_.join(ra, rb);
    ++counter;
    return true;
  }

  // Rule 1: records sharing an identity key, within one family.
  void join_identities() {
    for (const auto& [key, list] : keys_) {
      for (size_t i = 1; i < list.size(); ++i) {
        for (size_t j = 0; j < i; ++j) {
          if (family_of(records_[list[i]].type) != family_of(records_[list[j]].type)) continue;
          size_t ri = groups_.root(list[i]), rj = groups_.root(list[j]);
          if (ri == rj) break;
          if (groups_.anchor_conflict(ri, rj)) {
            ++report_.refused;
          } else {
            groups_.join(ri, rj);
            ++report_.merged_by_identity;
          }
          break;
        }
      }
    }
  }

  // The records a `similar` link of `r` reaches, in r's family.
  std::vector<size_t> similar_targets(size_t r) const {
    std::vector<size_t> out;
    for (const SourceLink& link : records_[r].links) {
      if (trimmed(link.predicate) != "similar") continue;
      auto it = keys_.find(link.target);
      if (it == keys_.end()) continue;
      for (size_t t : it->second)
        if (t != r && family_of(records_[t].type) == family_of(records_[r].type)) out.push_back(t);
    }
    return out;
  }

  // Rule 2: a `similar` link between records with the same own name.
  void join_linked_same_names() {
    for (size_t r = 0; r < records_.size(); ++r) {
      if (!merges_by_links(family_of(records_[r].type))) continue;
      auto own = primary_keys(records_[r]);
      for (size_t t : similar_targets(r))
        if (shares(own, primary_keys(records_[t]))) try_join(r, t, report_.merged_by_link);
    }
  }

  // Rule 3, for naming lists: an entry of a vendor's list of names
  // ("Midnight Blizzard") joins the one current ATT&CK group that gives the
  // entry's own name as an alias, whatever else the entry links to (UNC2452,
  // a MISP actor that ATT&CK does not fold into APT29 on its own). After
  // the links have joined what they join, an entry still alone joins the
  // one MISP threat-actor entry that lists its name ("Lace Tempest" is
  // DEV-0950's). The list only renames what others track; but the entry
  // brings its whole group, so the speaker must also name every other
  // catalogue's entry in it.
  void join_naming_lists(bool to_attack) {
    NameIndex speakers_by_name;
    for (size_t r = 0; r < records_.size(); ++r) {
      bool speaks =
          to_attack ? records_[r].authoritative : records_[r].source == "misp:threat-actor";
      if (speaks && family_of(records_[r].type) == Family::kActor &&
          !groups_.blocked(groups_.root(r)))
        for (const std::string& key : all_name_keys(records_[r]))
          speakers_by_name[key].push_back(r);
    }
    for (size_t r = 0; r < records_.size(); ++r) {
      if (!records_[r].naming_list || groups_.anchor(groups_.root(r)) != kNone) continue;
      std::map<size_t, size_t> speakers = listing(r, speakers_by_name);  // group → record
      if (speakers.size() > 1) ++report_.refused;
      if (speakers.size() != 1) continue;
      auto [group, speaker] = *speakers.begin();
      auto listed = all_name_keys(records_[speaker]);
      bool agreed = true;
      for (size_t m : groups_.members(groups_.root(r)))
        agreed = agreed && (records_[m].naming_list || shares(primary_keys(records_[m]), listed));
      if (agreed)
        try_join(r, group, report_.merged_by_link);
      else
        ++report_.refused;
    }
  }

  // The groups (other than r's) whose records in `index` list one of r's
  // own names, each with such a record.
  std::map<size_t, size_t> listing(size_t r, const NameIndex& index) {
    std::map<size_t, size_t> out;
    for (const std::string& key : primary_keys(records_[r]))
      if (auto it = index.find(key); it != index.end())
        for (size_t speaker : it->second)
          if (groups_.root(speaker) != groups_.root(r)) out.emplace(groups_.root(speaker), speaker);
    return out;
  }

  // The record whose names speak for a group: its ATT&CK object, else its
  // only MISP threat-actor entry; kNone when there is neither.
  size_t authority(size_t root) const {
    if (groups_.anchor(root) != kNone) return groups_.anchor(root);
    size_t found = kNone;
    for (size_t m : groups_.members(root)) {
      if (records_[m].source != "misp:threat-actor") continue;
      if (found != kNone) return kNone;
      found = m;
    }
    return found;
  }

  // The current ATT&CK groups or software a record's names cite by id (MISP
  // lists "G0059" among APT35's names), when they cite exactly one.
  std::optional<size_t> cited_attack_group(size_t r) {
    std::set<size_t> cited;
    for (const std::string& name : records_[r].synonyms) {
      std::string id = trimmed(name);
      bool attack_id =
          id.size() == 5 && (id[0] == 'G' || id[0] == 'S') &&
          std::all_of(id.begin() + 1, id.end(), [](char c) { return c >= '0' && c <= '9'; });
      auto it = attack_id ? keys_.find("attack:" + id) : keys_.end();
      if (it == keys_.end()) continue;
      for (size_t t : it->second) {
        size_t group = groups_.root(t);
        if (family_of(records_[t].type) == family_of(records_[r].type) && !groups_.blocked(group))
          cited.insert(group);
      }
    }
    if (cited.size() != 1) return std::nullopt;
    return *cited.begin();
  }

  // Rule 3: a `similar` link to a group whose authority names the record
  // (or is named by it, by name or by ATT&CK id: MISP's "Sandworm" lists
  // G0034, "Sandworm Team"), or the one current ATT&CK entry the record
  // cites by id, when exactly one group qualifies. Candidates are chosen
  // before any is joined, so the joins of a round do not depend on order;
  // rounds repeat while they join, because a link may reach the authority
  // only through a record a previous round joined to it (RAZOR TIGER's
  // `similar` points at 360's SideWinder, which joins ATT&CK's Sidewinder).
  void join_linked_to_authority() {
    // Refusals are counted in the last round only: every round sees them again.
    for (int round = 0; round < 8; ++round) {
      size_t refused = report_.refused;
      if (!join_linked_to_authority_once()) break;
      report_.refused = refused;
    }
  }

  // One round of rule 3; whether it joined anything.
  bool join_linked_to_authority_once() {
    std::vector<std::pair<size_t, size_t>> joins;
    for (size_t r = 0; r < records_.size(); ++r) {
      if (!merges_by_links(family_of(records_[r].type))) continue;
      size_t own_group = groups_.root(r);
      if (groups_.anchor(own_group) != kNone) continue;
      auto own = primary_keys(records_[r]);
      auto names = all_name_keys(records_[r]);
      std::set<size_t> candidates;
      for (size_t t : similar_targets(r)) {
        size_t group = groups_.root(t);
        if (group == own_group || groups_.blocked(group)) continue;
        size_t auth = authority(group);
        if (auth == kNone) continue;
        const SourceRecord& a = records_[auth];
        auto attack = a.ids.find("attack");
        bool named = shares(own, all_name_keys(a)) ||
                     (!a.primary_names.empty() && names.count(name_key(a.primary_names.front()))) ||
                     (attack != a.ids.end() && names.count(name_key(attack->second.front())));
        if (named) candidates.insert(group);
      }
      if (auto cited = cited_attack_group(r); cited && *cited != own_group)
        candidates.insert(*cited);
      if (candidates.size() == 1) joins.emplace_back(r, *candidates.begin());
      if (candidates.size() > 1) ++report_.refused;
    }
    bool joined = false;
    for (auto [r, group] : joins)
      joined =
          (groups_.root(r) != groups_.root(group) && try_join(r, group, report_.merged_by_link)) ||
          joined;
    return joined;
  }

  // The types the sources state for a group's records (its ATT&CK object's
  // alone when it has one) and the specialised catalogues ("ransomware",
  // "rat" …) that list them.
  void add_kinds(size_t root, std::set<EntityType>& types, std::set<std::string>& categories) {
    size_t anchor = groups_.anchor(root);
    for (size_t m : groups_.members(root)) {
      if (anchor == kNone ? records_[m].typed : m == anchor) types.insert(records_[m].type);
      if (!records_[m].category.empty()) categories.insert(records_[m].category);
    }
  }

  // Software shares names far more than actors ("Pandora" is a ransomware,
  // a RAT and a rootkit): entries with one name merge only when the sources
  // state one type for all of them and at most one specialised catalogue
  // lists them, or when the catalogues are two that list one program under
  // different types (catalogue_overlap).
  bool software_may_share(const std::vector<size_t>& roots) {
    std::set<EntityType> types;
    std::set<std::string> categories;
    for (size_t root : roots) add_kinds(root, types, categories);
    return (types.size() <= 1 && categories.size() <= 1) || catalogue_overlap(categories);
  }

  // Rule 4: the same own name from different sources.
  void join_same_names() {
    std::map<std::pair<Family, std::string>, std::set<size_t>> by_name;
    for (size_t r = 0; r < records_.size(); ++r) {
      Family family = family_of(records_[r].type);
      if (family != Family::kActor && family != Family::kSoftware) continue;
      size_t group = groups_.root(r);
      if (groups_.blocked(group)) continue;
      for (const std::string& key : primary_keys(records_[r])) by_name[{family, key}].insert(group);
    }
    for (const auto& [name, group_set] : by_name) {
      if (group_set.size() < 2) continue;
      std::vector<size_t> list;
      for (size_t g : group_set) list.push_back(groups_.root(g));
      std::sort(list.begin(), list.end());
      list.erase(std::unique(list.begin(), list.end()), list.end());
      if (list.size() < 2) continue;
      bool admissible = name.first == Family::kActor || software_may_share(list);
      for (size_t i = 0; i < list.size() && admissible; ++i)
        for (size_t j = i + 1; j < list.size() && admissible; ++j)
          if (groups_.anchor_conflict(list[i], list[j]) ||
              groups_.source_conflict(list[i], list[j]))
            admissible = false;
      if (!admissible) {
        ++report_.refused;
        continue;
      }
      for (size_t i = 1; i < list.size(); ++i) try_join(list[0], list[i], report_.merged_by_name);
    }
  }

  const std::vector<SourceRecord>& records_;
  Groups groups_;
  MergeReport& report_;
  KeyIndex keys_;
};

}  // namespace

Grouping group_records(const std::vector<SourceRecord>& records, MergeReport& report) {
  Merger merger(records, report);
  merger.run();
  Grouping out;
  std::map<size_t, size_t> group_of_root;
  for (size_t r = 0; r < records.size(); ++r) {
    size_t root = merger.groups().root(r);
    auto [it, fresh] = group_of_root.emplace(root, out.groups.size());
    if (fresh) out.groups.emplace_back();
    out.groups[it->second].push_back(r);
  }
  for (auto& members : out.groups)
    std::stable_sort(members.begin(), members.end(),
                     [&records](size_t a, size_t b) { return records[a].rank < records[b].rank; });
  out.keys = merger.keys();
  return out;
}

KbContents merge_records(const std::vector<SourceRecord>& records, MergeReport& report) {
  report.records = records.size();
  Grouping grouping = group_records(records, report);
  return assemble(records, grouping, report);
}

}  // namespace osprey::kb
