#pragma once

#include <CLI/CLI.hpp>

namespace osprey::cli {

// Adds `osprey watchlist add|list|remove` and `osprey alerts`.
void add_watchlist_commands(CLI::App& app, int& exit_code);

}  // namespace osprey::cli
