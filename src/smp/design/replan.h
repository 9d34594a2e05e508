// Live re-planning: a design and one edit of its target (a hairline point dragged, a
// region's goal or the clinic's density changed, a stroke of the loss brush) give the new
// design. Only the dots within the changed band (the cells whose target changed, plus one
// first-session spacing) are planned again, around the others, which keep their ids,
// positions and sessions; a dot outside the band whose region changed is relabelled.
#pragma once

#include <cstdint>
#include <stop_token>
#include <variant>

#include "smp/design/planner.h"

namespace smp {

struct MoveHairlinePoint {
  HairlinePoint point = HairlinePoint::mid_frontal;
  SurfaceAngles to;
};
struct SetRegionGoal {
  Region region = Region::mid_scalp;
  Goal goal = Goal::buzz_cut;
};
struct SetDensity {
  DensityParameters density;
};
struct PaintLoss {
  MaskStroke stroke;
};
using DesignEdit = std::variant<MoveHairlinePoint, SetRegionGoal, SetDensity, PaintLoss>;

struct ReplanOptions {
  int threads = 1;  // the design does not depend on it
  // The edit's number in the consultation: the new dots' random streams, so two edits
  // of one design never repeat each other's choices.
  std::uint64_t revision = 1;
  std::stop_token stop;  // requested: throws Cancelled
};

struct ReplannedDesign {
  TargetField field;  // the edited target
  PlannedDesign planned;
  std::vector<std::uint8_t> band;  // raster cells planned again (1)
  double band_area_cm2 = 0;        // skin area of the band
  int dots_kept = 0, dots_removed = 0, dots_added = 0;
};

// The target field with the edit applied. Throws PlanError naming the edit's field for a
// value out of range (a stroke's radius or coverage).
TargetField edited_field(const TargetField& field, const DesignEdit& edit);

// `planned` (a design of `field` with `params` and `seed`) after the edit. The design's
// sessions stay nested, its region counts follow the new target (exact in the band), and
// the no-merge rule holds for every pair.
ReplannedDesign replan_design(const TargetField& field, const PlannedDesign& planned,
                              const DesignEdit& edit, const DesignParameters& params,
                              unsigned long long seed, const ReplanOptions& options = {});
// The same, taking over the design (a live editor that keeps only the latest): nothing
// of the whole raster or dot list is copied.
ReplannedDesign replan_design(const TargetField& field, PlannedDesign&& planned,
                              const DesignEdit& edit, const DesignParameters& params,
                              unsigned long long seed, const ReplanOptions& options = {});

}  // namespace smp
