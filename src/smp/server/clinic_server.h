// `smp serve`: the clinic's records behind a JSON API over HTTP(S) (docs/server.md,
// docs/openapi.yaml). cpp-httplib's threads answer requests; every request that matters
// goes to the database, so several servers can share one PostgreSQL.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "smp/server/job_runner.h"
#include "smp/store/database.h"

namespace smp::server {

struct ServerOptions {
  std::string listen = "127.0.0.1:8080";  // HOST:PORT; port 0: any free port
  std::filesystem::path tls_cert, tls_key;  // both or neither: HTTPS
  bool insecure_listen = false;  // plain HTTP on a non-loopback address
  std::filesystem::path key_file;  // the key photos and reports are sealed with (created if absent)
  std::filesystem::path web_root;  // the web app's files, served at / (empty: the API only)
  JobRunnerOptions jobs;
};

// HOST:PORT split and checked (FieldError naming "--listen"); true if HOST is loopback.
struct ListenAddress {
  std::string host;
  int port = 0;
  bool loopback = false;
};
ListenAddress parse_listen(const std::string& listen);

class ClinicServer {
 public:
  // Checks the options (FieldError naming the option) and binds the port.
  ClinicServer(store::Database& db, const ServerOptions& options);
  ~ClinicServer();
  int port() const;
  std::string url() const;  // http(s)://host:port
  // Answers requests until stop() (from any thread or a signal handler's thread).
  void run();
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace smp::server
