#include <cstdlib>

#include "osprey/store/sqlite/sqlite_store.h"
#include "osprey/store/store.h"

namespace osprey::store {

Result<std::unique_ptr<Store>> open_store(const std::string& path) {
  if (path.rfind("postgres://", 0) == 0 || path.rfind("postgresql://", 0) == 0) {
    return Error{"PostgreSQL stores are not supported by this build yet; use a SQLite file path"};
  }
  auto store = sqlite::SqliteStore::open(path);
  if (!store.ok()) return store.error();
  return std::unique_ptr<Store>(std::move(store.value()));
}

std::string default_store_path() {
  if (const char* db = std::getenv("OSPREY_DB"); db && *db) return db;
  if (const char* data = std::getenv("XDG_DATA_HOME"); data && *data) {
    return std::string(data) + "/osprey/osprey.db";
  }
  if (const char* home = std::getenv("HOME"); home && *home) {
    return std::string(home) + "/.local/share/osprey/osprey.db";
  }
  return "osprey.db";
}

}  // namespace osprey::store
