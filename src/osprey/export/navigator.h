// ATT&CK Navigator export: a layer (format 4.5, ATT&CK 18, Navigator 5.1,
// enterprise-attack) scoring each technique by the number of stories that
// name it, from attack-pattern mentions (their ATT&CK id via the knowledge
// base) and ATT&CK technique ids written in the text (T1566.001).
#pragma once

#include <string>

#include "osprey/export/export_model.h"

namespace osprey::exporting {

// The layer as JSON text. Each technique has its score (stories), a comment
// with the counts and the first evidence sentence, and metadata naming the
// stories; a sub-technique's parent is listed with showSubtechniques.
std::string to_navigator_layer(const ExportSet& set, const ExportOptions& options);

}  // namespace osprey::exporting
