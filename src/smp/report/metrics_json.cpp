#include "smp/report/metrics_json.h"

#include <cmath>

#include <nlohmann/json.hpp>

namespace smp {
namespace {

nlohmann::json distance_json(const DistanceMetric& d) {
  return {{"median", std::round(d.median * 100) / 100}, {"p90", std::round(d.p90 * 100) / 100}};
}

}  // namespace

std::string metrics_json(const Case& c, const Simulation& sim, const SimulationResults& results) {
  nlohmann::json j;
  j["schema"] = "smp-studio/metrics/1";
  j["patient"] = c.patient.id;
  j["treated_patch"] = {{"region", sim.treated_region()},
                        {"u_mm", sim.treated_centre().u_mm},
                        {"v_mm", sim.treated_centre().v_mm}};
  j["reference_patch"] = {{"region", sim.reference_region()},
                          {"u_mm", sim.reference_centre().u_mm},
                          {"v_mm", sim.reference_centre().v_mm}};
  j["closeup_mm"] = c.params.appearance.closeup_mm;
  j["closeup_mm_per_px"] = 1 / c.params.appearance.closeup_px_per_mm;
  nlohmann::json list = nlohmann::json::array();
  for (std::size_t i = 0; i < results.states.size(); ++i) {
    const StateMetrics& m = results.metrics[i];
    list.push_back({{"state", results.states[i].name},
                    {"delta_e00_0.3m", distance_json(m.delta_e00_03m)},
                    {"delta_e00_1.5m", distance_json(m.delta_e00_15m)},
                    {"dot_contrast_0.3m", std::round(m.dot_contrast_03m * 100) / 100}});
  }
  j["states"] = list;
  j["touch_up"] = {
      {"threshold_delta_e00_1.5m", c.params.appearance.touch_up_delta_e00},
      {"years_after_healing", results.touch_up_reached
                                  ? nlohmann::json(std::round(results.touch_up_years * 10) / 10)
                                  : nlohmann::json(nullptr)},
      {"horizon_years", results.touch_up_horizon_years}};
  return j.dump(2) + "\n";
}

}  // namespace smp
