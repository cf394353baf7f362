// Thin RAII wrappers over the SQLite C API: a connection and a prepared
// statement. Errors come back as osprey::Error naming the failing SQL.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "osprey/model/result.h"

namespace osprey::store::sqlite {

class Statement {
 public:
  Statement() = default;
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Binds by 1-based index. Strings are copied by SQLite.
  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, int64_t value);
  Statement& bind(int index, double value);
  Statement& bind_blob(int index, std::string_view bytes);
  Statement& bind_null(int index);

  // Advances: true with a row, false when done. An error is remembered in error().
  bool step();
  // Runs to completion; the error if any.
  Result<bool> run();
  void reset();

  int64_t int64(int column) const;
  double real(int column) const;
  std::string text(int column) const;
  bool is_null(int column) const;
  const std::string& error() const { return error_; }

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
  std::string error_;
};

// A cached statement lent out for one use and reset when the lease ends. A
// statement left holding an unread row keeps its read snapshot open: that
// stops every WAL checkpoint, and the -wal file grows without bound.
class StatementLease {
 public:
  StatementLease() = default;
  explicit StatementLease(Statement* statement) : statement_(statement) {}
  StatementLease(StatementLease&& other) noexcept : statement_(other.statement_) {
    other.statement_ = nullptr;
  }
  StatementLease& operator=(StatementLease&& other) noexcept;
  StatementLease(const StatementLease&) = delete;
  StatementLease& operator=(const StatementLease&) = delete;
  ~StatementLease();

  Statement& operator*() const { return *statement_; }
  Statement* operator->() const { return statement_; }
  explicit operator bool() const { return statement_ != nullptr; }

 private:
  Statement* statement_ = nullptr;
};

class Database {
 public:
  static Result<Database> open(const std::string& path);
  Database(Database&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }
  Database& operator=(Database&& other) noexcept;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database();

  // Runs one or more statements without results.
  Result<bool> exec(const std::string& sql);
  Result<Statement> prepare(std::string_view sql);
  int64_t last_insert_id() const { return sqlite3_last_insert_rowid(db_); }
  int changes() const { return sqlite3_changes(db_); }
  // Outside a transaction, resets every statement left at a row (a
  // single-row read). Such a statement keeps its read snapshot open: later
  // reads on this connection would not see other connections' commits, and
  // a write would fail as busy once another connection has written.
  void release_reads();
  sqlite3* handle() const { return db_; }

 private:
  explicit Database(sqlite3* db) : db_(db) {}
  sqlite3* db_ = nullptr;
};

// Commits on commit(); rolls back when destroyed without it, so an error
// return anywhere in between leaves the database as it was. Inside another
// transaction it is a savepoint: its work commits with the outer one.
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  bool began() const { return began_; }
  Result<bool> commit();

 private:
  Database& db_;
  bool began_ = false;
  bool done_ = false;
  bool nested_ = false;
};

}  // namespace osprey::store::sqlite
