// The daily brief: stories ordered by importance (number of outlets, actors
// named, relevance), each with its title, when, sources, actors (with their
// sponsor), malware and tools, techniques, CVEs, the top indicators
// (defanged: analysts forward digests by mail) and one evidence sentence.
// Noise is left out (ExportOptions::include_noise).
#pragma once

#include <string>
#include <string_view>

#include "osprey/export/export_model.h"

namespace osprey::exporting {

// The digest as Markdown. Text from articles is escaped so that it cannot
// become markup; only http(s) links are rendered as links.
std::string to_digest_markdown(const ExportSet& set, const ExportOptions& options);

// The digest as a standalone HTML page. Every string from articles is
// HTML-escaped; only http(s) URLs become links (others are shown as text).
std::string to_digest_html(const ExportSet& set, const ExportOptions& options);

// Text escaped for HTML content and attribute values (& < > " ').
std::string html_escape(std::string_view text);

}  // namespace osprey::exporting
