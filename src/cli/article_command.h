#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "osprey/model/article.h"
#include "osprey/model/result.h"

namespace osprey::cli {

// Adds `osprey article`. Stores its exit status in `exit_code`: 0 when every
// page was read, 1 when one could not be (the others still are), 2 for bad usage.
void add_article_command(CLI::App& app, int& exit_code);

}  // namespace osprey::cli
