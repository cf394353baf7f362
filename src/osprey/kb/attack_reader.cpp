// ATT&CK STIX bundles: tactics, techniques (with their tactics and parent),
// groups, software, their `uses` relationships and `revoked-by` redirects.
// Campaigns, matrices and identities are not entities of the knowledge base.
#include <map>

#include "osprey/kb/names.h"
#include "osprey/kb/readers.h"
#include "osprey/kb/source_input.h"

namespace osprey::kb {
namespace {

using nlohmann::json;

// The uuid part of a STIX id ("intrusion-set--0ec2…" → "0ec2…"), lower-cased.
std::string stix_uuid(std::string_view stix_id) {
  size_t dashes = stix_id.find("--");
  std::string uuid(dashes == std::string_view::npos ? stix_id : stix_id.substr(dashes + 2));
  for (char& c : uuid)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return uuid;
}

// The ATT&CK id (G0094, T1566.001, TA0001) from external_references.
std::string external_attack_id(const json& object, const std::string& where) {
  const json* refs = member(object, "external_references", where);
  if (!refs) return {};
  if (!refs->is_array()) throw BadInput(where + ".external_references: expected an array");
  for (const json& ref : *refs) {
    std::string source = optional_text(ref, "source_name", where + ".external_references");
    if (source != "mitre-attack" && source != "mitre-mobile-attack" && source != "mitre-ics-attack")
      continue;
    std::string id = optional_text(ref, "external_id", where + ".external_references");
    if (!id.empty()) return id;
  }
  return {};
}

std::optional<EntityType> entity_type_of(std::string_view stix_type) {
  if (stix_type == "intrusion-set") return EntityType::kIntrusionSet;
  if (stix_type == "malware") return EntityType::kMalware;
  if (stix_type == "tool") return EntityType::kTool;
  if (stix_type == "attack-pattern") return EntityType::kAttackPattern;
  if (stix_type == "x-mitre-tactic") return EntityType::kTactic;
  return std::nullopt;
}

// The record of one ATT&CK object, without its relationships.
SourceRecord object_record(const json& object, EntityType type, const std::string& where) {
  SourceRecord record;
  record.type = type;
  record.authoritative = true;
  record.uuid = stix_uuid(required_text(object, "id", where));
  record.primary_names.push_back(required_text(object, "name", where));
  record.identity.push_back(uuid_key(record.uuid));
  std::string id = external_attack_id(object, where);
  if (!id.empty()) {
    record.identity.push_back("attack:" + id);
    record.ids["attack"].push_back(id);
  }
  for (const char* key : {"aliases", "x_mitre_aliases"})
    for (std::string& alias : text_list(object, key, where))
      if (name_key(alias) != name_key(record.primary_names.front()))
        record.synonyms.push_back(std::move(alias));
  record.revoked = optional_flag(object, "revoked", where);
  record.deprecated = optional_flag(object, "x_mitre_deprecated", where);
  if (type == EntityType::kTactic)
    record.shortname = optional_text(object, "x_mitre_shortname", where);
  return record;
}

// Tactic shortname → ATT&CK tactic id, within one bundle (one domain). A
// current tactic wins over a revoked or deprecated one of the same shortname.
std::map<std::string, std::string> tactic_ids(const std::vector<SourceRecord>& records) {
  std::map<std::string, std::string> ids;
  for (int pass = 0; pass < 2; ++pass)
    for (const SourceRecord& r : records) {
      bool current = !r.revoked && !r.deprecated;
      if (r.type != EntityType::kTactic || r.shortname.empty() || current != (pass == 0)) continue;
      auto id = r.ids.find("attack");
      if (id != r.ids.end()) ids.emplace(r.shortname, id->second.front());
    }
  return ids;
}

void add_tactics(SourceRecord& record, const json& object, const std::string& where,
                 const std::map<std::string, std::string>& tactics) {
  const json* phases = member(object, "kill_chain_phases", where);
  if (!phases) return;
  if (!phases->is_array()) throw BadInput(where + ".kill_chain_phases: expected an array");
  for (const json& phase : *phases) {
    auto it = tactics.find(optional_text(phase, "phase_name", where + ".kill_chain_phases"));
    if (it != tactics.end()) record.tactics.push_back(it->second);
  }
}

// Applies one relationship object to the records it joins.
void apply_relationship(const json& object, const std::string& where,
                        std::vector<SourceRecord>& records,
                        const std::map<std::string, size_t>& by_uuid) {
  if (optional_flag(object, "revoked", where) || optional_flag(object, "x_mitre_deprecated", where))
    return;
  std::string kind = required_text(object, "relationship_type", where);
  auto from = by_uuid.find(stix_uuid(required_text(object, "source_ref", where)));
  std::string target = stix_uuid(required_text(object, "target_ref", where));
  if (from == by_uuid.end() || !by_uuid.count(target)) return;  // campaigns and the like
  SourceRecord& record = records[from->second];
  if (kind == "subtechnique-of") {
    record.parent = uuid_key(target);
  } else if (kind == "revoked-by") {
    record.revoked_by = uuid_key(target);
  } else if (kind == "uses") {
    record.links.push_back({"uses", uuid_key(target)});
  }
}

// The ATT&CK release: from an x-mitre-collection object, else from the file
// name ("enterprise-attack-18.1-core.json").
std::string bundle_version(const json& objects, std::string_view file) {
  for (const json& object : objects)
    if (object.is_object() && object.value("type", "") == "x-mitre-collection" &&
        object.contains("x_mitre_version") && object["x_mitre_version"].is_string())
      return object["x_mitre_version"].get<std::string>();
  size_t at = file.find("-attack-");
  if (at == std::string_view::npos) return {};
  std::string_view rest = file.substr(at + 8);
  size_t end = rest.find_first_not_of("0123456789.");
  std::string_view version = rest.substr(0, end);
  while (!version.empty() && version.back() == '.') version.remove_suffix(1);
  return std::string(version);
}

}  // namespace

SourceRead read_attack_bundle(const json& doc, const SourceSpec&, std::string_view file) {
  const json& objects = required_array(doc, "objects", "bundle");
  SourceRead out;
  out.version = bundle_version(objects, file);
  std::map<std::string, size_t> by_uuid;
  std::vector<std::pair<size_t, size_t>> techniques;  // object index, record index
  for (size_t i = 0; i < objects.size(); ++i) {
    std::string where = "objects[" + std::to_string(i) + "]";
    std::string modified = optional_text(objects[i], "modified", where).substr(0, 10);
    if (modified > out.newest) out.newest = modified;
    auto type = entity_type_of(required_text(objects[i], "type", where));
    if (!type) continue;
    SourceRecord record = object_record(objects[i], *type, where);
    if (by_uuid.count(record.uuid)) throw BadInput(where + ": duplicate id " + record.uuid);
    by_uuid.emplace(record.uuid, out.records.size());
    if (*type == EntityType::kAttackPattern) techniques.emplace_back(i, out.records.size());
    out.records.push_back(std::move(record));
  }
  auto tactics = tactic_ids(out.records);
  for (auto [object, record] : techniques)
    add_tactics(out.records[record], objects[object], "objects[" + std::to_string(object) + "]",
                tactics);
  for (size_t i = 0; i < objects.size(); ++i) {
    std::string where = "objects[" + std::to_string(i) + "]";
    if (optional_text(objects[i], "type", where) == "relationship")
      apply_relationship(objects[i], where, out.records, by_uuid);
  }
  return out;
}

}  // namespace osprey::kb
