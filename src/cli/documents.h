// Where commands get their bytes: a URL through the fetcher (polite,
// bounded, SSRF-guarded), a file, or standard input ("-").
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "osprey/model/article.h"
#include "osprey/model/result.h"

namespace osprey::cli {

struct DocumentOptions {
  bool allow_private = false;  // --allow-private: loopback and private addresses may be fetched
};

// Adds --allow-private to a command that accepts URLs.
void add_document_options(CLI::App* cmd, DocumentOptions& options);

bool is_url(const std::string& input);

// Fetches or reads one input. The error names it.
Result<Document> load_document(const std::string& input, const DocumentOptions& options);

}  // namespace osprey::cli
