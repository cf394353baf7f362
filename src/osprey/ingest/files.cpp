#include "osprey/ingest/files.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>

#include "osprey/text/ascii.h"

namespace osprey::ingest {
namespace {

struct FileCloser {
  void operator()(FILE* f) const {
    if (f && f != stdin) std::fclose(f);
  }
};

}  // namespace

std::string media_type_for_path(const std::string& path) {
  std::string lower = text::ascii_lowercase(path);
  struct Extension {
    const char* suffix;
    const char* type;
  };
  static const Extension kExtensions[] = {
      {".html", "text/html"},          {".htm", "text/html"},
      {".xhtml", "text/html"},         {".xml", "application/xml"},
      {".rss", "application/rss+xml"}, {".atom", "application/atom+xml"},
      {".rdf", "application/rdf+xml"}, {".json", "application/json"},
      {".pdf", "application/pdf"},     {".md", "text/markdown"},
      {".markdown", "text/markdown"},  {".txt", "text/plain"},
      {".opml", "text/x-opml"},
  };
  for (const Extension& e : kExtensions) {
    if (lower.ends_with(e.suffix)) return e.type;
  }
  return {};
}

Result<Document> read_file(const std::string& path, const FileOptions& options) {
  std::unique_ptr<FILE, FileCloser> file(path == "-" ? stdin : std::fopen(path.c_str(), "rb"));
  if (!file) return Error{"cannot read " + path + ": " + std::strerror(errno)};
  Document doc;
  doc.url = path;
  doc.final_url = path;
  doc.content_type = media_type_for_path(path);
  doc.fetched_at = static_cast<int64_t>(std::time(nullptr));
  char buffer[1 << 16];
  for (;;) {
    size_t n = std::fread(buffer, 1, sizeof buffer, file.get());
    if (n == 0) break;
    if (doc.body.size() + n > options.max_bytes) {
      return Error{path + ": larger than " + std::to_string(options.max_bytes >> 20) +
                   " MiB; refused"};
    }
    doc.body.append(buffer, n);
  }
  if (std::ferror(file.get())) return Error{"cannot read " + path + ": " + std::strerror(errno)};
  return doc;
}

Result<std::vector<std::string>> list_files(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code error;
  fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, error);
  if (error) return Error{"cannot list " + dir + ": " + error.message()};
  std::vector<std::string> files;
  for (; it != fs::recursive_directory_iterator(); it.increment(error)) {
    if (error) return Error{"cannot list " + dir + ": " + error.message()};
    const fs::path& path = it->path();
    if (path.filename().string().starts_with(".")) {
      if (it->is_directory(error)) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file(error) && !it->is_symlink(error)) files.push_back(path.string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace osprey::ingest
