// The digest's chart of story volume by day: a small inline SVG bar chart,
// self-contained (no script, no external reference, no event handler), that
// scales down to a phone's width.
#pragma once

#include <string>
#include <vector>

#include "osprey/export/brief.h"

namespace osprey::exporting {

// An <svg class="volume"> element with one <rect class="bar"> per day (each
// with a <title> giving the day and count, for hover and screen readers),
// the count above and the day ("11-05") below each bar; empty when `days` is.
std::string volume_chart_svg(const std::vector<DayVolume>& days);

}  // namespace osprey::exporting
