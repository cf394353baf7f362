// Where the upstream data came from: the commit of a repository checkout,
// read from its .git folder without running git, or from a provenance table
// shipped beside the files.
#include <cctype>
#include <filesystem>
#include <fstream>

#include "osprey/kb/builder.h"

namespace osprey::kb {
namespace {

namespace fs = std::filesystem;

std::string first_line(const fs::path& file) {
  std::ifstream in(file);
  std::string line;
  std::getline(in, line);
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
  return line;
}

bool is_commit(std::string_view s) {
  if (s.size() != 40) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

// The first 40-hex word of `text`, or "".
std::string commit_in(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    size_t start = i;
    while (i < text.size() && std::isxdigit(static_cast<unsigned char>(text[i]))) ++i;
    if (is_commit(text.substr(start, i - start))) return std::string(text.substr(start, i - start));
    if (i == start) ++i;
  }
  return {};
}

std::string commit_from_git(const fs::path& git) {
  std::string head = first_line(git / "HEAD");
  if (is_commit(head)) return head;
  if (head.rfind("ref: ", 0) != 0) return {};
  std::string ref = head.substr(5);
  std::string loose = first_line(git / ref);
  if (is_commit(loose)) return loose;
  std::ifstream packed(git / "packed-refs");
  for (std::string line; std::getline(packed, line);)
    if (line.size() > 41 && line.compare(41, std::string::npos, ref) == 0 &&
        is_commit(line.substr(0, 40)))
      return line.substr(0, 40);
  return {};
}

}  // namespace

std::string source_commit(const std::string& source_dir, std::string_view subdir,
                          std::string_view repo) {
  std::error_code ec;
  fs::path git = fs::path(source_dir) / subdir / ".git";
  if (fs::is_directory(git, ec)) {
    std::string commit = commit_from_git(git);
    if (!commit.empty()) return commit;
  }
  for (const char* table : {"LICENSES.md", "SOURCES.md"}) {
    std::ifstream in(fs::path(source_dir) / table);
    for (std::string line; std::getline(in, line);) {
      if (line.find(repo) == std::string::npos) continue;
      std::string commit = commit_in(line);
      if (!commit.empty()) return commit;
    }
  }
  return {};
}

}  // namespace osprey::kb
