// Options shared by every command that touches the store.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "osprey/store/store.h"

namespace osprey::cli {

// Adds --db PATH to `cmd`, writing into `path` (default: the user's data
// directory; OSPREY_DB overrides).
void add_db_option(CLI::App* cmd, std::string& path);

// Opens the store named by --db (or the default), printing the error and
// setting exit_code to 1 when it cannot be opened.
std::unique_ptr<store::Store> open_store_or_report(const std::string& path, int& exit_code);

// "2d", "12h", "30m", "1w" (before `now`), "2024-11-05" or an RFC 3339 time,
// as Unix seconds UTC; nullopt when unreadable.
std::optional<int64_t> parse_since(const std::string& text, int64_t now);

}  // namespace osprey::cli
