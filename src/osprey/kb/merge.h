// The merger: decides which source records are one entity, and turns the
// records' links into relations between entities.
//
// Records merge only on identity evidence, in this order:
//   1. identity keys — the same upstream uuid, ATT&CK id, ISO code, M49 code
//      or sector name (MISP's mirror of ATT&CK shares ATT&CK's uuids; Tidal's
//      copies of ATT&CK entries carry the ATT&CK id);
//   2. an explicit MISP `similar` link between two records whose own names
//      (their primary names, never their synonyms) are the same;
//   3. an explicit `similar` link to an entity whose authority — its ATT&CK
//      object, else its one MISP threat-actor entry — lists the record's own
//      name among its names (or the record lists the authority's own name or
//      ATT&CK id); or the record lists exactly one current ATT&CK group or
//      software id (MISP gives "G0059" among APT35's names) — when exactly
//      one entity qualifies; in rounds, while a round joins. Before them,
//      an entry of a vendor's naming list (SourceSpec::naming_list) joins
//      the one current ATT&CK group that lists the entry's own name, even
//      when its links also reach other entries; after them, an entry still
//      alone joins the one MISP threat-actor entry that lists its name;
//   4. the same own name given by different sources: for actors, all
//      actors with that own name join (or none, when a guard objects); for
//      software, whose names are reused far more ("Pandora" is a ransomware,
//      a RAT and a rootkit), only when the sources state one type for all
//      of them and at most one specialised catalogue (ransomware, RAT …)
//      lists them.
// Never by closure over synonyms: a name two entries claim ("APT43" is its
// own MISP entry and a Kimsuky synonym) stays with both and is ambiguous. An
// entity never holds two ATT&CK objects; two entries of one source never
// merge by rules 2–4 (that source says they differ), except for sources that
// list renames; revoked and deprecated ATT&CK objects merge only by rule 1.
// Links between records that stay apart become relations ("similar" is the
// overlap the sources assert).
#pragma once

#include <string>
#include <vector>

#include "osprey/kb/entity.h"
#include "osprey/kb/source_record.h"

namespace osprey::kb {

// What merging did, for `kb build` to report.
struct MergeReport {
  size_t records = 0;
  size_t merged_by_identity = 0;  // rule 1 unions
  size_t merged_by_link = 0;      // rules 2 and 3
  size_t merged_by_name = 0;      // rule 4
  size_t refused = 0;             // merges the guards refused
  size_t dangling_links = 0;      // links to nothing the sources define
  size_t unnamed_dropped = 0;     // entities no source names (a table row without upstream)
};

// Entities (sorted by type, then id) and relations (sorted) from records in
// registry order. Deterministic: the same records give the same output.
KbContents merge_records(const std::vector<SourceRecord>& records, MergeReport& report);

// A stable uuid for an entity no upstream source gives one (UUID version 5
// of `name` in Osprey's namespace).
std::string osprey_uuid(std::string_view name);

}  // namespace osprey::kb
