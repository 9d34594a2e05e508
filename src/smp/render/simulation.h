// The treatment as it looks: close-up patches of a treated and a haired reference area
// in each state (before, after each session, healed, years later), and how different
// they look at social distances (S-CIELAB + CIEDE2000).
#pragma once

#include <stop_token>
#include <string>
#include <vector>

#include "smp/design/planner.h"
#include "smp/render/closeup.h"
#include "smp/render/head_view.h"
#include "smp/render/render_parameters.h"
#include "smp/skin/impression_life.h"
#include "smp/skin/skin_parameters.h"

namespace smp {

struct TreatmentState {
  // before: untreated; session: the day after a session, fresh; session_healed: a
  // month after a session that is not the last; healed: a month after the last;
  // year: years after healing.
  enum class Kind { before, session, session_healed, healed, year };
  Kind kind = Kind::before;
  std::string name =
      "before";  // before, session-1, session-1-healed, healed, year-5: in file names and legends
  int sessions_done = 0;
  double days_after_last = 0;  // since the last session done
};

// The state of this kind in `states` (the first), or nullptr.
const TreatmentState* find_state(const std::vector<TreatmentState>& states,
                                 TreatmentState::Kind kind);
// The default years after healing that `smp render` and `smp plan` show.
inline const std::vector<double> kDefaultYearsShown{1, 3, 5, 10};
// The healed state after `sessions` sessions.
TreatmentState healed_state(int sessions, const ImpressionLifeParameters& life);

// before, session-k (the day after each session, fresh), session-k-healed (a month after
// session k, for k < last), healed (a month after the last), and year-N for each N.
std::vector<TreatmentState> standard_states(int sessions, const std::vector<double>& years,
                                            const ImpressionLifeParameters& life);

struct DistanceMetric {
  double median = 0, p90 = 0;
};

struct StateMetrics {
  std::string state;
  DistanceMetric delta_e00_03m, delta_e00_15m;  // treated vs the haired reference
  double dot_contrast_03m = 0;                  // CIEDE2000 of dot cores vs the skin between them
};

// The numbers the simulation reads: skin optics, the life of an impression, native hair
// and how the renders see the skin.
struct SimulationParameters : SkinParameters, RenderParameters {};

// What the simulation needs of a consultation besides the design (case/ builds it from a
// case file): this patient's skin, hair and habits.
struct SimulationInputs {
  int phototype = 3;            // Fitzpatrick I-VI as 1-6
  std::string hair_colour;      // a name of skin/hair_colour.h
  double hair_length_mm = 1.0;  // the native hair as it is worn
  Habits habits;
  SimulationParameters params;
  unsigned long long seed = 1;  // the native hair's placement
};

class Simulation {
 public:
  // Every render of the simulation (here, the metrics, the touch-up) throws Cancelled
  // (base/cancellation.h) soon after `stop` is requested.
  Simulation(SimulationInputs inputs, const TargetField& field, const PlannedDesign& planned,
             std::stop_token stop = {});

  CloseupScene treated_patch(const TreatmentState& s) const;
  CloseupScene reference_patch() const;
  // The treated close-up under raking light: a scar's relief shades its edges (XYZ
  // image at the close-up resolution). Only meaningful when the case has scars.
  cv::Mat raking_closeup(const TreatmentState& s) const;
  // The whole head in this state (every impression of the sessions done).
  HeadScene head_scene(const TreatmentState& s) const;
  StateMetrics metrics(const TreatmentState& s) const;
  // Years after healing at which the 1.5 m difference reaches the clinic's threshold
  // (bisection on the rendered patches); `horizon` if it never does within it.
  double touch_up_years(double horizon = 15) const;

  const HeadModel& head() const { return field_.map().head(); }
  const NativeHair& native_hair() const { return native_hair_; }
  ChartPoint treated_centre() const { return treated_; }
  ChartPoint reference_centre() const { return reference_; }
  std::string treated_region() const;
  std::string reference_region() const;

 private:
  // The native hair's colours: the shaft, and the skin over its buried part with halo.
  struct HairLook {
    Xyz shaft, under;
    double under_halo_mm = 0, under_saturation = 0;
  };
  HairLook hair_look() const;
  void grow_native_hair();
  void add_hair(CloseupScene& scene, ChartPoint centre, double coverage,
                unsigned long long seed) const;
  double patch_scale(ChartPoint centre) const;
  Xyz state_skin(const TreatmentState& s) const;
  // Core colour, visible diameter (um) and halo saturation of one impression.
  struct DotLook {
    Xyz colour;
    double diameter_um, saturation;
  };
  DotLook dot_look(const Dot& d, double age_days, const Xyz& skin) const;
  // How close a dark core is to the darkest a deposit at this depth can get (0..1):
  // the strength of its diffuse halo.
  double halo_saturation(const Xyz& skin, const Xyz& core, double depth_um) const;

  SimulationInputs in_;
  std::stop_token stop_;
  const TargetField& field_;
  const PlannedDesign& planned_;
  SkinLayers skin_;
  ChartPoint treated_, reference_;
  Lab reference_03m_,
      reference_15m_;  // the reference as seen from 0.3 m and 1.5 m (it does not change)
  HairLook hair_;
  NativeHair native_hair_;  // every native hair on the head, for the head views
};

}  // namespace smp
