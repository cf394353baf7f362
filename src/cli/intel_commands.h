#pragma once

#include <CLI/CLI.hpp>

namespace osprey::cli {

// Adds the analyst's questions to the store: `osprey stories`, `osprey
// story ID`, `osprey search QUERY`, `osprey entity NAME`, `osprey ioc VALUE`.
void add_intel_commands(CLI::App& app, int& exit_code);

}  // namespace osprey::cli
