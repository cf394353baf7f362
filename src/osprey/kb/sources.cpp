#include "osprey/kb/sources.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "osprey/kb/readers.h"
#include "osprey/kb/source_input.h"

namespace osprey::kb {
namespace {

namespace fs = std::filesystem;
using T = EntityType;

constexpr uintmax_t kMaxFileBytes = 512u << 20;

// Shorthand for a MISP cluster row.
SourceSpec misp(std::string_view name, std::string_view path, std::string_view description,
                EntityType type, ReadFn read, std::string_view category = {}, bool required = false,
                bool renames = false, bool typed = true, bool naming_list = false) {
  return {name, path, description, type, category, required, read, renames, naming_list, typed};
}

// '*' in `pattern` matches any run of characters.
bool matches(std::string_view pattern, std::string_view name) {
  size_t star = pattern.find('*');
  if (star == std::string_view::npos) return pattern == name;
  std::string_view head = pattern.substr(0, star), tail = pattern.substr(star + 1);
  return name.size() >= head.size() + tail.size() && name.substr(0, head.size()) == head &&
         name.substr(name.size() - tail.size()) == tail;
}

Result<std::string> read_source_file(const std::string& path) {
  std::error_code ec;
  uintmax_t size = fs::file_size(path, ec);
  if (ec) return Error{"cannot read " + path + ": " + ec.message()};
  if (size > kMaxFileBytes) return Error{path + ": larger than 512 MiB, refused"};
  std::ifstream in(path, std::ios::binary);
  std::string bytes(size, '\0');
  if (!in.read(bytes.data(), static_cast<std::streamsize>(size)))
    return Error{"cannot read " + path};
  return bytes;
}

}  // namespace

const std::vector<SourceSpec>& source_specs() {
  static const std::vector<SourceSpec> kSpecs = {
      {"attack:enterprise",
       "attack/enterprise-attack*.json",
       "MITRE ATT&CK Enterprise (STIX bundle)",
       T::kAttackPattern,
       {},
       true,
       read_attack_bundle},
      {"attack:mobile",
       "attack/mobile-attack*.json",
       "MITRE ATT&CK Mobile (STIX bundle)",
       T::kAttackPattern,
       {},
       false,
       read_attack_bundle},
      {"attack:ics",
       "attack/ics-attack*.json",
       "MITRE ATT&CK ICS (STIX bundle)",
       T::kAttackPattern,
       {},
       false,
       read_attack_bundle},
      misp("misp:mitre-intrusion-set", "misp-galaxy/clusters/mitre-intrusion-set.json",
           "MISP's mirror of ATT&CK groups (links to other clusters)", T::kIntrusionSet,
           read_misp_attack_mirror),
      misp("misp:mitre-malware", "misp-galaxy/clusters/mitre-malware.json",
           "MISP's mirror of ATT&CK malware", T::kMalware, read_misp_attack_mirror),
      misp("misp:mitre-tool", "misp-galaxy/clusters/mitre-tool.json",
           "MISP's mirror of ATT&CK tools", T::kTool, read_misp_attack_mirror),
      misp("misp:threat-actor", "misp-galaxy/clusters/threat-actor.json", "MISP threat actors",
           T::kIntrusionSet, read_misp_actors, {}, true),
      misp("misp:microsoft-activity-group", "misp-galaxy/clusters/microsoft-activity-group.json",
           "Microsoft's actor names (old and new taxonomy)", T::kIntrusionSet, read_misp_actors, {},
           false, /*renames=*/true, /*typed=*/true, /*naming_list=*/true),
      misp("misp:tidal-groups", "misp-galaxy/clusters/tidal-groups.json", "Tidal Cyber groups",
           T::kIntrusionSet, read_misp_tidal),
      misp("misp:360net", "misp-galaxy/clusters/360net.json", "360.net threat actors (APT-C ids)",
           T::kIntrusionSet, read_misp_360net, {}, false, false, /*typed=*/true,
           /*naming_list=*/true),
      misp("misp:tidal-software", "misp-galaxy/clusters/tidal-software.json",
           "Tidal Cyber software", T::kMalware, read_misp_tidal),
      misp("misp:malpedia", "misp-galaxy/clusters/malpedia.json", "Malpedia malware families",
           T::kMalware, read_misp_named, {}, false, false, /*typed=*/false),
      misp("misp:tool", "misp-galaxy/clusters/tool.json",
           "MISP threat-actor tools (mostly malware)", T::kMalware, read_misp_named, {}, false,
           false, /*typed=*/false),
      misp("misp:ransomware", "misp-galaxy/clusters/ransomware.json", "MISP ransomware",
           T::kMalware, read_misp_named, "ransomware"),
      misp("misp:rat", "misp-galaxy/clusters/rat.json", "MISP remote access trojans", T::kMalware,
           read_misp_named, "rat"),
      misp("misp:backdoor", "misp-galaxy/clusters/backdoor.json", "MISP backdoors", T::kMalware,
           read_misp_named, "backdoor"),
      misp("misp:banker", "misp-galaxy/clusters/banker.json", "MISP banking trojans", T::kMalware,
           read_misp_named, "banker"),
      misp("misp:botnet", "misp-galaxy/clusters/botnet.json", "MISP botnets", T::kMalware,
           read_misp_named, "botnet"),
      misp("misp:android", "misp-galaxy/clusters/android.json", "MISP Android malware", T::kMalware,
           read_misp_named, "android"),
      misp("misp:stealer", "misp-galaxy/clusters/stealer.json", "MISP information stealers",
           T::kMalware, read_misp_named, "stealer"),
      misp("misp:wiper", "misp-galaxy/clusters/wiper.json", "MISP wipers", T::kMalware,
           read_misp_named, "wiper"),
      misp("misp:exploit-kit", "misp-galaxy/clusters/exploit-kit.json", "MISP exploit kits",
           T::kMalware, read_misp_named, "exploit-kit"),
      misp("misp:cryptominers", "misp-galaxy/clusters/cryptominers.json", "MISP cryptominers",
           T::kMalware, read_misp_named, "cryptominer"),
      misp("misp:stalkerware", "misp-galaxy/clusters/stalkerware.json", "MISP stalkerware",
           T::kMalware, read_misp_named, "stalkerware"),
      misp("misp:rmm-tool", "misp-galaxy/clusters/rmm-tool.json",
           "Remote monitoring tools (lolrmm.io)", T::kTool, read_misp_named, "rmm"),
      misp("misp:branded-vulnerability", "misp-galaxy/clusters/branded_vulnerability.json",
           "Branded vulnerabilities", T::kVulnerability, read_misp_vulnerabilities),
      {"osprey:country-name",
       {},
       "Common country names and abbreviations (Osprey table)",
       T::kLocation,
       "country",
       false,
       read_country_table},
      misp("misp:country", "misp-galaxy/clusters/country.json", "Countries (GeoNames)",
           T::kLocation, read_misp_countries, "country", true),
      misp("misp:target-information", "misp-galaxy/clusters/target-information.json",
           "Country names in many languages", T::kLocation, read_misp_target_information,
           "country"),
      {"osprey:demonym",
       {},
       "Demonyms (Osprey table)",
       T::kLocation,
       "country",
       false,
       read_country_table},
      {"osprey:metonym",
       {},
       "Capitals and seats of government (Osprey table)",
       T::kLocation,
       "country",
       false,
       read_country_table},
      misp("misp:region", "misp-galaxy/clusters/region.json", "UN M49 regions", T::kLocation,
           read_misp_regions, "region"),
      {"osprey:region",
       {},
       "Region phrasings (Osprey table)",
       T::kLocation,
       "region",
       false,
       read_region_table},
      misp("misp:sector", "misp-galaxy/clusters/sector.json", "Sectors (CERT-EU)", T::kSector,
           read_misp_sectors),
      {"osprey:sector",
       {},
       "Sector phrasings (Osprey table)",
       T::kSector,
       {},
       false,
       read_sector_table},
      misp("misp:producer", "misp-galaxy/clusters/producer.json",
           "Security vendors and reporting organisations", T::kOrganization, read_misp_named,
           "security-vendor"),
      misp("misp:intelligence-agencies", "misp-galaxy/clusters/intelligence-agencies.json",
           "Intelligence agencies", T::kOrganization, read_misp_named, "intelligence-agency"),
      misp("misp:surveillance-vendor", "misp-galaxy/clusters/surveillance-vendor.json",
           "Surveillance vendors", T::kOrganization, read_misp_named, "surveillance-vendor"),
  };
  return kSpecs;
}

std::string find_source_file(const std::string& source_dir, const SourceSpec& spec) {
  if (spec.path.empty()) return {};
  fs::path pattern(std::string(spec.path));
  fs::path folder = fs::path(source_dir) / pattern.parent_path();
  std::string leaf = pattern.filename().string();
  if (leaf.find('*') == std::string::npos) {
    fs::path file = folder / leaf;
    std::error_code ec;
    return fs::is_regular_file(file, ec) ? file.string() : std::string();
  }
  std::vector<std::string> found;
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec))
    if (it->is_regular_file(ec) && matches(leaf, it->path().filename().string()))
      found.push_back(it->path().string());
  std::sort(found.begin(), found.end());
  return found.empty() ? std::string() : found.front();
}

Result<SourceRead> read_source(const std::string& source_dir, const SourceSpec& spec, int rank) {
  nlohmann::json document;
  std::string file = find_source_file(source_dir, spec);
  std::string label = file.empty() ? std::string(spec.name) : file;
  try {
    if (!spec.path.empty()) {
      if (file.empty()) return Error{source_dir + ": no " + std::string(spec.path)};
      auto bytes = read_source_file(file);
      if (!bytes.ok()) return bytes.error();
      document = nlohmann::json::parse(bytes.value());
    }
    SourceRead read = spec.read(document, spec, file);
    for (SourceRecord& record : read.records) {
      record.source = std::string(spec.name);
      record.rank = rank;
      record.renames = spec.renames;
      record.naming_list = spec.naming_list;
      record.typed = spec.typed;
    }
    return read;
  } catch (const BadInput& e) {
    return Error{label + ": " + e.what()};
  } catch (const nlohmann::json::exception& e) {
    return Error{label + ": not valid JSON here: " + e.what()};
  }
}

}  // namespace osprey::kb
