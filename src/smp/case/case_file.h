// The case file (TOML, docs/case-file.md): the patient, the head, the hair loss, scars,
// goals, hairline choices, clinic parameters and the random seed.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "smp/case/clinical_parameters.h"
#include "smp/case/questionnaire_file.h"
#include "smp/design/goals.h"
#include "smp/design/hairline.h"
#include "smp/geometry/head_model.h"
#include "smp/io/input_error.h"
#include "smp/loss/hair_loss.h"
#include "smp/loss/scar.h"
#include "smp/skin/impression_life.h"
#include "smp/skin/pigment.h"

namespace smp {

struct PatientInfo {
  std::string id;  // pseudonymous: never a name
  Sex sex = Sex::male;
  int age = 0;
  int phototype = 3;  // Fitzpatrick I-VI as 1-6
  std::string hair_colour;
};

struct HairLossSpec {
  LossPattern pattern = LossPattern::none;
  std::string stage;                   // norwood, ludwig
  double severity = 0.6;               // olsen
  double loss = 0.5;                   // diffuse
  std::vector<AlopeciaPatch> patches;  // areata: given patches
  int random_patch_count = 0;          // areata: plus this many drawn with the seed
  double random_min_diameter_mm = 15, random_max_diameter_mm = 40;
  std::string mask_path;  // resolved against the case file's folder
  double mask_half_extent_mm = 220;
  double hair_length_mm = 1.0;  // existing hair
};

struct ScarSpec {
  enum class Type { fut, fue, area } type = Type::fut;
  FutStripSpec fut;
  FueScarSpec fue;
  std::vector<ChartPoint> polygon;
  std::string label;
};

// What the plan needs beyond the design: dates, sedation and the clinic's price book.
struct PlanInputs {
  std::optional<std::chrono::year_month_day> consultation_date;  // default: today
  std::optional<std::chrono::year_month_day>
      start_date;  // first possible session day; default: a week after the consultation
  std::optional<std::chrono::year_month_day> transplant_date;  // a hair transplant, planned or done
  std::vector<int> sedated_sessions;                           // 1-based
  std::string price_book;  // path, resolved against the case file's folder; empty: the default book
  std::string photos_dir;  // the patient's photos (docs/photo.md "Photo folder"), resolved
                           // likewise; empty: none
};

// A hairline point the clinician placed by hand (the editor's drag), on the scalp map.
struct PlacedHairlinePoint {
  HairlinePoint point = HairlinePoint::mid_frontal;
  ChartPoint at;
};

struct Case {
  std::string source;  // the file it came from
  PatientInfo patient;
  HeadMeasurements head;
  HairLossSpec loss;
  std::vector<ScarSpec> scars;
  Goals goals;
  HairlineStyle hairline_style = HairlineStyle::soft;
  std::vector<PlacedHairlinePoint> hairline_points;  // [[hairline.points]], at most one per point
  ClinicalParameters params;
  Habits habits;
  ShadeRecommendation shades;                  // per session, with reasons and warnings
  std::optional<Questionnaire> questionnaire;  // [candidacy]
  PlanInputs plan;
  unsigned long long seed = 1;
};

// Both throw InputError (file, line, field) for anything wrong in the file.
Case load_case(const std::string& path);
Case parse_case(const std::string& toml_text, const std::string& source_name);

}  // namespace smp
