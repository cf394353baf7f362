// MISP galaxy clusters of places and sectors: countries (GeoNames data),
// target-information (country names in many languages), UN M49 regions, and
// CERT-EU sectors.
#include "osprey/kb/misp_cluster.h"
#include "osprey/kb/names.h"
#include "osprey/kb/readers.h"

namespace osprey::kb {
namespace {

using nlohmann::json;

bool is_upper_code(std::string_view s, size_t length) {
  if (s.size() != length) return false;
  for (char c : s)
    if (c < 'A' || c > 'Z') return false;
  return true;
}

// "united states of america" → "United States of America",
// "u.s. virgin islands" → "U.S. Virgin Islands", "guinea-bissau" → "Guinea-Bissau".
std::string title_case(std::string_view lower) {
  static const char* kSmall[] = {"and", "of", "the", "da", "de"};
  std::string out(lower);
  bool word_start = true;
  for (size_t i = 0; i < out.size(); ++i) {
    char c = out[i];
    if (word_start && c >= 'a' && c <= 'z') {
      bool small = false;
      for (std::string_view word : kSmall) {
        bool ends = i + word.size() == out.size() || out[i + word.size()] == ' ';
        if (i > 0 && out.compare(i, word.size(), word) == 0 && ends) small = true;
      }
      if (!small) out[i] = static_cast<char>(c - 'a' + 'A');
    }
    word_start = c == ' ' || c == '-' || c == '.' || c == '(';
    if (c >= 'a' && c <= 'z') word_start = false;
  }
  return out;
}

// "142 - Asia" → {"142", "Asia"}; {"", value} when there is no code.
std::pair<std::string, std::string> m49_split(const std::string& value) {
  size_t cut = value.find(" - ");
  if (cut == std::string::npos || cut == 0) return {"", value};
  std::string code = value.substr(0, cut);
  for (char c : code)
    if (c < '0' || c > '9') return {"", value};
  return {code, trimmed(value.substr(cut + 3))};
}

}  // namespace

SourceRead read_misp_countries(const json& doc, const SourceSpec& spec, std::string_view) {
  return read_cluster(doc, spec, [](const MispValue& v, SourceRecord& record) {
    record.primary_names = {title_case(v.value)};
    std::string iso2 = v.meta_text("ISO");
    std::string iso3 = v.meta_text("ISO3");
    if (!is_upper_code(iso2, 2)) throw BadInput(v.where + ".meta.ISO: expected a two-letter code");
    record.identity.push_back("iso2:" + iso2);
    record.ids["iso2"].push_back(iso2);
    if (is_upper_code(iso3, 3)) record.ids["iso3"].push_back(iso3);
  });
}

SourceRead read_misp_target_information(const json& doc, const SourceSpec& spec, std::string_view) {
  SourceRead read = read_cluster(doc, spec, [](const MispValue& v, SourceRecord& record) {
    for (const std::string& code : v.meta_texts("iso-code")) {
      if (is_upper_code(code, 2)) {
        record.identity.push_back("iso2:" + code);
        record.ids["iso2"].push_back(code);
      } else if (is_upper_code(code, 3)) {
        record.ids["iso3"].push_back(code);
      }
    }
  });
  // Entries without an ISO 3166 code are not countries (organisations, sub-national areas).
  std::erase_if(read.records, [](const SourceRecord& r) { return !r.ids.count("iso2"); });
  return read;
}

SourceRead read_misp_regions(const json& doc, const SourceSpec& spec, std::string_view) {
  return read_cluster(doc, spec, [](const MispValue& v, SourceRecord& record) {
    auto [code, name] = m49_split(v.value);
    record.primary_names = {name};
    if (!code.empty()) {
      record.identity.push_back("m49:" + code);
      record.ids["m49"].push_back(code);
    }
    // Sub-regions name their parts "030 - Eastern Asia"; the parts that are
    // countries have no M49 key here and are linked by their own `located-in`.
    for (const std::string& part : v.meta_texts("subregions")) {
      auto [part_code, part_name] = m49_split(part);
      if (!part_code.empty()) record.links.push_back({"subregion", "m49:" + part_code});
    }
  });
}

SourceRead read_misp_sectors(const json& doc, const SourceSpec& spec, std::string_view) {
  SourceRead read = read_cluster(doc, spec, [](const MispValue& v, SourceRecord& record) {
    record.identity.push_back("sector:" + name_key(v.value));
  });
  // Placeholders, not sectors.
  std::erase_if(read.records, [](const SourceRecord& r) {
    std::string key = name_key(r.primary_names.front());
    return key == "unknown" || key == "other" || key == "country";
  });
  return read;
}

}  // namespace osprey::kb
