// A phone photo: a 12 MP JPEG (4000 x 3000) imported (decoded, oriented, checked for a
// colour profile), then the healed state drawn onto it at full size. The design, the
// simulation and the photo's analysis are set up once outside the timing (they are per
// case and per photo, not per picture); their costs are measured on their own.
// Peak memory of the step: the process's high-water mark reset before it (Linux
// /proc/self/clear_refs) and read after, as the counter peak_MB.
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include <benchmark/benchmark.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "smp/case/design_from_case.h"
#include "smp/case/simulation_from_case.h"
#include "smp/design/planner.h"
#include "smp/photo/design_on_photo.h"
#include "smp/photo/photo_analysis.h"
#include "smp/photo/photo_import.h"
#include "smp/photo/synthetic_photo.h"
#include "smp/render/simulation.h"

namespace {

// A 12 MP JPEG with smooth gradients and detail, written once (JPEG size and decode time
// depend on the content: a flat image would decode unrealistically fast).
const std::string& twelve_megapixel_jpeg() {
  static const std::string path = [] {
    cv::Mat img(3000, 4000, CV_8UC3);
    cv::randu(img, cv::Scalar::all(0), cv::Scalar::all(255));
    cv::GaussianBlur(img, img, cv::Size(0, 0), 3);
    for (int r = 0; r < img.rows; ++r)
      for (int c = 0; c < img.cols; ++c)
        img.at<cv::Vec3b>(r, c)[2] =
            cv::saturate_cast<uchar>(img.at<cv::Vec3b>(r, c)[2] / 2 + c * 127 / img.cols);
    const std::string p = (std::filesystem::temp_directory_path() / "smp-bench-12mp.jpg").string();
    cv::imwrite(p, img, {cv::IMWRITE_JPEG_QUALITY, 90});
    return p;
  }();
  return path;
}

void BM_ImportJpeg12MP(benchmark::State& state) {
  const std::string& path = twelve_megapixel_jpeg();
  for (auto _ : state) benchmark::DoNotOptimize(smp::import_photo(path));
  state.counters["MB"] = static_cast<double>(std::filesystem::file_size(path)) / 1e6;
}
BENCHMARK(BM_ImportJpeg12MP)->Unit(benchmark::kMillisecond)->UseRealTime();

// The Norwood VI example with 6 mm hair, photographed from the top at 12 MP (JPEG), the
// pose the true camera.
struct PatientPhoto {
  smp::Case c = smp::load_case(std::string(SMP_SOURCE_DIR) + "/examples/norwood6-buzzcut.toml");
  std::unique_ptr<smp::TargetField> field;
  smp::PlannedDesign planned;
  std::unique_ptr<smp::Simulation> sim;
  smp::HeadScene healed;
  smp::SyntheticPhoto photo;
  std::string jpeg = (std::filesystem::temp_directory_path() / "smp-bench-12mp-top.jpg").string();
  PatientPhoto() {
    c.loss.hair_length_mm = 6;
    field = std::make_unique<smp::TargetField>(smp::target_field_for(c));
    planned = smp::plan_design(*field, c.params, c.seed, {});
    sim = std::make_unique<smp::Simulation>(smp::simulation_inputs(c), *field, planned);
    const int sessions = static_cast<int>(planned.design.sessions.size());
    healed = sim->head_scene(smp::healed_state(sessions, c.params.life));
    smp::SyntheticPhotoSpec spec;
    spec.view = smp::View::top;
    spec.width_px = 4000;
    spec.height_px = 3000;
    photo = smp::render_synthetic_photo(sim->head_scene({}), sim->head(), spec);
    cv::imwrite(jpeg, photo.bgr8, {cv::IMWRITE_JPEG_QUALITY, 92});
  }
};
const PatientPhoto& patient_photo() {
  static const PatientPhoto p;
  return p;
}

// The process's peak resident memory (VmHWM), MB; reset_peak() starts a new peak.
double peak_rss_mb() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);)
    if (line.rfind("VmHWM:", 0) == 0) return std::stod(line.substr(6)) / 1024;
  return 0;
}
void reset_peak() { std::ofstream("/proc/self/clear_refs") << "5"; }

void BM_AnalysePhoto12MP(benchmark::State& state) {
  const PatientPhoto& p = patient_photo();
  for (auto _ : state)
    benchmark::DoNotOptimize(smp::analyse_photo(p.photo.bgr8, p.sim->head(), p.photo.camera));
}
BENCHMARK(BM_AnalysePhoto12MP)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_ImportAndDrawHealed12MP(benchmark::State& state) {
  const PatientPhoto& p = patient_photo();
  const smp::PhotoAnalysis analysis =
      smp::analyse_photo(p.photo.bgr8, p.sim->head(), p.photo.camera);
  double peak = 0;
  for (auto _ : state) {
    reset_peak();
    const smp::ImportedPhoto imported = smp::import_photo(p.jpeg);
    const smp::DesignOnPhoto stage(p.sim->head(), p.photo.camera, imported.bgr8, analysis);
    benchmark::DoNotOptimize(stage.render(p.healed));
    peak = std::max(peak, peak_rss_mb());
  }
  state.counters["peak_MB"] = peak;
  state.counters["dots"] = static_cast<double>(p.healed.dots.size());
}
BENCHMARK(BM_ImportAndDrawHealed12MP)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_DrawHealed12MP(benchmark::State& state) {
  const PatientPhoto& p = patient_photo();
  const smp::PhotoAnalysis analysis =
      smp::analyse_photo(p.photo.bgr8, p.sim->head(), p.photo.camera);
  const smp::DesignOnPhoto stage(p.sim->head(), p.photo.camera, p.photo.bgr8, analysis);
  for (auto _ : state) benchmark::DoNotOptimize(stage.render(p.healed));
}
BENCHMARK(BM_DrawHealed12MP)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
