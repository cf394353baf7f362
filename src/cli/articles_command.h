#pragma once

#include <CLI/CLI.hpp>

namespace osprey::cli {

// Adds `osprey articles`: lists stored articles (id, source, title,
// relevance, story, duplicate_of) as text or JSON.
void add_articles_command(CLI::App& app, int& exit_code);

}  // namespace osprey::cli
