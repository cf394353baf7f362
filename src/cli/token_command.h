#pragma once

#include <CLI/CLI.hpp>

namespace osprey::cli {

// Adds `osprey token create|list|revoke`: API tokens for osprey serve.
void add_token_command(CLI::App& app, int& exit_code);

}  // namespace osprey::cli
