// The SQLite engine: one file in WAL mode (readers never wait for the writer), foreign
// keys on, synchronous FULL (a change answered 2xx survives a power cut, not only a crash),
// writers waiting up to 5 s for the lock.
#include <sqlite3.h>

#include <fmt/format.h>

#include "smp/store/database.h"

namespace smp::store {
namespace {

constexpr int kBusyTimeoutMs = 5000;

StoreError error_of(sqlite3* db, int rc, std::string_view what) {
  const int primary = rc & 0xff;
  const StoreError::Kind kind = primary == SQLITE_CONSTRAINT ? StoreError::Kind::conflict
                                : primary == SQLITE_BUSY || primary == SQLITE_LOCKED
                                    ? StoreError::Kind::busy
                                    : StoreError::Kind::other;
  return StoreError(kind, fmt::format("sqlite: {}: {}", what, db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
}

class SqliteConnection final : public Connection {
 public:
  explicit SqliteConnection(const std::filesystem::path& file) {
    if (file.has_parent_path() && !std::filesystem::exists(file.parent_path())) {
      std::filesystem::create_directories(file.parent_path());
      std::filesystem::permissions(file.parent_path(), std::filesystem::perms::owner_all);
    }
    const int rc = sqlite3_open_v2(file.c_str(), &db_,
                                   SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                                   nullptr);
    if (rc != SQLITE_OK) {
      StoreError e = error_of(db_, rc, file.string());
      sqlite3_close(db_);
      throw e;
    }
    // Medical records: readable by the server's user only (SQLite gives its -wal and -shm
    // files the database's mode).
    std::filesystem::permissions(file, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    sqlite3_busy_timeout(db_, kBusyTimeoutMs);
    // A 1 MB page cache per connection: the server holds one per HTTP thread.
    execute_script("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA cache_size = -1024");
    // Switched to WAL once, by the first connection: asking again takes a lock, and a new
    // connection opened under load then waited out the busy timeout behind the writers.
    if (query("PRAGMA journal_mode", {}).at(0).text(0) != "wal") execute_script("PRAGMA journal_mode = WAL");
  }
  ~SqliteConnection() override { sqlite3_close_v2(db_); }

  Engine engine() const override { return Engine::sqlite; }

  Rows query(std::string_view sql, const std::vector<SqlValue>& params) override {
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
    if (rc != SQLITE_OK) throw error_of(db_, rc, "prepare");
    std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)> guard(stmt, sqlite3_finalize);
    for (std::size_t i = 0; i < params.size(); ++i) bind(stmt, static_cast<int>(i) + 1, params[i]);
    Rows rows;
    const int columns = sqlite3_column_count(stmt);
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      std::vector<SqlValue> values(columns);
      for (int c = 0; c < columns; ++c) values[c] = column(stmt, c);
      rows.emplace_back(std::move(values));
    }
    if (rc != SQLITE_DONE) throw error_of(db_, rc, "step");
    return rows;
  }

  void execute_script(std::string_view sql) override {
    char* message = nullptr;
    const int rc = sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
      const std::string m = message ? message : sqlite3_errstr(rc);
      sqlite3_free(message);
      throw StoreError(rc == SQLITE_BUSY ? StoreError::Kind::busy : StoreError::Kind::other,
                       "sqlite: " + m);
    }
  }

  void begin(bool write) override { execute_script(write ? "BEGIN IMMEDIATE" : "BEGIN"); }
  void commit() override { execute_script("COMMIT"); }
  void rollback() override {
    if (!sqlite3_get_autocommit(db_)) execute_script("ROLLBACK");
  }

 private:
  void bind(sqlite3_stmt* stmt, int i, const SqlValue& v) {
    int rc = SQLITE_OK;
    if (std::holds_alternative<std::monostate>(v))
      rc = sqlite3_bind_null(stmt, i);
    else if (const auto* n = std::get_if<std::int64_t>(&v))
      rc = sqlite3_bind_int64(stmt, i, *n);
    else if (const auto* d = std::get_if<double>(&v))
      rc = sqlite3_bind_double(stmt, i, *d);
    else if (const auto* s = std::get_if<std::string>(&v))
      rc = sqlite3_bind_text64(stmt, i, s->data(), s->size(), SQLITE_TRANSIENT, SQLITE_UTF8);
    else {
      const std::string& b = std::get<Blob>(v).bytes;
      rc = sqlite3_bind_blob64(stmt, i, b.data(), b.size(), SQLITE_TRANSIENT);
    }
    if (rc != SQLITE_OK) throw error_of(db_, rc, fmt::format("bind parameter {}", i));
  }

  static SqlValue column(sqlite3_stmt* stmt, int c) {
    switch (sqlite3_column_type(stmt, c)) {
      case SQLITE_INTEGER:
        return static_cast<std::int64_t>(sqlite3_column_int64(stmt, c));
      case SQLITE_FLOAT:
        return sqlite3_column_double(stmt, c);
      case SQLITE_TEXT:
        return std::string(reinterpret_cast<const char*>(sqlite3_column_text(stmt, c)),
                           static_cast<std::size_t>(sqlite3_column_bytes(stmt, c)));
      case SQLITE_BLOB: {
        const auto* p = static_cast<const char*>(sqlite3_column_blob(stmt, c));
        return Blob{std::string(p ? p : "", static_cast<std::size_t>(sqlite3_column_bytes(stmt, c)))};
      }
      default:
        return std::monostate{};
    }
  }

  sqlite3* db_ = nullptr;
};

}  // namespace

std::unique_ptr<Connection> open_sqlite(const std::filesystem::path& file) {
  return std::make_unique<SqliteConnection>(file);
}

void backup_sqlite(const std::filesystem::path& from, const std::filesystem::path& to) {
  if (!std::filesystem::exists(from))
    throw StoreError(StoreError::Kind::other, fmt::format("{}: no clinic database", from.string()));
  const std::filesystem::path partial = to.string() + ".partial";
  std::filesystem::remove(partial);
  sqlite3 *source = nullptr, *target = nullptr;
  auto close = [&] {
    sqlite3_close_v2(source);
    sqlite3_close_v2(target);
  };
  int rc = sqlite3_open_v2(from.c_str(), &source, SQLITE_OPEN_READONLY, nullptr);
  if (rc == SQLITE_OK)
    rc = sqlite3_open_v2(partial.c_str(), &target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                         nullptr);
  if (rc != SQLITE_OK) {
    StoreError e = error_of(target ? target : source, rc, "backup");
    close();
    throw e;
  }
  sqlite3_busy_timeout(source, kBusyTimeoutMs);
  sqlite3_backup* b = sqlite3_backup_init(target, "main", source, "main");
  if (!b) {
    StoreError e = error_of(target, sqlite3_errcode(target), "backup");
    close();
    throw e;
  }
  // Step by step, letting the server write in between (SQLite restarts a step that a
  // write overtook).
  do {
    rc = sqlite3_backup_step(b, 256);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(20);
  } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE) {
    StoreError e = error_of(target, rc, "backup");
    close();
    std::filesystem::remove(partial);
    throw e;
  }
  // The copy is one file (no WAL beside it): a rollback journal copy needs no -wal file.
  sqlite3_exec(target, "PRAGMA journal_mode = DELETE", nullptr, nullptr, nullptr);
  close();
  std::filesystem::rename(partial, to);
}

void restore_sqlite(const std::filesystem::path& backup, const std::filesystem::path& to) {
  if (!std::filesystem::is_regular_file(backup))
    throw StoreError(StoreError::Kind::other, backup.string() + ": no such backup file", "--from");
  {
    const std::unique_ptr<Connection> c = open_sqlite(backup);
    const Rows check = c->query("PRAGMA integrity_check");
    if (check.empty() || check[0].text(0) != "ok")
      throw StoreError(StoreError::Kind::other, backup.string() + ": the backup is damaged (integrity_check)", "--from");
  }
  const std::filesystem::path partial = to.string() + ".restoring";
  std::filesystem::create_directories(to.parent_path());
  std::filesystem::copy_file(backup, partial, std::filesystem::copy_options::overwrite_existing);
  // The old file's write-ahead log would be replayed into the restored one.
  for (const char* suffix : {"-wal", "-shm"}) std::filesystem::remove(to.string() + suffix);
  std::filesystem::rename(partial, to);
}

}  // namespace smp::store
