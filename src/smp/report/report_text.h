// What report.html and report.pdf say, built once as a document of sections and blocks
// (docs/report.md) so that the two writers only differ in how they draw it.
#pragma once

#include <chrono>
#include <string>
#include <variant>
#include <vector>

#include "smp/clinic/clinic_parameters.h"
#include "smp/clinic/treatment_plan.h"

namespace smp {

struct Paragraph {
  std::string text;
  bool strong = false;  // a verdict or a warning the patient must not miss
};

struct Bullets {
  std::string lead;  // "" or a short label above the items
  std::vector<std::string> items;
};

struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<bool> numeric;  // per column: right-aligned
};

// Pictures shown side by side, each with its caption; paths relative to the plan folder.
struct Figure {
  std::string path;
  std::string caption;
};
struct Figures {
  std::vector<Figure> figures;
};

using Block = std::variant<Paragraph, Bullets, Table, Figures>;

struct ReportSection {
  std::string id;  // short, for anchors: "goals", "quote", ...
  std::string title;
  std::vector<Block> blocks;
};

struct ReportDocument {
  std::string title;     // "SMP treatment plan"
  std::string subtitle;  // patient id and date
  std::vector<ReportSection> sections;
};

// The patient's report. The side effects are worded by the triage module from the
// clinic's aftercare parameters.
ReportDocument report_document(const TreatmentPlan& plan, const AftercareParameters& aftercare);

// "3:05": hours and minutes, for chair time.
std::string h_mm(std::chrono::minutes m);

}  // namespace smp
