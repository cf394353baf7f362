#include "osprey/kb/kb_dir.h"

#include <cstdlib>
#include <filesystem>

namespace osprey::kb {

namespace fs = std::filesystem;

Result<std::string> find_kb_dir(const KbDirSearch& search) {
  if (!search.env.empty()) {
    if (search.has_kb(search.env)) return search.env;
    return Error{"OSPREY_KB=" + search.env + " holds no knowledge base (no manifest.json)"};
  }
  std::string tried;
  if (!search.executable.empty()) {
    fs::path folder = fs::path(search.executable).parent_path();
    for (const char* relative : {"../../kb", "../kb", "../share/osprey/kb"}) {
      std::string candidate = (folder / relative).lexically_normal().string();
      if (search.has_kb(candidate)) return candidate;
      tried += "\n  " + candidate;
    }
  }
  return Error{"no knowledge base found; give --kb DIR or set OSPREY_KB. Tried:" +
               (tried.empty() ? std::string(" nothing (executable path unknown)") : tried)};
}

KbDirSearch default_kb_search() {
  KbDirSearch search;
  if (const char* env = std::getenv("OSPREY_KB")) search.env = env;
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) search.executable = exe.string();
  search.has_kb = [](const std::string& dir) {
    std::error_code exists_ec;
    return fs::is_regular_file(fs::path(dir) / "manifest.json", exists_ec);
  };
  return search;
}

}  // namespace osprey::kb
