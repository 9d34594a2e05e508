// Every clinical number of a case: the defaults of each layer's parameters, overridden by
// the case file's [clinic], [hairline] and [head] tables (docs/case-file.md). Each layer
// reads only its own part (geometry, design, skin, render, clinic, photo); docs/parameters.md
// is the one index of every number with its default, range and source. A few tables live
// beside the model that reads them, each with its source: the shade dilutions
// (skin/pigment.h), the 30/70/100 session build-up (design/design.h), the habit
// multipliers of fading (skin/impression_life), the hair colours (skin/hair_colour.cpp),
// the FUE punch spacing (loss/scar.h); prices live in the clinic's price book
// (docs/price-book.md).
#pragma once

#include "smp/clinic/clinic_parameters.h"
#include "smp/design/design_parameters.h"
#include "smp/geometry/geometry_parameters.h"
#include "smp/photo/photo_parameters.h"
#include "smp/render/render_parameters.h"
#include "smp/skin/skin_parameters.h"

namespace smp {

struct ClinicalParameters : GeometryParameters,
                            DesignParameters,
                            SkinParameters,
                            RenderParameters,
                            ClinicParameters,
                            PhotoParameters {};

}  // namespace smp
