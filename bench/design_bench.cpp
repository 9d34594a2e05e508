// The design engine's speed: the whole Norwood VI design and its stages, one core, with
// plain uniform Bridson dart throwing in the same run as the yardstick.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <vector>

#include "smp/base/random.h"

#include "smp/case/design_from_case.h"
#include "smp/design/planner.h"
#include "smp/design/replan.h"

namespace {

smp::Case norwood6(double density_per_cm2, double dot_um, double gap_mm) {
  smp::Case c = smp::load_case(std::string(SMP_SOURCE_DIR) + "/examples/norwood6-buzzcut.toml");
  c.params.density.final_per_cm2 = density_per_cm2;
  c.params.dots.diameter_um = dot_um;
  c.params.dots.hairline_diameter_um = dot_um;
  c.params.dots.min_gap_mm = gap_mm;
  return c;
}

// The bundled Norwood VI buzz-cut case (105/cm^2, as `smp design` plans it: about 32k
// dots; 95/cm^2 as the earlier figures), and at 285/cm^2 with 180 um dots: about 100k
// dots layered 30/70/100 over the variable density of a full scalp.
void BM_DesignNorwood6(benchmark::State& state) {
  const double density = static_cast<double>(state.range(0));
  const smp::Case c = density > 100 ? norwood6(density, 180, 0.1) : norwood6(density, 250, 0.25);
  const smp::TargetField field = smp::target_field_for(c);
  smp::PlannerOptions o;
  o.threads = 1;
  std::size_t dots = 0;
  for (auto _ : state) {
    const smp::PlannedDesign p = smp::plan_design(field, c.params, c.seed, o);
    dots = p.design.dots.size();
    benchmark::DoNotOptimize(dots);
  }
  state.counters["dots"] = static_cast<double>(dots);
  state.counters["dots_per_second"] = benchmark::Counter(
      static_cast<double>(dots) * state.iterations(), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_DesignNorwood6)->Arg(95)->Arg(105)->Arg(285)->Unit(benchmark::kMillisecond)->UseRealTime();

// The same on two threads: faster, never different (tests/design_test.cpp checks that).
void BM_DesignNorwood6TwoThreads(benchmark::State& state) {
  const smp::Case c = norwood6(105, 250, 0.25);
  const smp::TargetField field = smp::target_field_for(c);
  smp::PlannerOptions o;
  o.threads = 2;
  for (auto _ : state) benchmark::DoNotOptimize(smp::plan_design(field, c.params, c.seed, o));
}
BENCHMARK(BM_DesignNorwood6TwoThreads)->Unit(benchmark::kMillisecond)->UseRealTime();

// Live re-planning: 100 random drags of a named hairline point by 1-15 mm in any
// direction on the Norwood VI design, each from the planned design handed over as a live
// editor does; the median and p95 of one re-plan, and the dots re-planned per drag.
void BM_ReplanHairlineDrag(benchmark::State& state) {
  const smp::Case c = norwood6(105, 250, 0.25);
  const smp::TargetField field = smp::target_field_for(c);
  const smp::PlannedDesign planned = smp::plan_design(field, c.params, c.seed);
  smp::Random rng(7, smp::Random::Stream::candidates);
  std::vector<smp::DesignEdit> drags;
  for (int i = 0; i < 100; ++i) {
    const auto p = static_cast<smp::HairlinePoint>(rng.next() % 5);
    smp::HairlineDesign h = field.hairline();
    drags.push_back(smp::MoveHairlinePoint{
        p, field.map().head().moved(smp::point(h, p), 1 + 14 * rng.uniform(), 2 * smp::kPi * rng.uniform())});
  }
  std::vector<double> ms;
  double replanned = 0;
  for (auto _ : state) {
    for (const smp::DesignEdit& e : drags) {
      // The editor hands its design over (replan.h): the copy is not the re-plan's.
      smp::PlannedDesign current = planned;
      const auto t0 = std::chrono::steady_clock::now();
      const smp::ReplannedDesign r =
          smp::replan_design(field, std::move(current), e, c.params, c.seed);
      ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
      replanned += r.dots_added;
      benchmark::DoNotOptimize(r.planned.design.dots.data());
    }
  }
  std::sort(ms.begin(), ms.end());
  state.counters["median_ms"] = ms[ms.size() / 2];
  state.counters["p95_ms"] = ms[ms.size() * 95 / 100];
  state.counters["dots_replanned"] = replanned / ms.size();
}
BENCHMARK(BM_ReplanHairlineDrag)->Iterations(1)->Unit(benchmark::kMillisecond)->UseRealTime();

// The yardstick: Bridson's (2007) dart throwing, uniform, on a square of 100k points'
// area (a grid of r / sqrt(2) cells, 30 tries in the annulus [r, 2r]), written plainly.
void BM_UniformBridson(benchmark::State& state) {
  const double r = 1, cell = r / std::sqrt(2.0);
  const double side = std::sqrt(static_cast<double>(state.range(0)) / 0.68) * r;  // 0.68 / r^2
  const int n = static_cast<int>(side / cell) + 1;
  std::size_t points = 0;
  for (auto _ : state) {
    std::vector<int> grid(static_cast<std::size_t>(n) * n, -1);
    std::vector<double> xs, ys;
    std::vector<int> active;
    smp::Random rng(1, smp::Random::Stream::candidates);
    auto add = [&](double x, double y) {
      grid[static_cast<std::size_t>(y / cell) * n + static_cast<std::size_t>(x / cell)] =
          static_cast<int>(xs.size());
      active.push_back(static_cast<int>(xs.size()));
      xs.push_back(x), ys.push_back(y);
    };
    add(side / 2, side / 2);
    while (!active.empty()) {
      const std::size_t pick = rng.next() % active.size();
      const int a = active[pick];
      bool placed = false;
      for (int k = 0; k < 30 && !placed; ++k) {
        const double rho = r * (1 + rng.uniform()), t = 2 * smp::kPi * rng.uniform();
        const double x = xs[a] + rho * std::cos(t), y = ys[a] + rho * std::sin(t);
        if (x < 0 || y < 0 || x >= side || y >= side) continue;
        const int cx = static_cast<int>(x / cell), cy = static_cast<int>(y / cell);
        bool ok = true;
        for (int j = std::max(0, cy - 2); j <= std::min(n - 1, cy + 2) && ok; ++j)
          for (int i = std::max(0, cx - 2); i <= std::min(n - 1, cx + 2) && ok; ++i)
            if (const int q = grid[static_cast<std::size_t>(j) * n + i]; q >= 0)
              ok = (xs[q] - x) * (xs[q] - x) + (ys[q] - y) * (ys[q] - y) >= r * r;
        if (ok) add(x, y), placed = true;
      }
      if (!placed) active[pick] = active.back(), active.pop_back();
    }
    points = xs.size();
    benchmark::DoNotOptimize(points);
  }
  state.counters["dots"] = static_cast<double>(points);
  state.counters["dots_per_second"] = benchmark::Counter(
      static_cast<double>(points) * state.iterations(), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_UniformBridson)->Arg(100000)->Unit(benchmark::kMillisecond)->UseRealTime();

// The target field on the planner's 1 mm chart raster (areas, densities).
void BM_ScalpRaster(benchmark::State& state) {
  const smp::Case c = norwood6(105, 250, 0.25);
  const smp::TargetField field = smp::target_field_for(c);
  const smp::ChartGrid grid{smp::PlannerOptions{}.chart_cell_mm, field.chart_half_extent_mm()};
  for (auto _ : state) benchmark::DoNotOptimize(smp::ScalpRaster::compute(field, grid, 1));
  state.counters["cells"] = static_cast<double>(grid.size()) * grid.size();
}
BENCHMARK(BM_ScalpRaster)->Unit(benchmark::kMillisecond)->UseRealTime();

// Building the case's head, hairline, loss and scars.
void BM_TargetFieldFromCase(benchmark::State& state) {
  const smp::Case c = norwood6(95, 250, 0.25);
  for (auto _ : state) benchmark::DoNotOptimize(smp::target_field_for(c));
}
BENCHMARK(BM_TargetFieldFromCase)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
