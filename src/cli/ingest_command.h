#pragma once

#include <CLI/CLI.hpp>

namespace osprey::cli {

// Adds `osprey ingest` (files, folders, URLs, stdin into the store) and
// `osprey poll` (fetch the subscribed feeds that are due).
void add_ingest_commands(CLI::App& app, int& exit_code);

}  // namespace osprey::cli
