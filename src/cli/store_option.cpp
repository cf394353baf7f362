#include "cli/store_option.h"

#include <iostream>

namespace osprey::cli {

void add_db_option(CLI::App* cmd, std::string& path) {
  cmd->add_option("--db", path,
                  "Store file (default: $OSPREY_DB, else ~/.local/share/osprey/osprey.db)");
}

std::unique_ptr<store::Store> open_store_or_report(const std::string& path, int& exit_code) {
  std::string where = path.empty() ? store::default_store_path() : path;
  auto opened = store::open_store(where);
  if (!opened.ok()) {
    std::cerr << "osprey: " << opened.error().message << "\n";
    exit_code = 1;
    return nullptr;
  }
  return std::move(opened.value());
}

}  // namespace osprey::cli
