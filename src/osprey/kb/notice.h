// The NOTICE.md written beside every built knowledge base: which upstream
// data it derives from, at which version and commit, under which licence.
// The ATT&CK licence requires its copyright line and licence text in every
// copy, so the builder writes them with the data rather than relying on a
// file someone might forget to copy.
#pragma once

#include <string>

#include "osprey/kb/entity.h"

namespace osprey::kb {

std::string notice_text(const Manifest& manifest);

}  // namespace osprey::kb
