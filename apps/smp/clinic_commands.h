// The clinic server's commands: serve, user add|disable, import, backup, restore, audit verify.
// Each opens the records given by --data DIR (SQLite) or --database URI (PostgreSQL).
#pragma once

#include <CLI/CLI.hpp>

namespace smp::cli {

// Adds the commands to `app`; the returned function runs the one the command line chose
// (or returns -1 if none of them was).
std::function<int()> add_clinic_commands(CLI::App& app);

}  // namespace smp::cli
