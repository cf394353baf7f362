// The knowledge-base builder behind `osprey kb build`: reads every source of
// the registry (sources.h) from a folder of upstream files, merges the
// records (merge.h) and returns the facts to write. It never touches the
// network.
#pragma once

#include <string>
#include <vector>

#include "osprey/kb/entity.h"
#include "osprey/kb/merge.h"
#include "osprey/model/result.h"

namespace osprey::kb {

struct BuildOptions {
  // The build date written to the manifest (YYYY-MM-DD). Empty: taken from
  // SOURCE_DATE_EPOCH when set, else the newest modification date in the
  // inputs, so the same inputs always give the same bytes.
  std::string date;
};

struct BuildReport {
  MergeReport merge;
  std::vector<std::string> skipped;  // optional sources whose file is absent
};

struct BuildResult {
  KbContents contents;
  std::string notice;  // NOTICE.md for the output folder: sources and licences
  BuildReport report;
};

// Builds from `source_dir`, laid out as kb/README.md describes
// (misp-galaxy/clusters/*.json, attack/<domain>-attack*.json). Errors: the
// folder or a required file is missing (the message lists every missing
// file), or a file is malformed (the message names it and the place).
Result<BuildResult> build_kb(const std::string& source_dir, const BuildOptions& options = {});

// The commit an upstream repository was at, when the source folder says:
// from `<source_dir>/<subdir>/.git`, else from a provenance table
// (LICENSES.md, SOURCES.md) listing `repo` beside a 40-hex commit. "" if unknown.
std::string source_commit(const std::string& source_dir, std::string_view subdir,
                          std::string_view repo);

}  // namespace osprey::kb
