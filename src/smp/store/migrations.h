// The schema's history: numbered files in src/smp/store/migrations, built into the program
// (NNNN_name.sql for both engines, then NNNN_name.sqlite.sql or NNNN_name.postgresql.sql
// for one; BLOB is spelt BYTEA for PostgreSQL). `migrate` applies the ones a database lacks, each in its own transaction, and
// records the version; a database newer than the program is refused.
#pragma once

#include <string>
#include <vector>

#include "smp/store/database.h"

namespace smp::store {

struct Migration {
  int version = 0;
  std::string name;
  std::string sql;  // the common file, then the engine's own
};

// The migrations for `engine`, by version (1, 2, ...).
std::vector<Migration> migrations_for(Engine engine);

// The newest version this program knows.
int latest_schema_version();

// The database's version (0: empty).
int schema_version(Database& db);

// Brings the database to latest_schema_version(); returns the versions applied. Throws
// StoreError(version) for a database newer than the program.
std::vector<int> migrate(Database& db);

}  // namespace smp::store
