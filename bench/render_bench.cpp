// The simulation's speed: a 2048 px model-head view and a close-up of the Norwood VI
// design, healed, one core.
#include <benchmark/benchmark.h>

#include "smp/case/design_from_case.h"
#include "smp/case/simulation_from_case.h"
#include "smp/render/simulation.h"

namespace {

struct Fixture {
  smp::Case c = smp::load_case(std::string(SMP_SOURCE_DIR) + "/examples/norwood6-buzzcut.toml");
  smp::TargetField field = smp::target_field_for(c);
  smp::PlannedDesign planned = smp::plan_design(field, c.params, c.seed, {});
  smp::Simulation sim{smp::simulation_inputs(c), field, planned};
  smp::TreatmentState healed{smp::TreatmentState::Kind::healed, "healed", 3,
                             c.params.life.healed_days};
};

const Fixture& fixture() {
  static const Fixture f;
  return f;
}

void BM_HeadView2048(benchmark::State& state) {
  const Fixture& f = fixture();
  const smp::HeadScene scene = f.sim.head_scene(f.healed);
  const smp::HeadViewGeometry geometry(f.sim.head(), smp::View::top, 2048);
  for (auto _ : state) benchmark::DoNotOptimize(smp::render_head_view(scene, geometry));
  state.counters["dots"] = static_cast<double>(scene.dots.size());
}
BENCHMARK(BM_HeadView2048)->Unit(benchmark::kMillisecond)->UseRealTime();

// What the camera sees of the head: once per view, shared by every state.
void BM_HeadViewGeometry2048(benchmark::State& state) {
  const Fixture& f = fixture();
  for (auto _ : state)
    benchmark::DoNotOptimize(smp::HeadViewGeometry(f.sim.head(), smp::View::top, 2048));
}
BENCHMARK(BM_HeadViewGeometry2048)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_HeadScene(benchmark::State& state) {
  const Fixture& f = fixture();
  for (auto _ : state) benchmark::DoNotOptimize(f.sim.head_scene(f.healed));
}
BENCHMARK(BM_HeadScene)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_Closeup(benchmark::State& state) {
  const Fixture& f = fixture();
  for (auto _ : state)
    benchmark::DoNotOptimize(smp::render_closeup(f.sim.treated_patch(f.healed),
                                                 f.c.params.appearance.closeup_px_per_mm));
}
BENCHMARK(BM_Closeup)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_StateMetrics(benchmark::State& state) {
  const Fixture& f = fixture();
  for (auto _ : state) benchmark::DoNotOptimize(f.sim.metrics(f.healed));
}
BENCHMARK(BM_StateMetrics)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
