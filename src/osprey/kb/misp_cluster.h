// The frame every MISP galaxy cluster shares: a `version` and `values`, each
// {uuid, value, meta, related}. read_cluster() reads the frame into records
// (uuid, names, synonyms, links) and lets each reader fill in the rest.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "osprey/kb/readers.h"
#include "osprey/kb/source_input.h"

namespace osprey::kb {

// One cluster value while it is read.
struct MispValue {
  const nlohmann::json& object;
  std::string where;  // "values[12]", for messages
  std::string uuid;   // lower-cased
  std::string value;  // the entry's name

  // meta[key] as text ("" when absent) or as a list of texts.
  std::string meta_text(std::string_view key) const;
  std::vector<std::string> meta_texts(std::string_view key) const;
};

// The cluster's `version` (a number or a string), "" when absent.
std::string cluster_version(const nlohmann::json& doc);

// The record of one value before cluster-specific facts: type and category
// from the spec, the value as primary name, meta.synonyms, identity
// "uuid:<uuid>", ids.misp, and `related` as links.
SourceRecord cluster_record(const MispValue& v, const SourceSpec& spec);

// Reads every value of a cluster: cluster_record(), then fill(value, record).
// A value whose uuid or name is missing, or whose fields have the wrong
// type, throws BadInput.
template <typename Fill>
SourceRead read_cluster(const nlohmann::json& doc, const SourceSpec& spec, Fill&& fill) {
  SourceRead out;
  out.version = cluster_version(doc);
  const nlohmann::json& values = required_array(doc, "values", "cluster");
  out.records.reserve(values.size());
  for (size_t i = 0; i < values.size(); ++i) {
    std::string where = "values[" + std::to_string(i) + "]";
    std::string uuid = required_text(values[i], "uuid", where);
    for (char& c : uuid)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    MispValue v{values[i], where, std::move(uuid), required_text(values[i], "value", where)};
    SourceRecord record = cluster_record(v, spec);
    fill(v, record);
    out.records.push_back(std::move(record));
  }
  return out;
}

}  // namespace osprey::kb
