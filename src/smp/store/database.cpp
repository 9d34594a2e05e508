#include "smp/store/database.h"

#include <regex>

namespace smp::store {

StoreLocation StoreLocation::data_dir(const std::filesystem::path& dir) {
  StoreLocation l;
  l.engine = Engine::sqlite;
  l.sqlite_file = dir / "clinic.db";
  return l;
}

StoreLocation StoreLocation::postgresql(std::string uri) {
  StoreLocation l;
  l.engine = Engine::postgresql;
  l.postgresql_uri = std::move(uri);
  return l;
}

std::string StoreLocation::describe() const {
  if (engine == Engine::sqlite) return sqlite_file.string();
  // postgresql://user:secret@host/db -> postgresql://user@host/db
  return std::regex_replace(postgresql_uri, std::regex("^(postgres(ql)?://[^:@/]*):[^@/]*@"),
                            "$1@");
}

Database::Database(StoreLocation where) : where_(std::move(where)) {}
Database::~Database() = default;

std::unique_ptr<Database> Database::open(const StoreLocation& where) {
  std::unique_ptr<Database> db(new Database(where));
  // One connection at once: a bad location fails here, not on the first request.
  db->idle_.push_back(db->connect());
  return db;
}

std::unique_ptr<Connection> Database::connect() const {
  return where_.engine == Engine::sqlite ? open_sqlite(where_.sqlite_file)
                                         : open_postgresql(where_.postgresql_uri);
}

Database::Lease::Lease(Database& db) : db_(db) {
  {
    std::lock_guard lock(db.mutex_);
    if (!db.idle_.empty()) {
      connection_ = std::move(db.idle_.back());
      db.idle_.pop_back();
    }
  }
  if (!connection_) connection_ = db.connect();
}

Database::Lease::~Lease() {
  if (!connection_) return;
  std::lock_guard lock(db_.mutex_);
  db_.idle_.push_back(std::move(connection_));
}

void Database::Lease::rollback_quietly() {
  try {
    connection_->rollback();
  } catch (...) {
    connection_.reset();  // a connection that cannot roll back is not reused
  }
}

}  // namespace smp::store
