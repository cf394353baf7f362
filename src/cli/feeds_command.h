#pragma once

#include <CLI/CLI.hpp>

namespace osprey::cli {

// Adds `osprey feeds list|add|remove|import|export`: the subscriptions and
// their health.
void add_feeds_command(CLI::App& app, int& exit_code);

}  // namespace osprey::cli
