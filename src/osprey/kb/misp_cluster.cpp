#include "osprey/kb/misp_cluster.h"

#include "osprey/kb/names.h"

namespace osprey::kb {

using nlohmann::json;

std::string MispValue::meta_text(std::string_view key) const {
  const json* meta = member(object, "meta", where);
  if (!meta) return {};
  const json* value = member(*meta, key, where + ".meta");
  if (value && value->is_number()) return value->dump();
  return trimmed(optional_text(*meta, key, where + ".meta"));
}

std::vector<std::string> MispValue::meta_texts(std::string_view key) const {
  const json* meta = member(object, "meta", where);
  if (!meta) return {};
  return text_list(*meta, key, where + ".meta");
}

std::string cluster_version(const json& doc) {
  const json* version = member(doc, "version", "cluster");
  if (!version) return {};
  if (version->is_number_integer()) return std::to_string(version->get<int64_t>());
  if (version->is_string()) return version->get<std::string>();
  throw BadInput("cluster.version: expected a number or a string");
}

SourceRecord cluster_record(const MispValue& v, const SourceSpec& spec) {
  SourceRecord record;
  record.type = spec.type;
  record.category = std::string(spec.category);
  record.uuid = v.uuid;
  record.primary_names.push_back(v.value);
  record.identity.push_back(uuid_key(v.uuid));
  record.ids["misp"].push_back(v.uuid);
  std::string own = name_key(v.value);
  // "synomyms" is a misspelling some entries carry.
  for (const char* key : {"synonyms", "synomyms"})
    for (std::string& name : v.meta_texts(key))
      if (name_key(name) != own) record.synonyms.push_back(std::move(name));
  const json* related = member(v.object, "related", v.where);
  if (!related) return record;
  if (!related->is_array()) throw BadInput(v.where + ".related: expected an array");
  for (const json& link : *related) {
    std::string predicate = required_text(link, "type", v.where + ".related");
    // An empty dest-uuid (upstream has some) is a link to nothing: kept, and
    // counted as dangling by the merger.
    std::string target = optional_text(link, "dest-uuid", v.where + ".related");
    for (char& c : target)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    record.links.push_back({predicate, uuid_key(target)});
  }
  return record;
}

}  // namespace osprey::kb
