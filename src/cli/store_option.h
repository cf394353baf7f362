// Options shared by every command that touches the store.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "osprey/store/store.h"
#include "osprey/text/since.h"

namespace osprey::cli {

// Adds --db PATH to `cmd`, writing into `path` (default: the user's data
// directory; OSPREY_DB overrides).
void add_db_option(CLI::App* cmd, std::string& path);

// Opens the store named by --db (or the default), printing the error and
// setting exit_code to 1 when it cannot be opened.
std::unique_ptr<store::Store> open_store_or_report(const std::string& path, int& exit_code);

// The CLI reads --since like the REST API reads ?since= (osprey/text/since.h).
using text::parse_since;

}  // namespace osprey::cli
