#pragma once

#include <CLI/CLI.hpp>

namespace osprey::cli {

// Adds `osprey kb` with its subcommands:
//   kb build SRC_DIR [-o DIR] [--date YYYY-MM-DD]   build the knowledge base from upstream files
//   kb info [--kb DIR] [--format text|json]          counts per type, sources, build date
//   kb lookup NAME [--kb DIR] [--format text|json]   every entry a name can mean
// Each stores its exit status in `exit_code`: 0 on success; 1 when the
// source folder or knowledge base cannot be read or written, or when
// nothing matches NAME.
void add_kb_command(CLI::App& app, int& exit_code);

}  // namespace osprey::cli
