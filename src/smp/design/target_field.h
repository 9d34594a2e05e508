// The target: for every point of the scalp, which region it is in, how much native
// hair covers it, how far it is from a scar and the hairline, and the density of
// impressions the design aims at there.
#pragma once

#include <memory>
#include <vector>

#include "smp/design/goals.h"
#include "smp/design/hairline.h"
#include "smp/loss/hair_loss.h"
#include "smp/loss/scar.h"

namespace smp {

struct FieldSample {
  bool on_scalp = false;
  Region region = Region::mid_scalp;
  double coverage = 1;             // native hair, 0 bald .. 1 full
  double scar_distance_mm = 1e9;   // to the nearest scar edge, negative inside
  double hairline_depth_mm = 1e9;  // behind the hairline (front part only)
  double target_per_cm2 = 0;
  bool hairline_transition = false;  // treated and inside the hairline's transition zone
  bool on_scar() const { return scar_distance_mm <= 0; }
};

class TargetField {
 public:
  TargetField(ScalpMap map, HairlineDesign hairline, std::shared_ptr<const HairLossPattern> loss,
              std::vector<std::shared_ptr<const Scar>> scars, Goals goals,
              DensityParameters density);

  FieldSample sample(ChartPoint c) const;
  FieldSample sample_point(const ScalpPoint& p) const;  // the same, for a point already made
  const ScalpMap& map() const { return map_; }
  const HairlineDesign& hairline() const { return hairline_; }
  const HairLossPattern& loss() const { return *loss_; }
  const std::vector<std::shared_ptr<const Scar>>& scars() const { return scars_; }
  const Goals& goals() const { return goals_; }
  const DensityParameters& density() const { return density_; }
  const std::shared_ptr<const HairLossPattern>& loss_pattern() const { return loss_; }
  // The same field with one part changed: what an edit in the consultation makes.
  TargetField with_hairline(HairlineDesign hairline) const;
  TargetField with_loss(std::shared_ptr<const HairLossPattern> loss) const;
  TargetField with_goals(Goals goals) const;
  TargetField with_density(DensityParameters density) const;
  // The chart extent that holds the whole scalp.
  double chart_half_extent_mm() const;
  // The largest chart distance from the vertex of the outline (sampled every half degree).
  double scalp_chart_radius_mm() const;

 private:
  ScalpMap map_;
  HairlineDesign hairline_;
  std::shared_ptr<const HairLossPattern> loss_;
  std::vector<std::shared_ptr<const Scar>> scars_;
  Goals goals_;
  DensityParameters density_;
};

}  // namespace smp
