// The clinic's database: an embedded SQLite file (one clinic, nothing to install) or a
// PostgreSQL 15 server (a chain: several `smp serve` share it). Both speak the same SQL
// through this interface: `?` placeholders (numbered $1.. for PostgreSQL), every value
// bound, never spliced; every change in one transaction.
#pragma once

#include <filesystem>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "smp/store/fifo_mutex.h"
#include "smp/store/sql.h"

namespace smp::store {

enum class Engine { sqlite, postgresql };

// Where the records are: `DIR/clinic.db` (SQLite) or a libpq connection URI.
struct StoreLocation {
  Engine engine = Engine::sqlite;
  std::filesystem::path sqlite_file;
  std::string postgresql_uri;
  static StoreLocation data_dir(const std::filesystem::path& dir);
  static StoreLocation postgresql(std::string uri);
  std::string describe() const;  // for messages: the file, or the URI without its password
};

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Engine engine() const = 0;
  // Runs one statement; returns its rows (none for a statement without RETURNING).
  virtual Rows query(std::string_view sql, const std::vector<SqlValue>& params = {}) = 0;
  // Runs statements separated by ';' with no parameters (migrations).
  virtual void execute_script(std::string_view sql) = 0;
  // `write`: the transaction will change something (SQLite takes its write lock at once,
  // so two writers never deadlock on an upgrade).
  virtual void begin(bool write) = 0;
  virtual void commit() = 0;
  virtual void rollback() = 0;

  Rows query(std::string_view sql, std::initializer_list<SqlValue> params) {
    return query(sql, std::vector<SqlValue>(params));
  }
};

enum class Access { read, write };

class Database {
 public:
  // Opens (creating an SQLite file and its folder if need be); does not migrate.
  static std::unique_ptr<Database> open(const StoreLocation& where);
  ~Database();
  Engine engine() const { return where_.engine; }
  const StoreLocation& location() const { return where_; }

  // f(Connection&) in one transaction on a pooled connection: committed when f returns,
  // rolled back when it throws (and the exception passed on).
  template <class F>
  auto transaction(Access access, F&& f) {
    // SQLite has one writer at a time and makes the others poll; in one process they
    // queue in order of arrival instead (no busy timeouts, no writer starved under load).
    std::unique_lock<FifoMutex> writer;
    if (access == Access::write && where_.engine == Engine::sqlite) writer = std::unique_lock(sqlite_writer_);
    Lease lease(*this);
    lease->begin(access == Access::write);
    try {
      if constexpr (std::is_void_v<decltype(f(*lease))>) {
        f(*lease);
        lease->commit();
      } else {
        auto result = f(*lease);
        lease->commit();
        return result;
      }
    } catch (...) {
      lease.rollback_quietly();
      throw;
    }
  }

 private:
  explicit Database(StoreLocation where);
  std::unique_ptr<Connection> connect() const;

  class Lease {
   public:
    explicit Lease(Database& db);
    ~Lease();
    Connection* operator->() { return connection_.get(); }
    Connection& operator*() { return *connection_; }
    void rollback_quietly();

   private:
    Database& db_;
    std::unique_ptr<Connection> connection_;
  };

  StoreLocation where_;
  std::mutex mutex_;
  FifoMutex sqlite_writer_;
  std::vector<std::unique_ptr<Connection>> idle_;
};

// The engines: each opens one connection.
std::unique_ptr<Connection> open_sqlite(const std::filesystem::path& file);
std::unique_ptr<Connection> open_postgresql(const std::string& uri);

// SQLite's online backup of a live database into `to` (written beside it, then renamed).
void backup_sqlite(const std::filesystem::path& from, const std::filesystem::path& to);

// A backup put back as `to` (no server may have it open): checked first (an SQLite file
// whose integrity_check is ok), copied beside `to`, then renamed over it.
void restore_sqlite(const std::filesystem::path& backup, const std::filesystem::path& to);

}  // namespace smp::store
