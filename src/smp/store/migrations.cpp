#include "smp/store/migrations.h"

#include <algorithm>
#include <map>
#include <regex>

#include <fmt/format.h>

#include "migration_files.h"

namespace smp::store {
namespace {

// Serialises two PostgreSQL servers migrating at once (any fixed key; "SMP" in ASCII).
constexpr long kMigrationLock = 0x534d50;

int read_version(Connection& c) {
  c.query("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
  const Rows rows = c.query("SELECT version FROM schema_version");
  return rows.empty() ? 0 : static_cast<int>(rows.front().integer(0));
}

}  // namespace

std::vector<Migration> migrations_for(Engine engine) {
  const std::string_view own = engine == Engine::sqlite ? "sqlite" : "postgresql";
  std::map<int, Migration> by_version;
  for (const MigrationFile& f : kMigrationFiles) {
    // NNNN_name.sql, NNNN_name.<engine>.sql
    const std::string_view file = f.file_name;
    const std::size_t underscore = file.find('_');
    const int version = std::stoi(std::string(file.substr(0, underscore)));
    std::string_view stem = file.substr(underscore + 1, file.size() - underscore - 1 - 4);
    std::string_view only;
    if (const std::size_t dot = stem.find('.'); dot != std::string_view::npos) {
      only = stem.substr(dot + 1);
      stem = stem.substr(0, dot);
    }
    if (!only.empty() && only != own) continue;
    Migration& m = by_version[version];
    m.version = version;
    m.name = stem;
    // The common file first, whichever order the files came in.
    m.sql = only.empty() ? std::string(f.sql) + "\n" + m.sql : m.sql + "\n" + std::string(f.sql);
  }
  std::vector<Migration> out;
  for (auto& [v, m] : by_version) {
    // The one type the engines spell differently: bytes.
    if (engine == Engine::postgresql) m.sql = std::regex_replace(m.sql, std::regex("\\bBLOB\\b"), "BYTEA");
    out.push_back(std::move(m));
  }
  return out;
}

int latest_schema_version() {
  const std::vector<Migration> all = migrations_for(Engine::sqlite);
  return all.empty() ? 0 : all.back().version;
}

int schema_version(Database& db) {
  try {
    return db.transaction(Access::read, [](Connection& c) {
      const Rows rows = c.query("SELECT version FROM schema_version");
      return rows.empty() ? 0 : static_cast<int>(rows.front().integer(0));
    });
  } catch (const StoreError&) {
    return 0;  // no schema_version table: an empty database
  }
}

std::vector<int> migrate(Database& db) {
  std::vector<int> applied;
  const int latest = latest_schema_version();
  for (const Migration& m : migrations_for(db.engine())) {
    const bool done = db.transaction(Access::write, [&](Connection& c) {
      if (c.engine() == Engine::postgresql)
        c.query("SELECT pg_advisory_xact_lock(?)", {static_cast<std::int64_t>(kMigrationLock)});
      const int version = read_version(c);
      if (version > latest)
        throw StoreError(StoreError::Kind::version,
                         fmt::format("{}: the clinic database has schema version {}, newer than "
                                     "this smp knows ({}): run a newer smp",
                                     db.location().describe(), version, latest));
      if (version >= m.version) return true;
      c.execute_script(m.sql);
      if (version == 0) c.query("INSERT INTO schema_version (version) VALUES (?)", {std::int64_t{m.version}});
      else c.query("UPDATE schema_version SET version = ?", {std::int64_t{m.version}});
      return false;
    });
    if (!done) applied.push_back(m.version);
  }
  return applied;
}

}  // namespace smp::store
