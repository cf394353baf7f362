#include "osprey/store/sqlite/database.h"

#include <utility>

namespace osprey::store::sqlite {

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_), stmt_(other.stmt_), error_(std::move(other.error_)) {
  other.stmt_ = nullptr;
}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(stmt_);
    db_ = other.db_;
    stmt_ = other.stmt_;
    error_ = std::move(other.error_);
    other.stmt_ = nullptr;
  }
  return *this;
}

Statement::~Statement() {
  sqlite3_finalize(stmt_);
}

Statement& Statement::bind(int index, std::string_view text) {
  sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  return *this;
}

Statement& Statement::bind(int index, int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}

Statement& Statement::bind(int index, double value) {
  sqlite3_bind_double(stmt_, index, value);
  return *this;
}

Statement& Statement::bind_blob(int index, std::string_view bytes) {
  sqlite3_bind_blob64(stmt_, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::bind_null(int index) {
  sqlite3_bind_null(stmt_, index);
  return *this;
}

bool Statement::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc != SQLITE_DONE) error_ = sqlite3_errmsg(db_);
  return false;
}

Result<bool> Statement::run() {
  while (step()) {
  }
  if (!error_.empty()) return Error{"database: " + error_};
  return true;
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  error_.clear();
}

StatementLease& StatementLease::operator=(StatementLease&& other) noexcept {
  if (this != &other) {
    if (statement_) statement_->reset();
    statement_ = other.statement_;
    other.statement_ = nullptr;
  }
  return *this;
}

StatementLease::~StatementLease() {
  if (statement_) statement_->reset();
}

int64_t Statement::int64(int column) const {
  return sqlite3_column_int64(stmt_, column);
}
double Statement::real(int column) const {
  return sqlite3_column_double(stmt_, column);
}
bool Statement::is_null(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

std::string Statement::text(int column) const {
  const void* data = sqlite3_column_blob(stmt_, column);
  int size = sqlite3_column_bytes(stmt_, column);
  if (data == nullptr || size <= 0) return {};
  return std::string(static_cast<const char*>(data), static_cast<size_t>(size));
}

Result<Database> Database::open(const std::string& path) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(
      path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return Error{"cannot open database " + path + ": " + message};
  }
  sqlite3_busy_timeout(db, 10000);
  sqlite3_extended_result_codes(db, 1);
  return Database(db);
}

Database& Database::operator=(Database&& other) noexcept {
  if (this != &other) {
    sqlite3_close(db_);
    db_ = other.db_;
    other.db_ = nullptr;
  }
  return *this;
}

Database::~Database() {
  sqlite3_close(db_);
}

Result<bool> Database::exec(const std::string& sql) {
  char* message = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    std::string text = message ? message : sqlite3_errmsg(db_);
    sqlite3_free(message);
    return Error{"database: " + text};
  }
  return true;
}

Result<Statement> Database::prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr) !=
      SQLITE_OK) {
    return Error{"database: " + std::string(sqlite3_errmsg(db_)) + " in: " + std::string(sql)};
  }
  return Statement(db_, stmt);
}

void Database::release_reads() {
  if (sqlite3_get_autocommit(db_) == 0) return;  // inside a transaction: its reads are its own
  for (sqlite3_stmt* s = sqlite3_next_stmt(db_, nullptr); s; s = sqlite3_next_stmt(db_, s)) {
    if (sqlite3_stmt_busy(s)) sqlite3_reset(s);
  }
}

Transaction::Transaction(Database& db) : db_(db) {
  nested_ = sqlite3_get_autocommit(db_.handle()) == 0;
  if (!nested_) db_.release_reads();  // a stale snapshot cannot become a write
  began_ = db_.exec(nested_ ? "SAVEPOINT osprey" : "BEGIN IMMEDIATE").ok();
}

Transaction::~Transaction() {
  if (began_ && !done_) {
    (void)db_.exec(nested_ ? "ROLLBACK TO osprey; RELEASE osprey" : "ROLLBACK");
  }
}

Result<bool> Transaction::commit() {
  if (!began_) return Error{"database: transaction did not begin"};
  auto result = db_.exec(nested_ ? "RELEASE osprey" : "COMMIT");
  if (result.ok()) done_ = true;
  return result;
}

}  // namespace osprey::store::sqlite
