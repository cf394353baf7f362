#pragma once

#include <CLI/CLI.hpp>

namespace osprey::cli {

// Adds `osprey extract`. The command stores its exit status in `exit_code`:
// 0 when every input was read, 1 when one could not be (others still are).
void add_extract_command(CLI::App& app, int& exit_code);

}  // namespace osprey::cli
