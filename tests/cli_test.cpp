// The smp program end to end: what `smp design` writes, and how it fails.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <sstream>

#include "smp/report/dots_csv.h"
#include "test_support.h"

namespace smp {
namespace {
namespace fs = std::filesystem;

struct CliRun {
  int exit_code;
  std::string err;
};

CliRun smp_cli(const std::string& args) {
  const std::string err_file = ::testing::TempDir() + "/smp-stderr.txt";
  const int status = std::system((std::string(SMP_CLI) + " " + args + " > /dev/null 2> " + err_file).c_str());
  std::ifstream in(err_file);
  std::stringstream s;
  s << in.rdbuf();
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, s.str()};
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

fs::path fresh_dir(const std::string& name) {
  const fs::path d = fs::path(::testing::TempDir()) / name;
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

TEST(Cli, DesignWritesTheFourOutputs) {
  const fs::path root = fresh_dir("cli-design");
  const fs::path out = root / "out";
  const CliRun r = smp_cli("design " + testing::example_path("alopecia-areata.toml") + " --out " + out.string());
  ASSERT_EQ(r.exit_code, 0) << r.err;

  const nlohmann::json j = nlohmann::json::parse(read_file(out / "design.json"));
  EXPECT_EQ(j["patient"]["id"], "EX-AA");
  EXPECT_GT(j["scalp_area_cm2"].get<double>(), 400);
  ASSERT_EQ(j["regions"].size(), static_cast<std::size_t>(kRegionCount));
  double region_area = 0;
  int region_dots = 0;
  for (const auto& reg : j["regions"]) {
    for (const char* k : {"name", "area_cm2", "treated_area_cm2", "target_density_per_cm2", "achieved_density_per_cm2", "dots"})
      EXPECT_TRUE(reg.contains(k)) << k;
    region_area += reg["area_cm2"].get<double>();
    region_dots += reg["dots"].get<int>();
  }
  EXPECT_NEAR(region_area, j["scalp_area_cm2"].get<double>(), 0.1);
  ASSERT_EQ(j["sessions"].size(), 3u);
  for (const auto& s : j["sessions"])
    for (const char* k : {"index", "dots", "cumulative_fraction", "shade", "estimated_minutes"}) EXPECT_TRUE(s.contains(k)) << k;
  const int total = j["dots_total"].get<int>();
  EXPECT_EQ(region_dots, total);

  // dots.csv: the documented header and one row per dot.
  std::ifstream csv(out / "dots.csv");
  std::string line;
  std::getline(csv, line);
  EXPECT_EQ(line, kDotsCsvHeader);
  int rows = 0;
  while (std::getline(csv, line)) {
    ++rows;
    EXPECT_EQ(std::count(line.begin(), line.end(), ','), 11) << line;
  }
  EXPECT_EQ(rows, total);

  const cv::Mat png = cv::imread((out / "scalp-map.png").string());
  ASSERT_FALSE(png.empty());
  EXPECT_GE(png.cols, 800);
  const std::string svg = read_file(out / "dot-map.svg");
  EXPECT_NE(svg.find("<svg"), std::string::npos);
  EXPECT_NE(svg.find("</svg>"), std::string::npos);

  // Nothing but the output folder is left behind.
  int entries = 0;
  for (const auto& e : fs::directory_iterator(root)) {
    ++entries;
    EXPECT_EQ(e.path().filename(), "out");
  }
  EXPECT_EQ(entries, 1);
}

TEST(Cli, BadCaseExitsWithTwoNamesTheLineAndKeepsTheOldOutput) {
  const fs::path root = fresh_dir("cli-bad");
  const fs::path bad = root / "bad.toml";
  std::ofstream(bad) << "[patient]\nid = 'x'\nphototype = 'VIII'\n";
  const fs::path out = root / "out";
  fs::create_directories(out);
  std::ofstream(out / "design.json") << "previous";
  const CliRun r = smp_cli("design " + bad.string() + " --out " + out.string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("bad.toml:3: patient.phototype"), std::string::npos) << r.err;
  EXPECT_EQ(read_file(out / "design.json"), "previous");
  int entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(root)) ++entries;
  EXPECT_EQ(entries, 2);  // bad.toml and out: no half-written folder
}

TEST(Cli, RerunReplacesTheOutputWhole) {
  const fs::path root = fresh_dir("cli-rerun");
  const fs::path out = root / "out";
  fs::create_directories(out);
  std::ofstream(out / "stale.txt") << "old";
  ASSERT_EQ(smp_cli("design " + testing::example_path("fut-scar-camouflage.toml") + " --out " + out.string()).exit_code, 0);
  EXPECT_FALSE(fs::exists(out / "stale.txt"));
  EXPECT_TRUE(fs::exists(out / "design.json"));
}

TEST(Cli, MissingCaseFileIsBadInput) {
  const CliRun r = smp_cli("design /nonexistent/case.toml --out " + (fs::path(::testing::TempDir()) / "never").string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("/nonexistent/case.toml"), std::string::npos);
}

TEST(Cli, PlanWritesTheWholeConsultation) {
  const fs::path out = fresh_dir("cli-plan") / "out";
  const CliRun r = smp_cli("plan " + testing::example_path("norwood6-buzzcut.toml") + " --date 2026-11-25 --out " + out.string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* f : {"plan.json", "quote.json", "touch-up-quote.json", "schedule.ics", "report.html", "report.pdf",
                        "report-letter.pdf", "metrics.json", "before-after.png", "design/design.json", "design/dot-map.svg",
                        "renders/top-healed.png", "sessions/session-1.pdf", "sessions/session-3.pdf"})
    EXPECT_TRUE(fs::exists(out / f)) << f;
  const nlohmann::json plan = nlohmann::json::parse(read_file(out / "plan.json"));
  EXPECT_EQ(plan["schema"], "smp-studio/plan/1");
  EXPECT_EQ(plan["date"], "2026-11-25");
  EXPECT_EQ(plan["candidacy"]["verdict"], "candidate");
  EXPECT_EQ(plan["schedule"]["visits"][0]["date"], "2026-12-02");  // a week later, a Wednesday
  EXPECT_EQ(plan["schedule"]["visits"][0]["sedation"], true);      // [plan] sedated_sessions = [1]
  EXPECT_EQ(plan["sessions"].size(), 3u);
  // Every picture the plan names is there.
  for (const auto& img : plan["simulation"]["images"]) EXPECT_TRUE(fs::exists(out / img["path"].get<std::string>())) << img["path"];
  const nlohmann::json quote = nlohmann::json::parse(read_file(out / "quote.json"));
  EXPECT_EQ(plan["quote"], quote);
  const std::string ics = read_file(out / "schedule.ics");
  EXPECT_EQ(ics.rfind("BEGIN:VCALENDAR", 0), 0u);
  EXPECT_NE(ics.find("DTSTART:20261202T090000"), std::string::npos);
  EXPECT_NE(ics.find("EX-NW6"), std::string::npos);  // the pseudonymous id, never a name
}

TEST(Cli, PlanWithABadPriceBookExitsTwoAndWritesNothing) {
  const fs::path root = fresh_dir("cli-plan-bad-book");
  const fs::path book = root / "book.toml";
  std::ofstream(book) << "[currency]\ncode = 'usd'\nminor_digits = 2\n";
  const CliRun r = smp_cli("plan " + testing::example_path("norwood6-buzzcut.toml") + " --price-book " + book.string() +
                           " --out " + (root / "out").string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("book.toml:2: currency.code"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(root / "out"));
}

TEST(Cli, PlanWithABadQuestionnaireFileExitsTwo) {
  const fs::path root = fresh_dir("cli-plan-bad-questionnaire");
  const fs::path q = root / "consultation.toml";
  std::ofstream(q) << "[candidacy]\ncauses = ['androgenetic']\nkeloids = true\n";
  const CliRun r = smp_cli("plan " + testing::example_path("norwood6-buzzcut.toml") + " --questionnaire " + q.string() +
                           " --out " + (root / "out").string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("consultation.toml:3: candidacy.keloids"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(root / "out"));
}

TEST(Cli, PlanWithABadDateExitsTwo) {
  const fs::path root = fresh_dir("cli-plan-bad-date");
  const CliRun r = smp_cli("plan " + testing::example_path("norwood6-buzzcut.toml") + " --date 2026-13-01 --out " +
                           (root / "out").string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--date"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(root / "out"));
}

TEST(Cli, TriageEscalatesPersistentLymphNodes) {
  const auto out = [](const std::string& args) {
    const std::string file = ::testing::TempDir() + "/smp-triage.txt";
    const int status = std::system((std::string(SMP_CLI) + " triage " + args + " > " + file + " 2>&1").c_str());
    return std::make_pair(WIFEXITED(status) ? WEXITSTATUS(status) : -1, read_file(file));
  };
  EXPECT_EQ(out("redness --day 1").second.rfind("normal:", 0), 0u);
  EXPECT_EQ(out("swollen_lymph_nodes --day 5 --lasting 1").second.rfind("watch:", 0), 0u);
  EXPECT_EQ(out("swollen_lymph_nodes --day 8 --lasting 5").second.rfind("contact_clinic_now:", 0), 0u);
  EXPECT_EQ(out("pus --day 2").second.rfind("contact_clinic_now:", 0), 0u);
  const auto bad = out("headache --day 2");
  EXPECT_EQ(bad.first, 2);
  EXPECT_NE(bad.second.find("symptom"), std::string::npos);
}

}  // namespace
}  // namespace smp
