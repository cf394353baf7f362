#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "osprey/model/article.h"
#include "osprey/model/result.h"

namespace osprey::cli {

// Reads one input named on the command line as a Document: a file path, or
// "-" for standard input. URLs (http/https) are refused until the fetcher is
// wired in here; this is the one function a fetcher replaces.
Result<Document> read_document(const std::string& input);

// True when `input` names a URL rather than a file.
bool is_url(const std::string& input);

// Adds `osprey article`. Stores its exit status in `exit_code`: 0 when every
// page was read, 1 when one could not be (the others still are), 2 for a URL.
void add_article_command(CLI::App& app, int& exit_code);

}  // namespace osprey::cli
