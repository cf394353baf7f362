// The daily brief, written from make_brief (brief.h): a header with the TLP
// level and how many stories and noise items there were, the story volume by
// day, then each story ranked by outlets and severity with its two-sentence
// extractive summary, sources, actors (with their sponsor), malware and
// tools, techniques, CVEs and new indicators (defanged: analysts forward
// digests by mail). Noise is counted but not listed unless
// ExportOptions::include_noise. Equal input gives equal bytes: nothing
// depends on the clock or the machine (the date is ExportSet::generated_at).
#pragma once

#include <string>
#include <string_view>

#include "osprey/export/export_model.h"

namespace osprey::exporting {

// The digest as Markdown. Text from articles is escaped so that it cannot
// become markup; only http(s) links are rendered as links.
std::string to_digest_markdown(const ExportSet& set, const ExportOptions& options);

// The digest as one self-contained HTML page, readable on a phone: a table of
// facts per story and the volume as an inline SVG bar chart. No script, no
// event handler, nothing loaded from anywhere; its Content-Security-Policy
// allows only its own style block (by hash). Every string from articles is
// HTML-escaped; only http(s) URLs become links (others are shown as text).
std::string to_digest_html(const ExportSet& set, const ExportOptions& options);

// Text escaped for HTML content and attribute values (& < > " ').
std::string html_escape(std::string_view text);

}  // namespace osprey::exporting
