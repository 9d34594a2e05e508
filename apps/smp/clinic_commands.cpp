#include "clinic_commands.h"

#include <signal.h>
#include <termios.h>
#include <unistd.h>

#include <iostream>
#include <thread>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "smp/server/case_records.h"
#include "smp/server/clinic_server.h"
#include "smp/server/demo_clinic.h"
#include "smp/store/audit_log.h"
#include "smp/store/field_error.h"
#include "smp/store/migrations.h"
#include "smp/store/users.h"

#include "exit_code.h"

namespace smp::cli {
namespace {

struct StoreFlags {
  std::string data_dir, database_uri;
  void add_to(CLI::App* cmd) {
    cmd->add_option("--data", data_dir, "Clinic data folder (SQLite: DIR/clinic.db, created on first use)");
    cmd->add_option("--database", database_uri, "PostgreSQL instead: postgresql://USER@HOST:PORT/DB");
  }
  store::StoreLocation location() const {
    if (data_dir.empty() == database_uri.empty())
      throw store::FieldError("--data", "give one of --data DIR or --database postgresql://...");
    if (!database_uri.empty()) {
      if (!database_uri.starts_with("postgresql://") && !database_uri.starts_with("postgres://"))
        throw store::FieldError("--database", "must be a postgresql:// URI");
      return store::StoreLocation::postgresql(database_uri);
    }
    return store::StoreLocation::data_dir(data_dir);
  }
  // The records, migrated to this program's schema.
  std::unique_ptr<store::Database> open() const {
    std::unique_ptr<store::Database> db = store::Database::open(location());
    for (int v : store::migrate(*db)) fmt::print(stderr, "smp: {}: schema migrated to version {}\n", db->location().describe(), v);
    return db;
  }
};

std::string read_line_quietly(const char* prompt) {
  termios old{};
  const bool tty = isatty(STDIN_FILENO);
  if (tty) {
    fmt::print(stderr, "{}", prompt);
    tcgetattr(STDIN_FILENO, &old);
    termios quiet = old;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string line;
  std::getline(std::cin, line);
  if (tty) {
    tcsetattr(STDIN_FILENO, TCSANOW, &old);
    fmt::print(stderr, "\n");
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

// From standard input: twice on a terminal, once from a pipe.
std::string read_new_password() {
  const std::string first = read_line_quietly("Password: ");
  if (isatty(STDIN_FILENO) && read_line_quietly("Password again: ") != first)
    throw store::FieldError("password", "the two passwords differ");
  return first;
}

struct ServeCommand {
  StoreFlags store;
  server::ServerOptions options;
  bool demo = false;
};

int run_serve(const ServeCommand& cmd) {
  // Signals go to one thread that stops the server (set before the server's threads start).
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  server::ServerOptions options = cmd.options;
  if (options.key_file.empty()) {
    if (cmd.store.data_dir.empty())
      throw store::FieldError("--key-file", "with --database, give the key file every server of the chain shares");
    options.key_file = std::filesystem::path(cmd.store.data_dir) / "clinic.key";
  }
  const std::unique_ptr<store::Database> db = cmd.store.open();
  if (cmd.demo) {
    const server::DemoClinic demo = server::seed_demo_clinic(*db);
    fmt::print("smp serve: a demo clinic with {} patients (the bundled examples, made-up names). One-time "
               "passwords, shown only now; each is changed at first sign-in:\n",
               demo.patients);
    for (const server::DemoAccount& a : demo.accounts)
      fmt::print("  {:<11} {:<11} {}\n", a.name, store::role_name(a.role), a.one_time_password);
  }
  server::ClinicServer server(*db, options);
  std::thread waiter([&] {
    int signal = 0;
    sigwait(&stop_signals, &signal);
    server.stop();
  });
  fmt::print("smp serve: listening on {} ({}, schema version {})\n", server.url(), db->location().describe(),
             store::schema_version(*db));
  std::fflush(stdout);
  server.run();
  pthread_kill(waiter.native_handle(), SIGTERM);  // a stop not from a signal still ends the waiter
  waiter.join();
  return 0;
}

struct UserCommand {
  StoreFlags store;
  std::string name, role;
};

int run_user_add(const UserCommand& cmd) {
  const std::optional<store::Role> role = store::parse_role(cmd.role);
  if (!role) throw store::FieldError("--role", "must be admin, doctor, technician or front_desk");
  const std::unique_ptr<store::Database> db = cmd.store.open();
  const std::string password = read_new_password();
  const store::User u = db->transaction(store::Access::write, [&](store::Connection& c) {
    store::User u = store::add_user(c, cmd.name, *role, password);
    store::AuditEvent e{"", "", store::AuditAction::create, "user", u.id, "command line", store::AuditOutcome::ok};
    store::append_audit(c, e);
    return u;
  });
  fmt::print("user {} ({}) added as {}\n", u.name, u.id, store::role_name(u.role));
  return 0;
}

int run_user_disable(const UserCommand& cmd) {
  const std::unique_ptr<store::Database> db = cmd.store.open();
  const store::User u = db->transaction(store::Access::write, [&](store::Connection& c) {
    store::User u = store::disable_user(c, cmd.name);
    store::append_audit(c, {"", "", store::AuditAction::disable, "user", u.id, "command line", store::AuditOutcome::ok});
    return u;
  });
  fmt::print("user {} ({}) disabled; their sessions are closed\n", u.name, u.id);
  return 0;
}

struct BackupCommand {
  StoreFlags store;
  std::string file;
  bool replace = false;
};

int run_backup(const BackupCommand& cmd) {
  const store::StoreLocation where = cmd.store.location();
  if (where.engine != store::Engine::sqlite)
    throw store::FieldError("--database", "back up PostgreSQL with pg_dump (docs/server.md)");
  const std::unique_ptr<store::Database> db = cmd.store.open();
  store::append_audit(*db, {"", "", store::AuditAction::backup, "database", "", "command line", store::AuditOutcome::ok});
  store::backup_sqlite(where.sqlite_file, cmd.file);
  fmt::print("{}: backup of {}\n", cmd.file, where.describe());
  return 0;
}

int run_restore(const BackupCommand& cmd) {
  const store::StoreLocation where = cmd.store.location();
  if (where.engine != store::Engine::sqlite)
    throw store::FieldError("--database", "restore PostgreSQL with pg_restore or psql (docs/server.md)");
  if (std::filesystem::exists(where.sqlite_file) && !cmd.replace)
    throw store::FieldError("--data", where.sqlite_file.string() + " exists: stop the server and add --replace");
  store::restore_sqlite(cmd.file, where.sqlite_file);
  const std::unique_ptr<store::Database> db = cmd.store.open();
  const store::AuditCheck check = store::verify_audit(*db);
  fmt::print("{}: restored from {} (schema version {}, {} audit rows{})\n", where.describe(), cmd.file,
             store::schema_version(*db), check.rows, check.ok() ? ", chain intact" : ", CHAIN BROKEN: run smp audit verify");
  return 0;
}

int run_audit_verify(const StoreFlags& flags) {
  const std::unique_ptr<store::Database> db = flags.open();
  const store::AuditCheck check = store::verify_audit(*db);
  if (check.ok()) {
    fmt::print("audit log of {}: {} rows, the chain is intact\n", db->location().describe(), check.rows);
    return 0;
  }
  fmt::print("audit log of {}: {} rows, {} problems:\n", db->location().describe(), check.rows, check.problems.size());
  for (const std::string& p : check.problems) fmt::print("  {}\n", p);
  return kExitCheckFailed;
}

struct ImportCommand {
  StoreFlags store;
  std::string case_path, by;
  store::PatientIdentity identity;
};

int run_import(const ImportCommand& cmd) {
  const std::unique_ptr<store::Database> db = cmd.store.open();
  const std::optional<store::User> by = db->transaction(store::Access::read, [&](store::Connection& c) {
    return store::find_user(c, cmd.by);
  });
  if (!by || by->disabled) throw store::FieldError("--by", "no enabled user '" + cmd.by + "'");
  const server::ImportedCase imported = server::import_case_file(*db, cmd.case_path, cmd.identity, *by, "command line");
  fmt::print("{}: patient {} with consultation {} (case version 1){}\n", cmd.case_path, imported.patient.id,
             imported.consultation.id, imported.notes.empty() ? "" : "; " + fmt::format("{}", fmt::join(imported.notes, "; ")));
  return 0;
}

}  // namespace

std::function<int()> add_clinic_commands(CLI::App& app) {
  auto serve = std::make_shared<ServeCommand>();
  CLI::App* serve_cmd = app.add_subcommand("serve", "Run the clinic server (records and the HTTP API)");
  serve->store.add_to(serve_cmd);
  serve_cmd->add_option("--listen", serve->options.listen, "HOST:PORT (port 0: any free port)")
      ->default_str("127.0.0.1:8080");
  serve_cmd->add_option("--tls-cert", serve->options.tls_cert, "HTTPS: certificate chain (PEM)");
  serve_cmd->add_option("--tls-key", serve->options.tls_key, "HTTPS: private key (PEM)");
  serve_cmd->add_option("--key-file", serve->options.key_file,
                        "Key that seals photos and reports (default DATA/clinic.key; created if absent)");
  serve->options.web_root = SMP_WEB_DIR;
  serve_cmd->add_option("--web", serve->options.web_root, "The web app's folder, served at /")
      ->default_str(SMP_WEB_DIR);
  serve_cmd->add_option("--job-workers", serve->options.jobs.workers, "Jobs run at once by this server")
      ->check(CLI::Range(1, 16))
      ->default_val(1);
  serve_cmd->add_flag("--demo", serve->demo,
                      "Seed an empty data folder as a demo clinic (the examples as patients, a user per role)");
  serve_cmd->add_flag("--insecure-listen", serve->options.insecure_listen,
                      "Allow plain HTTP on a non-loopback address (behind a TLS proxy)");

  auto user = std::make_shared<UserCommand>();
  CLI::App* user_cmd = app.add_subcommand("user", "Staff accounts");
  user_cmd->require_subcommand(1);
  CLI::App* user_add = user_cmd->add_subcommand("add", "Add a user (password from standard input)");
  user->store.add_to(user_add);
  user_add->add_option("--name", user->name, "Sign-in name")->required();
  user_add->add_option("--role", user->role, "admin, doctor, technician or front_desk")->required();
  CLI::App* user_disable = user_cmd->add_subcommand("disable", "Disable a user and close their sessions");
  user->store.add_to(user_disable);
  user_disable->add_option("--name", user->name, "Sign-in name")->required();

  auto backup = std::make_shared<BackupCommand>();
  CLI::App* backup_cmd = app.add_subcommand("backup", "Copy the clinic's SQLite records while the server runs");
  backup->store.add_to(backup_cmd);
  backup_cmd->add_option("--to", backup->file, "Backup file")->required();
  CLI::App* restore_cmd = app.add_subcommand("restore", "Put a backup back as the clinic's records");
  backup->store.add_to(restore_cmd);
  restore_cmd->add_option("--from", backup->file, "Backup file")->required();
  restore_cmd->add_flag("--replace", backup->replace, "Replace existing records (stop the server first)");

  auto import = std::make_shared<ImportCommand>();
  CLI::App* import_cmd = app.add_subcommand("import", "A case file as a new patient with a consultation");
  import_cmd->add_option("case_file", import->case_path, "Case file (TOML)")->required();
  import->store.add_to(import_cmd);
  import_cmd->add_option("--full-name", import->identity.full_name, "The patient's name")->required();
  import_cmd->add_option("--birth-date", import->identity.birth_date, "YYYY-MM-DD")->required();
  import_cmd->add_option("--phone", import->identity.phone, "Phone");
  import_cmd->add_option("--email", import->identity.email, "E-mail");
  import_cmd->add_option("--by", import->by, "The clinician who opens the consultation (a user)")->required();

  auto audit = std::make_shared<StoreFlags>();
  CLI::App* audit_cmd = app.add_subcommand("audit", "The audit log");
  audit_cmd->require_subcommand(1);
  CLI::App* audit_verify = audit_cmd->add_subcommand("verify", "Check the hash chain: finds edited and deleted rows");
  audit->add_to(audit_verify);

  return [=]() -> int {
    if (*serve_cmd) return run_serve(*serve);
    if (*user_add) return run_user_add(*user);
    if (*user_disable) return run_user_disable(*user);
    if (*backup_cmd) return run_backup(*backup);
    if (*restore_cmd) return run_restore(*backup);
    if (*audit_verify) return run_audit_verify(*audit);
    if (*import_cmd) return run_import(*import);
    return -1;
  };
}

}  // namespace smp::cli
