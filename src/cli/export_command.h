#pragma once

#include <CLI/CLI.hpp>

namespace osprey::cli {

// Adds `osprey export stix|misp|navigator|csv|ndjson|digest|digest-html`.
void add_export_command(CLI::App& app, int& exit_code);

}  // namespace osprey::cli
