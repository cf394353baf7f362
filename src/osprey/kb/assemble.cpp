// Turns groups of records into entities: the id and name from the first
// record in registry order that has one, every name folded by its key with
// the union of its sources, ids, facts, sponsor countries; then the records'
// links into relations between entities.
#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "osprey/kb/grouping.h"
#include "osprey/kb/names.h"
#include "osprey/kb/source_input.h"

namespace osprey::kb {
namespace {

constexpr size_t kDropped = static_cast<size_t>(-1);

// The categories of a group's records ("rat", "rmm" …).
std::set<std::string> group_categories(const std::vector<SourceRecord>& records,
                                       const std::vector<size_t>& group) {
  std::set<std::string> categories;
  for (size_t m : group)
    if (!records[m].category.empty()) categories.insert(records[m].category);
  return categories;
}

EntityType group_type(const std::vector<SourceRecord>& records, const std::vector<size_t>& group) {
  for (size_t m : group)
    if (records[m].authoritative) return records[m].type;
  if (family_of(records[group.front()].type) == Family::kActor) return EntityType::kIntrusionSet;
  if (const CatalogueOverlap* o = catalogue_overlap(group_categories(records, group)))
    return o->type;
  return records[group.front()].type;
}

void add_aliases(Entity& e, const std::vector<SourceRecord>& records,
                 const std::vector<size_t>& group) {
  std::map<std::string, Alias> by_key;
  auto add = [&by_key](const std::string& name, const std::string& source) {
    std::string key = name_key(name);
    if (key.empty()) return;
    Alias& alias = by_key[key];
    if (alias.name.empty()) alias.name = name;
    add_source(alias.sources, source);
  };
  for (size_t m : group) {
    for (const std::string& name : records[m].primary_names) add(name, records[m].source);
    for (const std::string& name : records[m].synonyms) add(name, records[m].source);
  }
  for (auto& [key, alias] : by_key) e.aliases.push_back(std::move(alias));
  std::sort(e.aliases.begin(), e.aliases.end(),
            [](const Alias& a, const Alias& b) { return a.name < b.name; });
}

// The entity of one group, without references (parent, revoked_by) and
// countries, which need every entity first. Unnamed groups give no entity.
std::optional<Entity> entity_of(const std::vector<SourceRecord>& records,
                                const std::vector<size_t>& group) {
  Entity e;
  e.type = group_type(records, group);
  std::string uuid;
  for (size_t m : group) {
    const SourceRecord& r = records[m];
    if (uuid.empty() && !r.uuid.empty()) uuid = r.uuid;
    if (e.name.empty() && !r.primary_names.empty()) e.name = r.primary_names.front();
    if (e.shortname.empty()) e.shortname = r.shortname;
    if (e.category.empty()) e.category = r.category;
    if (r.authoritative) e.deprecated = r.deprecated || (r.revoked && r.revoked_by.empty());
    for (const auto& [scheme, values] : r.ids)
      e.ids[scheme].insert(e.ids[scheme].end(), values.begin(), values.end());
    e.tactics.insert(e.tactics.end(), r.tactics.begin(), r.tactics.end());
    add_source(e.sources, r.source);
  }
  if (e.name.empty()) return std::nullopt;
  const CatalogueOverlap* overlap = catalogue_overlap(group_categories(records, group));
  if (overlap && e.type == overlap->type) e.category = overlap->known_as;
  if (uuid.empty()) uuid = osprey_uuid(std::string(type_name(e.type)) + ":" + name_key(e.name));
  e.id = std::string(type_name(e.type)) + "--" + uuid;
  for (auto& [scheme, values] : e.ids) {
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
  }
  std::sort(e.tactics.begin(), e.tactics.end());
  e.tactics.erase(std::unique(e.tactics.begin(), e.tactics.end()), e.tactics.end());
  add_aliases(e, records, group);
  return e;
}

// Resolves what sources write for a country — ISO codes, names in any
// spelling the location entities know ("Russian Federation", "southKorea")
// — to an ISO 3166 alpha-2 code.
class CountryResolver {
 public:
  explicit CountryResolver(const std::vector<Entity>& entities) {
    for (const Entity& e : entities) {
      if (e.type != EntityType::kLocation || e.category != "country") continue;
      auto iso = e.ids.find("iso2");
      if (iso == e.ids.end() || iso->second.size() != 1) continue;
      const std::string& code = iso->second.front();
      codes_.insert(code);
      for (const Alias& alias : e.aliases) {
        exact_[name_key(alias.name)].insert(code);
        loose_[loose_key(alias.name)].insert(code);
      }
    }
  }

  std::string resolve(const std::string& written) const {
    std::string text = trimmed(written);
    if (text == "UK") text = "GB";  // the one non-ISO code sources use
    if (codes_.count(text)) return text;
    // The UN style "Korea (Democratic People's Republic of)" reads
    // "Democratic People's Republic of Korea".
    size_t open = text.find(" (");
    if (open != std::string::npos && text.size() > open + 5 &&
        text.compare(text.size() - 4, 4, " of)") == 0)
      text = text.substr(open + 2, text.size() - open - 3) + " " + text.substr(0, open);
    for (const auto* index : {&exact_, &loose_}) {
      auto it = index->find(index == &exact_ ? name_key(text) : loose_key(text));
      if (it != index->end() && it->second.size() == 1) return *it->second.begin();
    }
    return {};
  }

 private:
  std::set<std::string> codes_;
  std::map<std::string, std::set<std::string>> exact_, loose_;
};

class Assembler {
 public:
  Assembler(const std::vector<SourceRecord>& records, const Grouping& grouping, MergeReport& report)
      : records_(records),
        grouping_(grouping),
        report_(report),
        entity_of_record_(records.size(), kDropped) {}

  KbContents run() {
    for (const auto& group : grouping_.groups) {
      auto entity = entity_of(records_, group);
      if (!entity) {
        ++report_.unnamed_dropped;
        continue;
      }
      for (size_t m : group) entity_of_record_[m] = out_.entities.size();
      out_.entities.push_back(std::move(*entity));
    }
    add_references_and_countries();
    add_qualified_names();
    add_relations();
    add_name_claims();
    std::sort(out_.entities.begin(), out_.entities.end(), [](const Entity& a, const Entity& b) {
      return std::tie(a.type, a.id) < std::tie(b.type, b.id);
    });
    return std::move(out_);
  }

 private:
  // The entities an identity key names (several only across families).
  std::vector<size_t> entities_of_key(const std::string& key) const {
    std::vector<size_t> out;
    auto it = grouping_.keys.find(key);
    if (it == grouping_.keys.end()) return out;
    for (size_t r : it->second) {
      size_t e = entity_of_record_[r];
      if (e != kDropped && std::find(out.begin(), out.end(), e) == out.end()) out.push_back(e);
    }
    return out;
  }

  std::string reference(const std::string& key) const {
    auto targets = entities_of_key(key);
    return targets.empty() ? std::string() : out_.entities[targets.front()].id;
  }

  void add_references_and_countries() {
    CountryResolver countries(out_.entities);
    std::vector<std::map<std::string, Sources>> claims(out_.entities.size());
    for (size_t r = 0; r < records_.size(); ++r) {
      size_t e = entity_of_record_[r];
      if (e == kDropped) continue;
      Entity& entity = out_.entities[e];
      const SourceRecord& record = records_[r];
      if (entity.parent.empty() && !record.parent.empty()) entity.parent = reference(record.parent);
      if (entity.revoked_by.empty() && !record.revoked_by.empty())
        entity.revoked_by = reference(record.revoked_by);
      for (const SourceLink& link : record.links)
        if (entity.revoked_by.empty() && trimmed(link.predicate) == "revoked-by")
          entity.revoked_by = reference(link.target);
      for (const std::string& written : record.countries) {
        std::string code = countries.resolve(written);
        if (!code.empty()) add_source(claims[e][code], record.source);
      }
    }
    for (size_t e = 0; e < claims.size(); ++e)
      for (auto& [code, sources] : claims[e])
        out_.entities[e].countries.push_back({code, std::move(sources)});
  }

  // Sub-techniques also go by ATT&CK's qualified form, "Phishing:
  // Spearphishing Attachment", which tells apart the several "Cloud
  // Accounts" and "DNS" sub-techniques.
  void add_qualified_names() {
    std::map<std::string, size_t> by_id;
    for (size_t e = 0; e < out_.entities.size(); ++e) by_id.emplace(out_.entities[e].id, e);
    for (Entity& e : out_.entities) {
      auto parent = by_id.find(e.parent);
      if (e.type != EntityType::kAttackPattern || parent == by_id.end()) continue;
      auto own = std::find_if(e.aliases.begin(), e.aliases.end(),
                              [&e](const Alias& a) { return a.name == e.name; });
      if (own == e.aliases.end()) continue;
      Alias qualified{out_.entities[parent->second].name + ": " + e.name, own->sources};
      auto at = std::lower_bound(e.aliases.begin(), e.aliases.end(), qualified,
                                 [](const Alias& a, const Alias& b) { return a.name < b.name; });
      e.aliases.insert(at, std::move(qualified));
    }
  }

  // An entity listing another one's canonical name among its aliases
  // (Kimsuky lists "APT43", which is also an entry of its own) is linked to
  // it: the two stay apart, and the claim is a fact of its own.
  void add_name_claims() {
    std::map<std::pair<Family, std::string>, std::vector<size_t>> by_name;
    for (size_t e = 0; e < out_.entities.size(); ++e)
      if (out_.entities[e].revoked_by.empty())
        by_name[{family_of(out_.entities[e].type), name_key(out_.entities[e].name)}].push_back(e);
    for (size_t x = 0; x < out_.entities.size(); ++x) {
      const Entity& claimant = out_.entities[x];
      if (!claimant.revoked_by.empty()) continue;
      std::string own = name_key(claimant.name);
      for (const Alias& alias : claimant.aliases) {
        std::string key = name_key(alias.name);
        auto it = by_name.find({family_of(claimant.type), key});
        if (key == own || it == by_name.end()) continue;
        for (size_t y : it->second)
          if (y != x)
            out_.relations.push_back(
                {claimant.id, "claims-name-of", out_.entities[y].id, alias.sources});
      }
    }
    std::sort(out_.relations.begin(), out_.relations.end(),
              [](const Relation& a, const Relation& b) {
                return std::tie(a.from, a.predicate, a.to) < std::tie(b.from, b.predicate, b.to);
              });
  }

  void add_relations() {
    std::map<std::tuple<std::string, std::string, std::string>, Sources> relations;
    for (size_t r = 0; r < records_.size(); ++r) {
      size_t from = entity_of_record_[r];
      if (from == kDropped) continue;
      for (const SourceLink& link : records_[r].links) {
        std::string predicate = trimmed(link.predicate);
        if (predicate == "revoked-by" || predicate.empty()) continue;
        auto targets = entities_of_key(link.target);
        if (targets.empty()) ++report_.dangling_links;
        for (size_t to : targets) {
          if (to == from) continue;
          std::string a = out_.entities[from].id, b = out_.entities[to].id;
          if (predicate == "used-by") {
            add_source(relations[{b, "uses", a}], records_[r].source);
          } else if (predicate == "subregion") {
            add_source(relations[{b, "part-of", a}], records_[r].source);
          } else if (predicate == "similar") {
            add_source(relations[{std::min(a, b), predicate, std::max(a, b)}], records_[r].source);
          } else {
            add_source(relations[{a, predicate, b}], records_[r].source);
          }
        }
      }
    }
    for (auto& [triple, sources] : relations) {
      auto& [from, predicate, to] = triple;
      out_.relations.push_back({from, predicate, to, std::move(sources)});
    }
  }

  const std::vector<SourceRecord>& records_;
  const Grouping& grouping_;
  MergeReport& report_;
  std::vector<size_t> entity_of_record_;
  KbContents out_;
};

}  // namespace

KbContents assemble(const std::vector<SourceRecord>& records, const Grouping& grouping,
                    MergeReport& report) {
  return Assembler(records, grouping, report).run();
}

}  // namespace osprey::kb
