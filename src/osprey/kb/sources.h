// The source registry: one row per upstream file (or hand-written table)
// the knowledge base is built from. Each row is self-describing — its source
// tag, where the file lives under SRC_DIR, the type its records get, and the
// reader that turns the file into SourceRecords. The builder loops over the
// rows; adding a MISP cluster is adding a row.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "osprey/kb/source_record.h"
#include "osprey/model/result.h"

namespace osprey::kb {

struct SourceSpec;

// What a reader returns for one file.
struct SourceRead {
  std::vector<SourceRecord> records;
  std::string version;  // upstream version, when the file states one
  std::string newest;   // the newest modification date in it (YYYY-MM-DD), when stated
};

// Reads one parsed upstream document (null for hand-written tables). Throws
// BadInput (source_input.h) or nlohmann::json::exception on malformed input;
// read_source() turns both into an Error naming the file.
using ReadFn = SourceRead (*)(const nlohmann::json& document, const SourceSpec& spec,
                              std::string_view file);

struct SourceSpec {
  std::string_view name;  // source tag on every fact it gives: "misp:threat-actor"
  // Path under SRC_DIR; a '*' in the last component matches any run of
  // characters (the first match in name order is read). Empty for tables.
  std::string_view path;
  std::string_view description;
  EntityType type;            // the type of its records unless the data says otherwise
  std::string_view category;  // Entity::category for its records, if any
  bool required;              // `kb build` fails without it
  ReadFn read;
  // Its entries may be several names of one thing (Microsoft lists both
  // STRONTIUM and Forest Blizzard). Entries of any other source are distinct
  // by that source's word, and the merger never joins two of them by names.
  bool renames = false;
  // It only lists a vendor's names for actors that others track (Microsoft's
  // weather names, 360's APT-C ids): where ATT&CK gives an entry's own name
  // as an alias of one group, the entry is that group, else where one MISP
  // threat-actor entry does, that entry (merge.h, rule 3).
  bool naming_list = false;
  // Its records' type is the source's statement (false for catalogues that
  // mix malware and tools under one default type, like malpedia and MISP's
  // tool cluster); the merger compares only stated types.
  bool typed = true;
};

// Every source, in rank order: a lower row's name and id win when records
// merge (ATT&CK first, then MISP's ATT&CK mirror, MISP threat actors …).
const std::vector<SourceSpec>& source_specs();

// The file a row reads under `source_dir`, or "" when it is absent.
std::string find_source_file(const std::string& source_dir, const SourceSpec& spec);

// Reads and parses one row's file (or table). Files larger than 512 MiB are
// refused. Every record gets the row's tag and rank.
Result<SourceRead> read_source(const std::string& source_dir, const SourceSpec& spec, int rank);

}  // namespace osprey::kb
