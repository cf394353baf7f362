#pragma once

#include <CLI/CLI.hpp>

#include "osprey/model/article.h"
#include "osprey/model/result.h"

namespace osprey::cli {

// Adds `osprey feed FILE|- … [--format json|text]`: parses each input as a
// feed and prints it, storing nothing. Exit status in `exit_code`: 0 when
// every input was a feed, 1 when one was not (others are still printed), 2
// for bad usage.
void add_feed_command(CLI::App& app, int& exit_code);

}  // namespace osprey::cli
