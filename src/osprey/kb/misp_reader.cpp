// MISP galaxy clusters of actors, software, organisations and branded
// vulnerabilities. Every cluster has the same frame — `version`, and
// `values` of {uuid, value, meta, related} — read once by read_cluster();
// each reader adds what its cluster's `meta` holds.
#include "osprey/kb/misp_cluster.h"
#include "osprey/kb/names.h"
#include "osprey/kb/readers.h"
#include "osprey/kb/source_input.h"

namespace osprey::kb {
namespace {

using nlohmann::json;

// "Kimsuky - G0094" → "Kimsuky" when the suffix is the entry's own id.
std::string without_id_suffix(const std::string& value, const std::string& id) {
  std::string suffix = " - " + id;
  if (!id.empty() && value.size() > suffix.size() &&
      value.compare(value.size() - suffix.size(), suffix.size(), suffix) == 0)
    return trimmed(value.substr(0, value.size() - suffix.size()));
  return value;
}

void add_countries(SourceRecord& record, const MispValue& v) {
  for (const char* key : {"country", "cfr-suspected-state-sponsor"})
    for (std::string& country : v.meta_texts(key)) record.countries.push_back(std::move(country));
}

}  // namespace

SourceRead read_misp_attack_mirror(const json& doc, const SourceSpec& spec, std::string_view) {
  return read_cluster(doc, spec, [](const MispValue& v, SourceRecord& record) {
    std::string id = v.meta_text("external_id");
    record.primary_names = {without_id_suffix(v.value, id)};
    if (!id.empty()) {
      record.identity.push_back("attack:" + id);
      record.ids["attack"].push_back(id);
    }
    record.revoked = optional_flag(v.object, "revoked", v.where);
    // The mirror repeats ATT&CK's own `uses`; ATT&CK's bundles are the
    // authority for those, so only the links to other clusters are kept.
    std::erase_if(record.links, [](const SourceLink& l) { return l.predicate == "uses"; });
  });
}

SourceRead read_misp_actors(const json& doc, const SourceSpec& spec, std::string_view) {
  return read_cluster(doc, spec,
                      [](const MispValue& v, SourceRecord& record) { add_countries(record, v); });
}

SourceRead read_misp_360net(const json& doc, const SourceSpec& spec, std::string_view) {
  // Values read "海莲花 - APT-C-00": 360's own name, then its APT-C id; both
  // are the entry's own names.
  return read_cluster(doc, spec, [](const MispValue& v, SourceRecord& record) {
    size_t cut = v.value.rfind(" - ");
    if (cut != std::string::npos) {
      std::string local = trimmed(v.value.substr(0, cut));
      std::string apt_c = trimmed(v.value.substr(cut + 3));
      record.primary_names.clear();
      if (!local.empty()) record.primary_names.push_back(local);
      if (!apt_c.empty()) {
        record.primary_names.push_back(apt_c);
        record.ids["apt-c"].push_back(apt_c);
      }
      if (record.primary_names.empty()) record.primary_names.push_back(v.value);
    }
    add_countries(record, v);
  });
}

SourceRead read_misp_tidal(const json& doc, const SourceSpec& spec, std::string_view) {
  // Tidal entries copied from ATT&CK (`source: MITRE`) carry the ATT&CK id;
  // Tidal's own entries carry Tidal ids in the same field, which are not
  // ATT&CK ids and identify nothing outside Tidal.
  return read_cluster(doc, spec, [&spec](const MispValue& v, SourceRecord& record) {
    record.ids.erase("misp");
    record.ids["tidal"].push_back(v.uuid);
    std::string id = v.meta_text("group_attack_id");
    if (id.empty()) id = v.meta_text("software_attack_id");
    if (!id.empty() && v.meta_text("source") == "MITRE") {
      record.identity.push_back("attack:" + id);
      record.ids["attack"].push_back(id);
    }
    for (const std::string& type : v.meta_texts("type")) {
      if (type == "tool" && spec.type == EntityType::kMalware) record.type = EntityType::kTool;
    }
    add_countries(record, v);
  });
}

SourceRead read_misp_named(const json& doc, const SourceSpec& spec, std::string_view) {
  return read_cluster(doc, spec, [](const MispValue& v, SourceRecord& record) {
    for (std::string& country : v.meta_texts("country"))
      record.countries.push_back(std::move(country));
  });
}

SourceRead read_misp_vulnerabilities(const json& doc, const SourceSpec& spec, std::string_view) {
  // `aliases` holds CVE ids, sometimes written with an en dash.
  return read_cluster(doc, spec, [](const MispValue& v, SourceRecord& record) {
    for (const std::string& alias : v.meta_texts("aliases")) {
      std::string id = name_key(alias);
      for (char& c : id) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
      if (id.rfind("CVE-", 0) == 0)
        record.ids["cve"].push_back(id);
      else
        record.synonyms.push_back(alias);
    }
  });
}

}  // namespace osprey::kb
