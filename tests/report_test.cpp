// The patient's report (HTML, PDF) and the technician's session sheets, written from a
// real plan of the Norwood VI example and read back with poppler's pdfinfo/pdftotext.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>
#include <unistd.h>

#include "smp/case/plan_request_from_case.h"
#include "smp/clinic/triage.h"
#include "smp/io/folder_sink.h"
#include "smp/jobs/render_job.h"
#include "smp/report/pictures.h"
#include "smp/report/plan_files.h"
#include "smp/report/report_pictures.h"
#include "smp/report/report_text.h"
#include "smp/report/session_sheet_pdf.h"

#include "test_support.h"

namespace smp {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono;

std::string read_text(const fs::path& p) { return testing::read_file(p); }

// stdout of a command (the tools are Debian's poppler-utils).
std::string run(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return out;
  char buf[4096];
  for (std::size_t n; (n = fread(buf, 1, sizeof buf, pipe)) > 0;) out.append(buf, n);
  EXPECT_EQ(pclose(pipe), 0) << command;
  return out;
}
std::string pdf_text(const fs::path& pdf) {
  return run("/usr/bin/pdftotext -layout '" + pdf.string() + "' -");
}

struct PdfInfo {
  int pages = 0;
  double width_pt = 0, height_pt = 0;
};
PdfInfo pdf_info(const fs::path& pdf) {
  const std::string info = run("/usr/bin/pdfinfo '" + pdf.string() + "'");
  PdfInfo r;
  std::smatch m;
  if (std::regex_search(info, m, std::regex(R"(Pages:\s+(\d+))"))) r.pages = std::stoi(m[1]);
  if (std::regex_search(info, m, std::regex(R"(Page size:\s+([\d.]+) x ([\d.]+) pts)")))
    r.width_pt = std::stod(m[1]), r.height_pt = std::stod(m[2]);
  return r;
}

fs::path scratch(const std::string& name) { return testing::scratch_dir(name); }

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos;
       at = text.find(what, at + what.size()))
    ++n;
  return n;
}

// A plan as the clinic would hand it out: the Norwood VI example designed, rendered
// (year 5 only, to keep the test fast) and planned, with a caution and a goal that needs
// escaping added. Written once to $SMP_REPORT_FIXTURE_DIR (the browser test's fixture) or
// a temporary folder.
struct ReportFixture {
  const testing::DesignedExample& ex = testing::designed_example("norwood6-buzzcut.toml");
  fs::path dir;
  bool keep = true;  // the browser test's fixture stays for it
  TreatmentPlan plan;
  OutputFiles pictures;  // the render job's

  ReportFixture() {
    const char* fixed = std::getenv("SMP_REPORT_FIXTURE_DIR");
    if (fixed) {
      dir = fixed;
    } else {
      dir = scratch("smp-report");
      keep = false;
    }
    const Case& c = ex.c;
    RenderOptions render;
    render.years = {5};
    RenderJobResult r = render_job(c, *ex.field, ex.planned, render);
    pictures = r.files;
    plan = plan_treatment(plan_request(c), ex.planned.design, std::move(r.simulation),
                          default_price_book(), 2026y / March / 2);
    plan.goals.push_back("hairline & temples <soft>");  // must come out escaped
    plan.candidacy = CandidacyResult{Verdict::candidate_with_cautions,
                                     {"Keloid tendency in the family."},
                                     {"A test patch four weeks before the first session."},
                                     std::nullopt,
                                     {}};
    FolderSink folder(dir);
    put_plan_files(plan, c.params.aftercare, ex.planned.raster, pictures, folder);
    put_all(pictures, folder);
    folder.commit();
  }
  ~ReportFixture() {
    std::error_code ignored;
    if (!keep) fs::remove_all(dir, ignored);
  }
};

const ReportFixture& fixture() {
  static const ReportFixture f;
  return f;
}

// Every kind of picture the jobs write comes back from a PNG decoder pixel for pixel,
// including a region of a larger image (rows that are not contiguous).
TEST(Pictures, PngKeepsEveryPixelOfGreyColourAndAlphaPictures) {
  cv::Mat grey(37, 53, CV_8UC1), bgr(64, 80, CV_8UC3), bgra(20, 30, CV_8UC4),
      deep(16, 16, CV_16UC1);
  cv::randu(grey, 0, 256), cv::randu(bgr, 0, 256), cv::randu(bgra, 0, 256),
      cv::randu(deep, 0, 65536);
  const cv::Mat part = bgr(cv::Rect(5, 7, 40, 30));
  for (const cv::Mat& m : {grey, bgr, bgra, deep, part}) {
    const std::string bytes = png_bytes(m);
    const cv::Mat back =
        cv::imdecode(std::vector<uchar>(bytes.begin(), bytes.end()), cv::IMREAD_UNCHANGED);
    ASSERT_EQ(back.type(), m.type());
    ASSERT_EQ(back.size(), m.size());
    EXPECT_EQ(cv::norm(back, m, cv::NORM_INF), 0);
  }
}

TEST(Report, HtmlIsOneSelfContainedPage) {
  const ReportFixture& f = fixture();
  const std::string html = read_text(f.dir / "report.html");
  ASSERT_FALSE(html.empty());
  EXPECT_EQ(count(html, "http://"), 0u);
  EXPECT_EQ(count(html, "https://"), 0u);
  EXPECT_EQ(count(html, "<script"), 0u);
  EXPECT_EQ(count(html, "<link rel=\"stylesheet\""), 0u);
  // Six head views before and healed, the close-ups before, healed and the reference,
  // the top view healed and at year 5.
  EXPECT_EQ(count(html, "src=\"data:image/png;base64,"), 6u * 2 + 3 + 2);
  EXPECT_EQ(count(html, "<img"), count(html, "src=\"data:image/png;base64,"));
  EXPECT_FALSE(fs::exists(f.dir / ".report.html.tmp"));
}

TEST(Report, HtmlCarriesThePlan) {
  const ReportFixture& f = fixture();
  const std::string html = read_text(f.dir / "report.html");
  EXPECT_NE(html.find(f.plan.patient_id), std::string::npos);
  EXPECT_NE(html.find(format_money(f.plan.quote->total, f.plan.quote->currency)),
            std::string::npos);
  EXPECT_NE(html.find(format_money(f.plan.touch_up_quote->total, f.plan.touch_up_quote->currency)),
            std::string::npos);
  EXPECT_NE(html.find("valid until " + iso_date(f.plan.quote->valid_until)), std::string::npos);
  for (const Visit& v : f.plan.schedule->visits)
    EXPECT_NE(html.find(iso_date(v.date)), std::string::npos) << iso_date(v.date);
  for (const AftercareWindow& w : f.plan.schedule->aftercare)
    EXPECT_NE(html.find(w.rule), std::string::npos) << w.rule;
  EXPECT_NE(html.find(iso_date(f.plan.schedule->touch_up_recall)), std::string::npos);
  EXPECT_NE(html.find("lymph"), std::string::npos);
  EXPECT_NE(html.find("Keloid tendency"), std::string::npos);
  EXPECT_NE(html.find("hairline &amp; temples &lt;soft&gt;"), std::string::npos);
  EXPECT_EQ(html.find("<soft>"), std::string::npos);
  EXPECT_NE(html.find("buzz length"), std::string::npos);
}

TEST(Report, SideEffectsAreTheTriageRulesWithTheClinicsThresholds) {
  const ReportFixture& f = fixture();
  AftercareParameters p;
  p.lymph_nodes_contact_days = 5;
  p.redness_normal_days = 2;
  const ReportDocument doc = report_document(f.plan, p);
  const auto section = std::find_if(doc.sections.begin(), doc.sections.end(),
                                    [](const ReportSection& s) { return s.id == "side-effects"; });
  ASSERT_NE(section, doc.sections.end());
  std::set<std::string> said;
  for (const Block& b : section->blocks)
    if (const auto* list = std::get_if<Bullets>(&b))
      said.insert(list->items.begin(), list->items.end());
  // Each symptom's first words of each kind, as triage says them with these thresholds.
  EXPECT_TRUE(said.count(triage(Symptom::redness, 2, 0, p).reason));  // the last normal day
  EXPECT_TRUE(said.count(triage(Symptom::redness, 3, 0, p).reason));  // watch from the next
  EXPECT_TRUE(said.count(
      triage(Symptom::redness, 3 + p.redness_contact_days + 1, p.redness_contact_days + 1, p)
          .reason));
  EXPECT_TRUE(said.count(triage(Symptom::swollen_lymph_nodes, 0, 0, p).reason));
  const std::string lymph_call = triage(Symptom::swollen_lymph_nodes, 6, 6, p).reason;
  EXPECT_NE(lymph_call.find("more than 5 days"), std::string::npos) << lymph_call;
  EXPECT_TRUE(said.count(lymph_call)) << lymph_call;
  EXPECT_TRUE(said.count(triage(Symptom::fever, 0, 0, p).reason));
  EXPECT_TRUE(said.count(triage(Symptom::pus, 0, 0, p).reason));
  EXPECT_EQ(said.size(), 3u + 3 + 3 + 2 + 2 + 1 +
                             1);  // redness, swelling, itching, rash, lymph nodes, fever, pus
}

TEST(Report, PdfOnA4AndLetterHasNumberedPagesAndThePlan) {
  const ReportFixture& f = fixture();
  for (const auto& [file, w, h] :
       {std::tuple{"report.pdf", 595.28, 841.89}, std::tuple{"report-letter.pdf", 612.0, 792.0}}) {
    const PdfInfo info = pdf_info(f.dir / file);
    EXPECT_GE(info.pages, 2) << file;
    EXPECT_NEAR(info.width_pt, w, 0.5) << file;
    EXPECT_NEAR(info.height_pt, h, 0.5) << file;
    const std::string text = pdf_text(f.dir / file);
    EXPECT_NE(text.find(f.plan.patient_id), std::string::npos) << file;
    EXPECT_NE(text.find(format_money(f.plan.quote->total, f.plan.quote->currency)),
              std::string::npos)
        << file;
    EXPECT_NE(text.find(iso_date(f.plan.schedule->visits.front().date)), std::string::npos) << file;
    EXPECT_NE(text.find("Aftercare"), std::string::npos) << file;
    EXPECT_NE(text.find("lymph"), std::string::npos) << file;
    for (int p = 1; p <= info.pages; ++p)
      EXPECT_NE(text.find("page " + std::to_string(p) + " of " + std::to_string(info.pages)),
                std::string::npos)
          << file << " page " << p;
  }
}

TEST(Report, MissingPictureNamesTheFileAndMakesNoReport) {
  const ReportFixture& f = fixture();
  TreatmentPlan plan = f.plan;
  for (PlanImage& im : plan.images) im.path = "renders/no-such-view.png";
  MemorySink sink;
  try {
    put_plan_files(plan, {}, f.ex.planned.raster, f.pictures, sink);
    ADD_FAILURE() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("no-such-view.png"), std::string::npos) << e.what();
  }
  for (const auto& [path, bytes] : sink.take())
    EXPECT_EQ(path.find("report"), std::string::npos) << path;
}

TEST(Report, NotTreatableBooksNoSessionsAndSaysWhenToComeBack) {
  const ReportFixture& f = fixture();
  TreatmentPlan plan = f.plan;
  plan.treatable = false;
  plan.candidacy = CandidacyResult{Verdict::not_now, {"Chemotherapy is ongoing."}, {}, 6, {}};
  plan.schedule.reset();
  plan.quote.reset();
  plan.touch_up_quote.reset();
  MemorySink sink;
  put_plan_files(plan, {}, f.ex.planned.raster, {}, sink);
  const OutputFiles files = sink.take();
  const std::string html = files.at("report.html");
  EXPECT_NE(html.find("No sessions are booked"), std::string::npos);
  EXPECT_NE(html.find("6 months"), std::string::npos);
  EXPECT_NE(html.find("Chemotherapy is ongoing."), std::string::npos);
  EXPECT_EQ(html.find("data:image/png"), std::string::npos);
  for (const auto& [path, bytes] : files)
    EXPECT_EQ(path.find("sessions/"), std::string::npos) << path;
  EXPECT_FALSE(files.count("schedule.ics"));
  EXPECT_FALSE(files.count("quote.json"));
}

TEST(SessionSheet, OnePerSessionWithItsDotsShadeNeedleAndScale) {
  const ReportFixture& f = fixture();
  std::set<fs::path> files;
  for (const auto& e : fs::directory_iterator(f.dir / "sessions"))
    files.insert(e.path().filename());
  EXPECT_EQ(files.size(), f.plan.sessions.size());
  for (const SessionSheet& s : f.plan.sessions) {
    const fs::path pdf = f.dir / "sessions" / ("session-" + std::to_string(s.session) + ".pdf");
    const PdfInfo info = pdf_info(pdf);
    EXPECT_EQ(info.pages, 1);
    EXPECT_NEAR(std::min(info.width_pt, info.height_pt), 595.28, 0.5);  // A4, either way round
    EXPECT_NEAR(std::max(info.width_pt, info.height_pt), 841.89, 0.5);
    const std::string text = pdf_text(pdf);
    EXPECT_NE(text.find(std::to_string(s.dots) + " dots"), std::string::npos) << pdf;
    EXPECT_NE(text.find(s.shade), std::string::npos) << pdf;
    EXPECT_NE(text.find(s.needle), std::string::npos) << pdf;
    EXPECT_NE(text.find(f.plan.patient_id), std::string::npos) << pdf;
    EXPECT_NE(text.find("10 mm"), std::string::npos) << pdf;
    EXPECT_TRUE(std::regex_search(text, std::regex(R"(scale 1:(1|\d+\.\d))"))) << pdf;
    for (const Visit& v : f.plan.schedule->visits)
      if (v.session == s.session) {
        EXPECT_NE(text.find(iso_date(v.date)), std::string::npos) << pdf;
      }
  }
}

// Laws of the sheet's scale for any map size: never enlarged, 1:1 when small, the map
// fits on A4 either way round, and the stated 1:x (one decimal) is the exact scale.
TEST(SessionSheet, ScaleIsOneToOneWhenItFitsAndOtherwiseExactAndLargest) {
  EXPECT_EQ(sheet_layout(100, 150).scale, 1.0);
  EXPECT_FALSE(sheet_layout(100, 150).landscape);
  EXPECT_TRUE(sheet_layout(250, 100).landscape);
  EXPECT_EQ(sheet_layout(250, 100).scale, 1.0);
  double previous = 1;
  for (double size = 50; size <= 600; size += 7.3) {
    const SheetLayout l = sheet_layout(size, size * 1.2);
    EXPECT_LE(l.scale, previous) << size;
    previous = l.scale;
    const double denominator = 1 / l.scale;
    EXPECT_NEAR(denominator * 10, std::round(denominator * 10), 1e-9) << size;
    const double page_w = l.landscape ? 297 : 210, page_h = l.landscape ? 210 : 297;
    EXPECT_LT(size * l.scale, page_w) << size;
    EXPECT_LT(size * 1.2 * l.scale, page_h) << size;
  }
}

// A picture is scaled to the report's width once (PNG or JPEG in, PNG out); a narrow
// one keeps its size, and the same picture always gives the same bytes.
TEST(Report, PicturesAreScaledToTheReportWidth) {
  const auto encoded = [](const cv::Mat& img, const char* ext) {
    std::vector<uchar> bytes;
    cv::imencode(ext, img, bytes);
    return std::string(bytes.begin(), bytes.end());
  };
  const std::string wide = encoded(cv::Mat(300, 2000, CV_8UC3, cv::Scalar(10, 20, 30)), ".jpg");
  const std::string narrow = encoded(cv::Mat(80, 50, CV_8UC3, cv::Scalar(200, 20, 30)), ".png");
  const std::string png = report_picture_png(wide, "w");
  const cv::Mat scaled = cv::imdecode(std::vector<uchar>(png.begin(), png.end()), cv::IMREAD_COLOR);
  EXPECT_EQ(scaled.cols, kReportPicturePx);
  EXPECT_EQ(scaled.rows, 150);
  const std::string small = report_picture_png(narrow, "n");
  const cv::Mat kept =
      cv::imdecode(std::vector<uchar>(small.begin(), small.end()), cv::IMREAD_COLOR);
  EXPECT_EQ(kept.size(), cv::Size(50, 80));
  EXPECT_EQ(kept.at<cv::Vec3b>(40, 25), cv::Vec3b(200, 20, 30));
  EXPECT_EQ(report_picture_png(narrow, "n"), small);
  try {
    report_picture_png("not a picture", "renders/broken.png");
    ADD_FAILURE() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("renders/broken.png"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace smp
