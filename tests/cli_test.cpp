// The smp program end to end: what `smp design` writes, and how it fails.
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <sys/wait.h>

#include "smp/report/dots_csv.h"

#include "test_support.h"

namespace smp {
namespace {
namespace fs = std::filesystem;

using testing::CliRun;
using testing::read_file;
using testing::smp_cli;

fs::path fresh_dir(const std::string& name) { return testing::scratch_dir(name); }

TEST(Cli, DesignWritesTheFourOutputs) {
  const fs::path root = fresh_dir("cli-design");
  const fs::path out = root / "out";
  const CliRun r =
      smp_cli("design " + testing::example_path("alopecia-areata.toml") + " --out " + out.string());
  ASSERT_EQ(r.exit_code, 0) << r.err;

  const nlohmann::json j = nlohmann::json::parse(read_file(out / "design.json"));
  EXPECT_EQ(j["patient"]["id"], "EX-AA");
  EXPECT_GT(j["scalp_area_cm2"].get<double>(), 400);
  ASSERT_EQ(j["regions"].size(), static_cast<std::size_t>(kRegionCount));
  double region_area = 0;
  int region_dots = 0;
  for (const auto& reg : j["regions"]) {
    for (const char* k : {"name", "area_cm2", "treated_area_cm2", "target_density_per_cm2",
                          "achieved_density_per_cm2", "dots"})
      EXPECT_TRUE(reg.contains(k)) << k;
    region_area += reg["area_cm2"].get<double>();
    region_dots += reg["dots"].get<int>();
  }
  EXPECT_NEAR(region_area, j["scalp_area_cm2"].get<double>(), 0.1);
  ASSERT_EQ(j["sessions"].size(), 3u);
  for (const auto& s : j["sessions"])
    for (const char* k : {"index", "dots", "cumulative_fraction", "shade", "estimated_minutes"})
      EXPECT_TRUE(s.contains(k)) << k;
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
  ASSERT_EQ(smp_cli("design " + testing::example_path("fut-scar-camouflage.toml") + " --out " +
                    out.string())
                .exit_code,
            0);
  EXPECT_FALSE(fs::exists(out / "stale.txt"));
  EXPECT_TRUE(fs::exists(out / "design.json"));
}

TEST(Cli, MissingCaseFileIsBadInput) {
  const CliRun r = smp_cli("design /nonexistent/case.toml --out " +
                           (fs::path(::testing::TempDir()) / "never").string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("/nonexistent/case.toml"), std::string::npos);
}

TEST(Cli, PlanWritesTheWholeConsultation) {
  const fs::path out = fresh_dir("cli-plan") / "out";
  const CliRun r = smp_cli("plan " + testing::example_path("norwood6-buzzcut.toml") +
                           " --date 2026-11-25 --out " + out.string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* f :
       {"plan.json", "quote.json", "touch-up-quote.json", "schedule.ics", "report.html",
        "report.pdf", "report-letter.pdf", "metrics.json", "before-after.png", "design/design.json",
        "design/dot-map.svg", "renders/top-healed.png", "sessions/session-1.pdf",
        "sessions/session-3.pdf"})
    EXPECT_TRUE(fs::exists(out / f)) << f;
  const nlohmann::json plan = nlohmann::json::parse(read_file(out / "plan.json"));
  EXPECT_EQ(plan["schema"], "smp-studio/plan/1");
  EXPECT_EQ(plan["date"], "2026-11-25");
  EXPECT_EQ(plan["candidacy"]["verdict"], "candidate");
  EXPECT_EQ(plan["schedule"]["visits"][0]["date"], "2026-12-02");  // a week later, a Wednesday
  EXPECT_EQ(plan["schedule"]["visits"][0]["sedation"], true);      // [plan] sedated_sessions = [1]
  EXPECT_EQ(plan["sessions"].size(), 3u);
  // Every picture the plan names is there.
  for (const auto& img : plan["simulation"]["images"])
    EXPECT_TRUE(fs::exists(out / img["path"].get<std::string>())) << img["path"];
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
  const CliRun r = smp_cli("plan " + testing::example_path("norwood6-buzzcut.toml") +
                           " --price-book " + book.string() + " --out " + (root / "out").string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("book.toml:2: currency.code"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(root / "out"));
}

TEST(Cli, PlanWithABadQuestionnaireFileExitsTwo) {
  const fs::path root = fresh_dir("cli-plan-bad-questionnaire");
  const fs::path q = root / "consultation.toml";
  std::ofstream(q) << "[candidacy]\ncauses = ['androgenetic']\nkeloids = true\n";
  const CliRun r = smp_cli("plan " + testing::example_path("norwood6-buzzcut.toml") +
                           " --questionnaire " + q.string() + " --out " + (root / "out").string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("consultation.toml:3: candidacy.keloids"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(root / "out"));
}

TEST(Cli, PlanWithABadDateExitsTwo) {
  const fs::path root = fresh_dir("cli-plan-bad-date");
  const CliRun r = smp_cli("plan " + testing::example_path("norwood6-buzzcut.toml") +
                           " --date 2026-13-01 --out " + (root / "out").string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--date"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(root / "out"));
}

TEST(Cli, TriageEscalatesPersistentLymphNodes) {
  const auto out = [](const std::string& args) {
    const std::string file = ::testing::TempDir() + "/smp-triage.txt";
    const int status =
        std::system((std::string(SMP_CLI) + " triage " + args + " > " + file + " 2>&1").c_str());
    return std::make_pair(WIFEXITED(status) ? WEXITSTATUS(status) : -1, read_file(file));
  };
  EXPECT_EQ(out("redness --day 1").second.rfind("normal:", 0), 0u);
  EXPECT_EQ(out("swollen_lymph_nodes --day 5 --lasting 1").second.rfind("watch:", 0), 0u);
  EXPECT_EQ(out("swollen_lymph_nodes --day 8 --lasting 5").second.rfind("contact_clinic_now:", 0),
            0u);
  EXPECT_EQ(out("pus --day 2").second.rfind("contact_clinic_now:", 0), 0u);
  const auto bad = out("headache --day 2");
  EXPECT_EQ(bad.first, 2);
  EXPECT_NE(bad.second.find("symptom"), std::string::npos);
}

// The checks the command line once held itself live in the library, where the server finds
// them too: each is an exit 2 naming the option, with nothing written.
TEST(Cli, OutOfRangeOptionsExitTwoNamingTheOptionAndWriteNothing) {
  const fs::path root = fresh_dir("cli-ranges");
  const std::string ex = testing::example_path("alopecia-areata.toml"),
                    out = " --out " + (root / "out").string();
  const std::pair<std::string, std::string> bad[] = {
      {"design " + ex + " --threads 0" + out, "threads: 0 is not 1 to 256"},
      {"plan " + ex + " --threads 300" + out, "threads: 300 is not 1 to 256"},
      {"render " + ex + " --years 5,0" + out, "years: 0 is not more than 0 and at most 60"},
      {"photo synth " + ex + " --width 10" + out, "--width: 10 px is not 64 to 8000"},
      {"photo synth " + ex + " --state year-99" + out,
       "--state: unknown state 'year-99' (expected one of before, session-1,"},
      {"triage redness --day 2 --lasting 9",
       "days_lasting: cannot be more than the days since the session"},
      {"triage headache --day 2",
       "symptom: unknown 'headache' (expected one of redness, itching, swelling,"},
  };
  for (const auto& [args, says] : bad) {
    const CliRun r = smp_cli(args);
    EXPECT_EQ(r.exit_code, 2) << args << "\n" << r.err;
    EXPECT_NE(r.err.find("smp: error: " + says), std::string::npos) << args << "\n" << r.err;
    EXPECT_FALSE(fs::exists(root / "out")) << args;
  }
}

// A case that parses but cannot be planned is a PlanError: exit 2 with the field and why.
// Here a transplant a year away with a year's gap either side leaves session 2 beyond the
// twelve months of the treatment.
TEST(Cli, ACaseThatCannotBePlannedExitsTwoNamingTheField) {
  const fs::path root = fresh_dir("cli-plan-error");
  const fs::path c = root / "case.toml";
  std::ofstream(c) << read_file(testing::example_path("alopecia-areata.toml"))
                   << "\n[plan]\nconsultation_date = 2026-03-01\ntransplant_date = 2027-03-10\n"
                      "[clinic]\ntransplant_min_gap_days = 365\n";
  const CliRun r = smp_cli("plan " + c.string() + " --out " + (root / "out").string());
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(
      r.err.find("smp: error: schedule.all_within_months: the 3 sessions run from 2026-03-09"),
      std::string::npos)
      << r.err;
  EXPECT_FALSE(fs::exists(root / "out"));
}

}  // namespace
}  // namespace smp
