// Shared fixtures and helpers of every suite: the bundled examples, loaded and designed
// once per test binary; files, scratch folders, the smp program and SHA-256.
#pragma once

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>
#include <sodium.h>
#include <sys/wait.h>
#include <unistd.h>

#include "smp/case/design_from_case.h"
#include "smp/case/simulation_from_case.h"
#include "smp/design/planner.h"

namespace smp::testing {

// The InputError that `parse()` throws; a test failure naming `input` when it throws none.
template <class Parse>
InputError input_error_of(Parse&& parse, const std::string& input) {
  try {
    parse();
  } catch (const InputError& e) {
    return e;
  }
  ADD_FAILURE() << "no error for:\n" << input;
  return InputError("", 0, "", "");
}

// The error is at this file, line and field, and its message says `says`.
inline void expect_input_error(const InputError& e, const std::string& file, int line,
                               const std::string& field, const std::string& says) {
  EXPECT_EQ(e.file(), file) << e.what();
  EXPECT_EQ(e.line(), line) << e.what();
  EXPECT_EQ(e.field(), field) << e.what();
  EXPECT_NE(std::string(e.what()).find(says), std::string::npos) << e.what();
}

inline std::string example_path(const std::string& name) {
  return std::string(SMP_SOURCE_DIR) + "/examples/" + name;
}

inline const std::vector<std::string>& example_names() {
  static const std::vector<std::string> names{
      "norwood6-buzzcut.toml",    "norwood3-soft-hairline.toml", "ludwig2-density.toml",
      "fut-scar-camouflage.toml", "alopecia-areata.toml",        "fue-scars.toml"};
  return names;
}

struct DesignedExample {
  Case c;
  std::unique_ptr<TargetField> field;
  PlannedDesign planned;
};

// Designs each example once (two threads) and keeps it for every test.
inline const DesignedExample& designed_example(const std::string& name) {
  static std::map<std::string, std::unique_ptr<DesignedExample>> cache;
  auto& slot = cache[name];
  if (!slot) {
    slot = std::make_unique<DesignedExample>();
    slot->c = load_case(example_path(name));
    slot->field = std::make_unique<TargetField>(target_field_for(slot->c));
    PlannerOptions o;
    o.threads = 2;
    slot->planned = plan_design(*slot->field, slot->c.params, slot->c.seed, o);
  }
  return *slot;
}

// Pairs of impressions closer than their mean diameter plus the minimum gap: they merge.
inline int merging_pairs(const std::vector<Dot>& dots, double min_gap_mm) {
  double widest_mm = 0;
  for (const Dot& d : dots) widest_mm = std::max(widest_mm, d.diameter_um / 1000);
  std::vector<std::size_t> order(dots.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](auto a, auto b) { return dots[a].head_mm.x < dots[b].head_mm.x; });
  const double reach = widest_mm + min_gap_mm;
  int merging = 0;
  for (std::size_t a = 0; a < order.size(); ++a)
    for (std::size_t b = a + 1;
         b < order.size() && dots[order[b]].head_mm.x - dots[order[a]].head_mm.x < reach; ++b) {
      const Dot &p1 = dots[order[a]], &p2 = dots[order[b]];
      merging += distance(p1.head_mm, p2.head_mm) < (p1.diameter_um + p2.diameter_um) / 2000 + min_gap_mm;
    }
  return merging;
}

// A case from TOML text, with the defaults of an adult male.
inline Case case_from(const std::string& toml) { return parse_case(toml, "test.toml"); }

// The file's bytes ("" when it cannot be read).
inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// A fresh, empty folder of this test process: ctest runs each test in its own process,
// two at a time.
inline std::filesystem::path scratch_dir(const std::string& name) {
  const std::filesystem::path d =
      std::filesystem::path(::testing::TempDir()) / (name + "-" + std::to_string(getpid()));
  std::filesystem::remove_all(d);
  std::filesystem::create_directories(d);
  return d;
}

// The smp program run with `args` (shell words): its exit code, stdout and stderr.
struct CliRun {
  int exit_code = -1;
  std::string out, err;
};
inline CliRun smp_cli(const std::string& args) {
  static const std::filesystem::path dir = scratch_dir("smp-cli");
  const std::filesystem::path out = dir / "stdout.txt", err = dir / "stderr.txt";
  const int status = std::system(
      (std::string(SMP_CLI) + " " + args + " > '" + out.string() + "' 2> '" + err.string() + "'")
          .c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, read_file(out), read_file(err)};
}

// SHA-256 of the bytes, 64 lower-case hex digits (libsodium).
inline std::string sha256_hex(std::string_view bytes) {
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char b : h) out += kHex[b >> 4], out += kHex[b & 15];
  return out;
}

}  // namespace smp::testing
