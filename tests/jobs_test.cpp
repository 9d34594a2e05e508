// The pipelines as values (src/smp/jobs): every file of `smp design`, `smp render` and
// `smp plan` on every bundled example hashed against tests/golden/outputs.sha256 (the
// files the command line wrote before the pipelines moved into jobs, PDFs dated by the
// plan), in memory and through the command line's folder; cancellation from another
// thread within 0.5 s with nothing returned; progress monotonic from 0 to 1.
//
// After a deliberate change to an output, regenerate the hashes with
//   SMP_UPDATE_GOLDEN=1 build/release/tests/smp_tests --gtest_filter='Golden*'
// and say in the commit which outputs changed and why.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include <gtest/gtest.h>

#include "smp/base/cancellation.h"
#include "smp/base/plan_error.h"
#include "smp/case/plan_request_from_case.h"
#include "smp/io/folder_sink.h"
#include "smp/io/input_error.h"
#include "smp/jobs/design_job.h"
#include "smp/jobs/live_design.h"
#include "smp/jobs/photo_jobs.h"
#include "smp/jobs/plan_job.h"
#include "smp/jobs/render_job.h"

#include "test_support.h"

namespace smp {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono;

const fs::path kGoldenFile = fs::path(SMP_SOURCE_DIR) / "tests/golden/outputs.sha256";

// "set/path" -> hash, from the golden file.
const std::map<std::string, std::string>& golden() {
  static const std::map<std::string, std::string> g = [] {
    std::map<std::string, std::string> m;
    std::ifstream in(kGoldenFile);
    for (std::string hash, path; in >> hash >> path;) m[path] = hash;
    return m;
  }();
  return g;
}

// The files of one output set hashed and checked against the golden file (or, with
// SMP_UPDATE_GOLDEN=1, written into it in place of the set's old lines).
void expect_golden(const std::string& set, const OutputFiles& files) {
  std::map<std::string, std::string> actual;
  for (const auto& [path, bytes] : files) actual[set + "/" + path] = testing::sha256_hex(bytes);
  if (std::getenv("SMP_UPDATE_GOLDEN")) {
    static std::mutex m;
    const std::lock_guard lock(m);
    std::map<std::string, std::string> all;
    {
      std::ifstream in(kGoldenFile);
      for (std::string hash, path; in >> hash >> path;)
        if (path.rfind(set + "/", 0) != 0) all[path] = hash;
    }
    all.insert(actual.begin(), actual.end());
    fs::create_directories(kGoldenFile.parent_path());
    std::ofstream out(kGoldenFile);
    for (const auto& [path, hash] : all) out << hash << "  " << path << "\n";
    return;
  }
  std::size_t expected = 0;
  for (const auto& [path, hash] : golden())
    if (path.rfind(set + "/", 0) == 0) {
      ++expected;
      const auto it = actual.find(path);
      if (it == actual.end()) {
        ADD_FAILURE() << path << ": missing";
      } else {
        EXPECT_EQ(it->second, hash) << path << " differs from the golden output";
      }
    }
  EXPECT_EQ(actual.size(), expected) << set << ": files that the golden outputs do not have";
  EXPECT_GT(expected, 0u) << set << ": no golden outputs";
}

// The files of a folder, by relative path.
OutputFiles folder_files(const fs::path& dir) {
  OutputFiles files;
  for (const fs::directory_entry& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file())
      files[fs::relative(e.path(), dir).generic_string()] = testing::read_file(e.path());
  return files;
}

std::string stem(const std::string& example) { return fs::path(example).stem().string(); }

// An example as the README runs it: from the source folder, by a relative path (plan.json
// records the case file's path as given).
std::string from_source(const std::string& example) {
  fs::current_path(SMP_SOURCE_DIR);
  return "examples/" + example;
}

Case case_on_golden_day(const std::string& example) {
  Case c = load_case(from_source(example));
  apply_overrides(c, {.date = "2026-12-01"});
  return c;
}

class GoldenPlan : public ::testing::TestWithParam<std::string> {};

// `smp plan` in memory: every file of the plan folder (with design/ and the simulation);
// the design job's files are the plan's design/.
TEST_P(GoldenPlan, EveryFileIsTheGoldenOne) {
  const Case c = case_on_golden_day(GetParam());
  const PlanJobResult r = plan_job(c, price_book_for(c), 2026y / December / 1);
  expect_golden("plan-" + stem(GetParam()), r.files);
  OutputFiles design;
  for (const auto& [path, bytes] : r.files)
    if (path.rfind("design/", 0) == 0) design[path.substr(7)] = bytes;
  EXPECT_EQ(design, r.design.files);
  expect_golden("design-" + stem(GetParam()), design_job(c).files);
}

INSTANTIATE_TEST_SUITE_P(Golden, GoldenPlan, ::testing::ValuesIn(testing::example_names()),
                         [](const auto& info) {
                           std::string n = stem(info.param);
                           std::replace(n.begin(), n.end(), '-', '_');
                           return n;
                         });

// `smp design` through the command line's folder: the same bytes as in memory.
TEST(GoldenCli, DesignFoldersHoldTheGoldenFiles) {
  const fs::path root = testing::scratch_dir("golden-cli-design");
  for (const std::string& example : testing::example_names()) {
    const fs::path out = root / stem(example);
    const testing::CliRun r =
        testing::smp_cli("design " + from_source(example) + " --out " + out.string());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    expect_golden("design-" + stem(example), folder_files(out));
  }
}

TEST(GoldenCli, PlanFolderHoldsTheGoldenFiles) {
  const fs::path out = testing::scratch_dir("golden-cli-plan") / "plan";
  const testing::CliRun r = testing::smp_cli("plan " + from_source("fut-scar-camouflage.toml") +
                                             " --date 2026-12-01 --out " + out.string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  expect_golden("plan-fut-scar-camouflage", folder_files(out));
}

TEST(GoldenRender, OtherYearsAreTheGoldenFiles) {
  const testing::DesignedExample& ex = testing::designed_example("norwood6-buzzcut.toml");
  RenderOptions o;
  o.years = {2, 7};
  expect_golden("render-nw6", render_job(ex.c, *ex.field, ex.planned, o).files);
}

// The photo path: the model photographed in the clinic views, each pose fitted to its
// true landmarks, the folder analysed, and another case's states drawn on the photos.
TEST(GoldenRender, ThePhotoPathIsTheGoldenFiles) {
  const Case nw6 = load_case(testing::example_path("norwood6-buzzcut.toml"));
  const OutputFiles synth = synthetic_photos_job(nw6, {});
  expect_golden("synth-nw6", synth);
  const fs::path photos = testing::scratch_dir("golden-photos") / "photos";
  FolderSink folder(photos);
  put_all(synth, folder);
  folder.commit();
  OutputFiles poses;
  for (View v : kClinicViews) {
    const fs::path dir = photos / std::string(name(v));
    const PoseFitResult fit = pose_fit_job(nw6, dir, "", {});
    ASSERT_FALSE(fit.fit.refused) << *fit.fit.refused;
    EXPECT_EQ(fit.pose_file, dir / "pose.json");
    write_pose_json(fit.pose_file.string(), fit.fit, fit.landmarks);
    poses[std::string(name(v)) + "/pose.json"] = testing::read_file(fit.pose_file);
  }
  OutputFiles analysed = photo_analysis_job(nw6, photos.string()).files;
  analysed.insert(poses.begin(), poses.end());
  expect_golden("photos-nw6", analysed);
  const testing::DesignedExample& ex = testing::designed_example("ludwig2-density.toml");
  RenderOptions o;
  o.years = {5};
  o.photos_dir = photos.string();
  expect_golden("render-photos", render_job(ex.c, *ex.field, ex.planned, o).files);
}

// Cancelled at the start of each stage (and a little into it) from another thread, the
// plan job throws Cancelled within 0.5 s and returns nothing.
TEST(PlanJob, CancelledFromAnotherThreadStopsWithinHalfASecond) {
  const Case c = case_on_golden_day("alopecia-areata.toml");
  const PriceBook book = price_book_for(c);
  for (const std::string stage :
       {"scalp map", "blue noise", "simulation", "head views", "touch-up", "reports"}) {
    std::stop_source stop;
    std::atomic<bool> reached{false};
    JobOptions o;
    o.stop = stop.get_token();
    o.progress = [&](std::string_view s, double) {
      if (s == stage) reached = true;
    };
    std::atomic<bool> cancelled{false}, returned{false};
    steady_clock::time_point ended;
    std::thread job([&] {
      try {
        plan_job(c, book, 2026y / December / 1, o);
        returned = true;
      } catch (const Cancelled&) {
        cancelled = true;
      } catch (const std::exception& e) {
        ADD_FAILURE() << stage << ": " << e.what();
      }
      ended = steady_clock::now();
    });
    while (!reached && !returned) std::this_thread::sleep_for(milliseconds(2));
    std::this_thread::sleep_for(milliseconds(100));  // into the stage's work
    const steady_clock::time_point asked = steady_clock::now();
    stop.request_stop();
    job.join();
    ASSERT_TRUE(reached) << stage << ": never reported";
    EXPECT_TRUE(cancelled) << stage << ": the job finished instead";
    EXPECT_FALSE(returned) << stage;
    const double latency_s = duration<double>(ended - asked).count();
    EXPECT_LT(latency_s, 0.5) << stage;
    std::printf("cancelled in '%s': returned %.3f s after the request\n", stage.c_str(), latency_s);
  }
}

// The fractions a callback sees rise from 0 to exactly 1 ("done" last), whatever the job.
TEST(PlanJob, ProgressIsMonotonicAndEndsAtOne) {
  const Case c = case_on_golden_day("fue-scars.toml");
  std::vector<std::pair<std::string, double>> seen;
  JobOptions o;
  o.progress = [&](std::string_view s, double f) { seen.emplace_back(s, f); };
  const PlanJobResult r = plan_job(c, price_book_for(c), 2026y / December / 1, o);
  ASSERT_GT(seen.size(), 20u);
  EXPECT_GE(seen.front().second, 0);
  for (std::size_t i = 1; i < seen.size(); ++i)
    EXPECT_GE(seen[i].second, seen[i - 1].second) << seen[i].first;
  EXPECT_EQ(seen.back().first, "done");
  EXPECT_EQ(seen.back().second, 1.0);
  std::set<std::string> stages;
  for (const auto& [s, f] : seen) stages.insert(s);
  for (const char* s : {"scalp map", "blue noise", "simulation", "head views",
                        "touch-up", "plan", "reports"})
    EXPECT_TRUE(stages.count(s)) << s;
  // A design job on its own ends at 1 too.
  seen.clear();
  design_job(c, o);
  EXPECT_EQ(seen.back().second, 1.0);
  EXPECT_FALSE(r.files.empty());
}

// Regression: dot-map.svg named its group after cairo's count of every surface the process
// had made, so the second design of a process (a server's) differed from the first.
TEST(DesignJob, TheSameDesignIsTheSameFilesTwiceInOneProcess) {
  const Case c = load_case(testing::example_path("alopecia-areata.toml"));
  const OutputFiles first = design_job(c).files, second = design_job(c).files;
  EXPECT_EQ(first, second);
  EXPECT_NE(first.at("dot-map.svg").find("<g id=\"surface1\">"), std::string::npos);
}

// `smp render --design DIR`: the dots of an earlier design folder on the case's field, the
// raster recomputed exactly; a folder without dots.csv is an InputError naming it.
TEST(DesignJob, AnEarlierDesignFolderIsReadBack) {
  const Case c = load_case(testing::example_path("fue-scars.toml"));
  const DesignJobResult designed = design_job(c);
  const fs::path dir = testing::scratch_dir("design-read-back") / "design";
  FolderSink folder(dir);
  put_all(designed.files, folder);
  folder.commit();
  const DesignJobResult read = design_from_folder(c, dir.string());
  ASSERT_EQ(read.planned.design.dots.size(), designed.planned.design.dots.size());
  for (std::size_t i = 0; i < read.planned.design.dots.size(); ++i) {
    const Dot &a = read.planned.design.dots[i], &b = designed.planned.design.dots[i];
    ASSERT_EQ(a.session, b.session) << i;
    ASSERT_NEAR(a.chart.u_mm, b.chart.u_mm, 5e-4) << i;  // dots.csv keeps 3 decimals
    ASSERT_NEAR(a.chart.v_mm, b.chart.v_mm, 5e-4) << i;
  }
  EXPECT_EQ(read.planned.raster.target_per_cm2, designed.planned.raster.target_per_cm2);
  EXPECT_EQ(read.planned.raster.region, designed.planned.raster.region);
  EXPECT_TRUE(read.files.empty());
  try {
    design_from_folder(c, (dir.parent_path() / "none").string());
    ADD_FAILURE() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("none/dots.csv:0: cannot open the design's dots.csv"),
              std::string::npos)
        << e.what();
  }
}

// What a sink is given: a folder appears whole on commit and not at all without it; a
// path outside the folder or written twice is refused.
TEST(Sinks, AFolderAppearsWholeOrNotAtAll) {
  const fs::path root = testing::scratch_dir("sinks");
  {
    FolderSink never(root / "never");
    never.put("a/b.txt", "x");
  }
  EXPECT_FALSE(fs::exists(root / "never"));
  for (const fs::directory_entry& e : fs::directory_iterator(root))
    ADD_FAILURE() << "left behind: " << e.path();
  FolderSink sink(root / "out");
  sink.put("renders/top.png", "png bytes");
  sink.put("plan.json", "{}");
  EXPECT_THROW(sink.put("plan.json", "again"), std::logic_error);
  EXPECT_THROW(sink.put("../escape.txt", "x"), std::logic_error);
  EXPECT_THROW(sink.put("/etc/escape.txt", "x"), std::logic_error);
  sink.commit();
  EXPECT_EQ(folder_files(root / "out"),
            (OutputFiles{{"plan.json", "{}"}, {"renders/top.png", "png bytes"}}));
  MemorySink memory;
  PrefixSink design(memory, "design/");
  design.put("dots.csv", "id");
  EXPECT_THROW(memory.put("design/dots.csv", "again"), std::logic_error);
  EXPECT_EQ(memory.take(), (OutputFiles{{"design/dots.csv", "id"}}));
  EXPECT_TRUE(memory.take().empty());
}

// The live editor's design: an edit answers with exactly the dots gone and the dots new,
// and the design after it is the design before, less the one, plus the other.
TEST(LiveDesign, AnEditAnswersWithWhatChanged) {
  const Case c = load_case(testing::example_path("norwood6-buzzcut.toml"));
  JobOptions o;
  o.threads = 2;
  LiveDesign live(c, o);
  EXPECT_EQ(live.revision(), 0u);
  // The same design as the design job's.
  const DesignJobResult job = design_without_files(c, o);
  ASSERT_EQ(live.design().dots.size(), job.planned.design.dots.size());
  EXPECT_NEAR(live.assessment().mid_frontal_above_glabella_cm, c.params.hairline.mid_frontal_above_glabella_cm, 0.01);

  std::set<int> before;
  for (const Dot& d : live.design().dots) before.insert(d.id);
  const ScalpMap& map = live.field().map();
  ChartPoint lower = map.chart(live.field().hairline().mid_frontal);
  lower.v_mm += 10;  // down the forehead
  const LiveDesignChange change =
      live.apply(MoveHairlinePoint{HairlinePoint::mid_frontal, map.angles(lower)});
  EXPECT_EQ(change.revision, 1u);
  EXPECT_EQ(live.revision(), 1u);
  EXPECT_GT(change.band_area_cm2, 1);
  EXPECT_GT(change.added.size(), 100u);  // a 10 mm deeper forehead band, ~20 dots per cm^2 and more
  EXPECT_GT(change.removed_ids.size(), 10u);
  std::set<int> expected = before;
  for (int id : change.removed_ids) EXPECT_EQ(expected.erase(id), 1u) << "removed twice or never held: " << id;
  for (const Dot& d : change.added) {
    EXPECT_EQ(before.count(d.id), 0u) << "an added dot reuses id " << d.id;
    expected.insert(d.id);
  }
  std::set<int> after;
  for (const Dot& d : live.design().dots) after.insert(d.id);
  EXPECT_EQ(after, expected);
  EXPECT_LT(live.assessment().mid_frontal_above_glabella_cm, c.params.hairline.mid_frontal_above_glabella_cm - 0.8);

  // An edit out of range changes nothing.
  const std::size_t dots = live.design().dots.size();
  EXPECT_THROW(live.apply(MoveHairlinePoint{HairlinePoint::temporal_left, {3.0, 0}}), PlanError);
  EXPECT_EQ(live.revision(), 1u);
  EXPECT_EQ(live.design().dots.size(), dots);
}

}  // namespace
}  // namespace smp
