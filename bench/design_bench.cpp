// The design engine's speed: the whole Norwood VI design and its stages, one core.
#include <benchmark/benchmark.h>

#include "smp/case/design_from_case.h"
#include "smp/design/planner.h"

namespace {

smp::Case norwood6(double density_per_cm2, double dot_um, double gap_mm) {
  smp::Case c = smp::load_case(std::string(SMP_SOURCE_DIR) + "/examples/norwood6-buzzcut.toml");
  c.params.density.final_per_cm2 = density_per_cm2;
  c.params.dots.diameter_um = dot_um;
  c.params.dots.hairline_diameter_um = dot_um;
  c.params.dots.min_gap_mm = gap_mm;
  return c;
}

// The bundled Norwood VI buzz-cut case as designed by `smp design` (about 29k dots).
// A second run with 3x the density places about 90k dots: the scaling towards the
// 100k-dot full-scalp goal.
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
BENCHMARK(BM_DesignNorwood6)->Arg(95)->Arg(285)->Unit(benchmark::kMillisecond)->UseRealTime();

// The target field on the 0.5 mm chart raster (areas, candidate weights).
void BM_ScalpRaster(benchmark::State& state) {
  const smp::Case c = norwood6(95, 250, 0.25);
  const smp::TargetField field = smp::target_field_for(c);
  const smp::ChartGrid grid{0.5, field.chart_half_extent_mm()};
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
