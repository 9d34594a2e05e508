// The server tests' records: a fresh SQLite file, or a fresh database on the PostgreSQL 15
// server that ctest starts (tests/server/postgresql-fixture.sh; its URI in
// $SMP_TEST_SERVER_DIR/postgresql-fixture/uri). Without that server the PostgreSQL tests
// fail: they are never skipped.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "smp/store/database.h"
#include "smp/store/migrations.h"

namespace smp::testing {

inline std::filesystem::path fresh_dir(const std::string& name) {
  static std::atomic<int> n{0};
  const std::filesystem::path dir = std::filesystem::path(::testing::TempDir()) /
                                    (name + "-" + std::to_string(getpid()) + "-" + std::to_string(n++));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

// The fixture server's URI (a test failure if there is none).
inline std::string postgresql_server_uri() {
  const char* dir = std::getenv("SMP_TEST_SERVER_DIR");
  std::string uri;
  if (dir) std::getline(std::ifstream(std::string(dir) + "/postgresql-fixture/uri"), uri);
  if (uri.empty())
    ADD_FAILURE() << "no PostgreSQL for the tests: run them through ctest, which starts one "
                     "(its URI in $SMP_TEST_SERVER_DIR/postgresql-fixture/uri)";
  return uri;
}

// A new, empty database on the fixture server (removed with the fixture's cluster).
inline std::string fresh_postgresql_database() {
  const std::string server = postgresql_server_uri();
  if (server.empty()) return "";
  static std::atomic<int> n{0};
  const std::string name = "smp_t" + std::to_string(getpid()) + "_" + std::to_string(n++);
  const std::unique_ptr<store::Connection> admin = store::open_postgresql(server);
  admin->execute_script("CREATE DATABASE " + name);
  return server.substr(0, server.rfind('/') + 1) + name;
}

inline store::StoreLocation fresh_location(store::Engine engine, const std::string& name) {
  return engine == store::Engine::sqlite ? store::StoreLocation::data_dir(fresh_dir(name))
                                         : store::StoreLocation::postgresql(fresh_postgresql_database());
}

inline std::unique_ptr<store::Database> fresh_store(store::Engine engine, const std::string& name) {
  std::unique_ptr<store::Database> db = store::Database::open(fresh_location(engine, name));
  store::migrate(*db);
  return db;
}

inline std::string engine_name(const ::testing::TestParamInfo<store::Engine>& info) {
  return info.param == store::Engine::sqlite ? "SQLite" : "PostgreSQL";
}

}  // namespace smp::testing
