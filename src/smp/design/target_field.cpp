#include "smp/design/target_field.h"

#include <algorithm>
#include <cmath>

namespace smp {

TargetField::TargetField(ScalpMap map, HairlineDesign hairline,
                         std::shared_ptr<const HairLossPattern> loss,
                         std::vector<std::shared_ptr<const Scar>> scars, Goals goals,
                         DensityParameters density)
    : map_(std::move(map)),
      hairline_(std::move(hairline)),
      loss_(std::move(loss)),
      scars_(std::move(scars)),
      goals_(goals),
      density_(density) {}

TargetField TargetField::with_hairline(HairlineDesign hairline) const {
  TargetField f = *this;
  f.hairline_ = std::move(hairline);
  return f;
}
TargetField TargetField::with_loss(std::shared_ptr<const HairLossPattern> loss) const {
  TargetField f = *this;
  f.loss_ = std::move(loss);
  return f;
}
TargetField TargetField::with_goals(Goals goals) const {
  TargetField f = *this;
  f.goals_ = goals;
  return f;
}
TargetField TargetField::with_density(DensityParameters density) const {
  TargetField f = *this;
  f.density_ = density;
  return f;
}

double TargetField::scalp_chart_radius_mm() const {
  double max_polar = 0;
  for (int i = 0; i < 720; ++i)
    max_polar = std::max(max_polar, hairline_.outline.polar_limit(-kPi + i * kPi / 360));
  return max_polar * ScalpMap::kChartMmPerRadian;
}

double TargetField::chart_half_extent_mm() const {
  return std::ceil(scalp_chart_radius_mm() / 10 + 1) * 10;
}

FieldSample TargetField::sample(ChartPoint c) const { return sample_point(ScalpPoint::at(map_, c)); }

FieldSample TargetField::sample_point(const ScalpPoint& p) const {
  FieldSample f;
  const ScalpOutline& outline = hairline_.outline;
  if (!outline.contains(p.angles)) return f;
  f.on_scalp = true;
  const HeadModel& head = map_.head();
  const bool front = outline.in_front(p.angles.azimuth_rad);
  if (front) f.hairline_depth_mm = outline.depth_mm(head, p.angles, p.trig);
  f.region = classify(p.unit, f.hairline_depth_mm, hairline_.params.zone_depth_mm);
  for (const auto& s : scars_)
    f.scar_distance_mm = std::min(f.scar_distance_mm, s->signed_distance_mm(p));
  f.coverage = f.on_scar() ? 0.0 : std::clamp(loss_->coverage(p), 0.0, 1.0);

  const double loss = 1 - f.coverage;
  double target = 0;
  switch (goals_.at(f.region)) {
    case Goal::none: break;
    case Goal::buzz_cut:
      // Full density on bald skin, blended into the native stubble.
      target =
          density_.final_per_cm2 * std::min(1.0, loss / (1 - density_.buzz_full_below_coverage));
      break;
    case Goal::density: target = density_.density_work_per_cm2 * loss; break;
    case Goal::scar_camouflage: {
      const double margin = density_.scar_margin_mm;
      const double w =
          f.scar_distance_mm <= 0 ? 1.0 : 1 - smoothstep01(f.scar_distance_mm / margin);
      target = density_.final_per_cm2 * w;
      break;
    }
  }
  if (front && target > 0) {
    target *= hairline_.transition_factor(f.hairline_depth_mm);
    f.hairline_transition = hairline_.in_transition(f.hairline_depth_mm);
  }
  f.target_per_cm2 = target;
  return f;
}

}  // namespace smp
