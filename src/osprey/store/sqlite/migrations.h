// Versioned schema migrations. The database's PRAGMA user_version is the
// number of migrations applied; opening a store applies the missing ones in
// order, each in its own transaction. A migration, once released, is never
// edited: a change to the schema is a new migration appended to the list.
#pragma once

#include "osprey/model/result.h"
#include "osprey/store/sqlite/database.h"

namespace osprey::store::sqlite {

// The schema version this build writes.
int latest_schema_version();

// Brings the database to latest_schema_version(). Refuses a database written
// by a newer Osprey (its version is higher than this build knows).
Result<int> migrate(Database& db);

}  // namespace osprey::store::sqlite
