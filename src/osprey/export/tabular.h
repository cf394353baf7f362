// Indicator tables: one row per (indicator, article) as CSV (RFC 4180, with
// spreadsheet formula injection neutralised) or NDJSON. Columns, in order:
// type, value, defanged, first_seen, story_id, article_url, title,
// relevance_label, confidence, benign, context.
#pragma once

#include <string>
#include <string_view>

#include "osprey/export/export_model.h"

namespace osprey::exporting {

// CSV with a header row and CRLF line ends. Every cell is one RFC 4180 field
// (quoted when it holds a comma, quote, CR or LF; quotes doubled), and a cell
// starting with = + - @ tab or CR gets a leading apostrophe, so a spreadsheet
// shows attacker-written text instead of evaluating it.
std::string to_csv(const ExportSet& set, const ExportOptions& options);

// One JSON object per line with the same fields (benign: the reason, or "").
std::string to_ndjson(const ExportSet& set, const ExportOptions& options);

// One CSV field as described for to_csv (exposed for tests).
std::string csv_field(std::string_view cell);

}  // namespace osprey::exporting
