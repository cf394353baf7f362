// What the daily digest says, before it is written as Markdown or HTML
// (digest.h): the stories ranked by how many outlets report them and how
// severe they are, each with a two-sentence extractive summary (summary.h),
// its actors, software, techniques, CVEs and new indicators; the number of
// stories per day for the chart; and how many noise items were left out.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "osprey/export/export_model.h"

namespace osprey::exporting {

inline constexpr size_t kBriefIndicators = 8;  // indicators listed per story
inline constexpr size_t kVolumeDays = 14;      // days the story-volume chart covers at most

struct BriefLink {
  std::string text;
  std::string url;  // empty: not a web link, shown as text only
};

struct StoryBrief {
  std::string title;               // one line
  std::string when;                // "2024-11-05T08:23Z"; empty when unknown
  std::vector<BriefLink> sources;  // one per outlet
  std::vector<std::string> actors, software, techniques, cves;
  std::vector<std::string> indicators;  // "type value", defanged; benign ones never
  // At most two sentences, in article order, with the story's network
  // indicators defanged; the best relation's evidence when no sentence is
  // prose; empty when there is neither.
  std::vector<std::string> summary;
  int severity = 0;  // 0..10, see story_severity
  std::vector<std::string> severity_reasons;
  int64_t first_seen = 0;
  int64_t last_seen = 0;
};

struct DayVolume {
  std::string day;  // "2024-11-05"
  int stories = 0;
};

struct Brief {
  std::string date;  // the day of ExportSet::generated_at
  std::vector<StoryBrief> stories;
  std::vector<DayVolume> volume;  // consecutive days, oldest first; empty without stories
  int noise_left_out = 0;         // articles triaged as noise and not listed
};

// Severity from what a story names, 0..10: an intrusion set +3, malware or a
// tool +2, a CVE +2, an indicator +1, triage relevance of 0.8 or more +2.
// `reasons` receives the name of each rule that applied, in that order.
int story_severity(const StoryBrief& story, double relevance, std::vector<std::string>& reasons);

// "high" (6 or more), "medium" (3 to 5) or "low".
std::string_view severity_label(int severity);

// The digest's content. Stories are ordered by outlets (most first), then
// severity, then the latest sighting, then title, so equal input gives an
// equal order. The volume counts each listed story on the day it was first
// seen, over the consecutive days from the first to the last such day (the
// last kVolumeDays at most).
Brief make_brief(const ExportSet& set, const ExportOptions& options);

}  // namespace osprey::exporting
