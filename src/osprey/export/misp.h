// MISP export: one MISP event per story, in the MISP core format
// (draft-dulaunoy-misp-core-format): attributes typed and categorised from
// the observable registry's MISP mapping, tags (TLP, Osprey relevance,
// galaxy tags) and galaxy clusters for actors, malware, tools, techniques and
// sectors, using the knowledge base's MISP cluster uuids when it has them.
// Uuids are UUIDv5 in kOspreyNamespace (uuid5.h), so re-exports update the
// same events and attributes instead of duplicating them.
#pragma once

#include <string>
#include <string_view>

#include "osprey/export/export_model.h"

namespace osprey::exporting {

// Every story as {"response": [{"Event": {…}}, …]} (the shape MISP's
// restSearch returns and its JSON import reads); stories left out entirely
// (all noise) are omitted.
std::string to_misp_event(const ExportSet& set, const ExportOptions& options);

// The MISP category for a MISP attribute type (its default category in MISP's
// describeTypes); "Other" for unknown types.
std::string_view misp_category(std::string_view misp_type);

}  // namespace osprey::exporting
