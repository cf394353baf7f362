// Local inputs: files, directories walked recursively, and standard input.
#pragma once

#include <string>
#include <vector>

#include "osprey/model/article.h"
#include "osprey/model/result.h"

namespace osprey::ingest {

struct FileOptions {
  size_t max_bytes = size_t{256} << 20;  // a larger file is refused, not truncated
};

// Reads a file ("-" = standard input) into a Document; content_type is
// guessed from the extension (.html, .xml, .rss, .atom, .json, .pdf, .md, .txt).
Result<Document> read_file(const std::string& path, const FileOptions& options = {});

// Every regular file under `dir`, recursively, sorted; hidden files and
// folders (".git") are skipped; symbolic links are not followed.
Result<std::vector<std::string>> list_files(const std::string& dir);

// The media type a file name suggests, or empty.
std::string media_type_for_path(const std::string& path);

}  // namespace osprey::ingest
