#pragma once

#include <CLI/CLI.hpp>

namespace osprey::cli {

// Adds `osprey serve`: the REST API, TAXII 2.1 and the feed poller.
void add_serve_command(CLI::App& app, int& exit_code);

}  // namespace osprey::cli
