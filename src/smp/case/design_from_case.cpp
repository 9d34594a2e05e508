#include "smp/case/design_from_case.h"

#include <stdexcept>

#include "smp/base/plan_error.h"
#include "smp/design/replan.h"

namespace smp {
namespace {

std::shared_ptr<const HairLossPattern> loss_for(const Case& c) {
  const HairLossSpec& l = c.loss;
  switch (l.pattern) {
    case LossPattern::none: return make_no_loss();
    case LossPattern::norwood: return make_norwood(l.stage);
    case LossPattern::ludwig: return make_ludwig(l.stage);
    case LossPattern::olsen: return make_olsen(l.severity);
    case LossPattern::diffuse: return make_diffuse(l.loss);
    case LossPattern::areata: {
      std::vector<AlopeciaPatch> patches = l.patches;
      for (const AlopeciaPatch& p : random_patches(l.random_patch_count, l.random_min_diameter_mm,
                                                   l.random_max_diameter_mm, c.seed))
        patches.push_back(p);
      return make_areata(std::move(patches));
    }
    case LossPattern::mask: try { return make_painted_mask(l.mask_path, l.mask_half_extent_mm);
      } catch (const std::exception& e) {
        throw InputError(c.source, 0, "hair_loss.file", e.what());
      }
  }
  throw std::logic_error("hair loss: a pattern without a map");
}

}  // namespace

TargetField target_field_for(const Case& c) {
  const HeadModel head = [&] {
    try {
      return HeadModel::fit(c.head, c.params.landmarks);
    } catch (const std::invalid_argument& e) {
      throw InputError(c.source, 0, "head", e.what());
    }
  }();
  HairlineDesign hairline = design_hairline(head, c.hairline_style, c.params.hairline,
                                            c.params.margin, c.params.landmarks, c.seed);
  std::vector<std::shared_ptr<const Scar>> scars;
  for (std::size_t k = 0; k < c.scars.size(); ++k) {
    const ScarSpec& s = c.scars[k];
    try {
      switch (s.type) {
        case ScarSpec::Type::fut: scars.push_back(make_fut_strip(head, s.fut)); break;
        case ScarSpec::Type::fue: scars.push_back(make_fue_scars(head, s.fue, c.seed)); break;
        case ScarSpec::Type::area: scars.push_back(make_scar_area(s.polygon, s.label)); break;
      }
    } catch (const std::invalid_argument& e) {  // parses, but this head cannot hold it
      throw PlanError("scars[" + std::to_string(k) + "]", e.what());
    }
  }
  const std::shared_ptr<const HairLossPattern> loss = [&] {
    try {
      return loss_for(c);
    } catch (const std::invalid_argument& e) {
      throw PlanError("hair_loss", e.what());
    }
  }();
  TargetField field(ScalpMap(head), std::move(hairline), loss, std::move(scars), c.goals,
                    c.params.density);
  // The placed points, each on the line drawn through the others (the order does not matter).
  for (std::size_t k = 0; k < c.hairline_points.size(); ++k) {
    const PlacedHairlinePoint& p = c.hairline_points[k];
    try {
      field = edited_field(field, MoveHairlinePoint{p.point, field.map().angles(p.at)});
    } catch (const PlanError& e) {
      throw InputError(c.source, 0, "hairline.points[" + std::to_string(k) + "]", e.reason());
    }
  }
  return field;
}

}  // namespace smp
