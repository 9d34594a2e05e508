#include "smp/case/questionnaire_file.h"

#include <algorithm>
#include <array>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "smp/io/toml_reader.h"

namespace smp {

namespace {

// Longest time a questionnaire may give, in months: a lifetime, to catch typing slips.
constexpr int kMaxMonths = 1200;

// A list of names read into enum values (the enum's order is the names' order); an
// unknown name or a repeat is an error at the element's own line.
template <class T, std::size_t N>
std::vector<T> read_names(TomlReader& r, const std::string& key,
                          const std::array<std::string_view, N>& names) {
  std::vector<T> out;
  const toml::array* a = r.array(key);
  if (!a) return out;
  const std::string expected = fmt::format("{}", fmt::join(names, ", "));
  for (std::size_t k = 0; k < a->size(); ++k) {
    const toml::node& n = (*a)[k];
    const std::string element = key + "[" + std::to_string(k) + "]";
    const auto s = n.value_exact<std::string>();
    const auto it = s ? std::find(names.begin(), names.end(), *s) : names.end();
    if (it == names.end())
      r.fail(&n, element,
             (s ? "unknown value '" + *s + "'" : std::string("expected a string")) +
                 " (expected one of " + expected + ")");
    const T value = static_cast<T>(it - names.begin());
    if (std::find(out.begin(), out.end(), value) != out.end())
      r.fail(&n, element, "'" + *s + "' is listed twice");
    out.push_back(value);
  }
  return out;
}

std::optional<int> months(TomlReader& r, const std::string& key) {
  if (!r.has(key)) return std::nullopt;
  return r.integer(key, 0, 0, kMaxMonths);
}

// A key that only makes sense with one cause is an error without it, so that a form
// filled in for the wrong patient is caught rather than half used.
void only_with(TomlReader& r, const Questionnaire& q, const std::string& key, HairLossCause c) {
  if (r.has(key) && !has_cause(q, c))
    r.fail(r.node(key), key, "applies only when causes include " + std::string(name(c)));
}

}  // namespace

Questionnaire parse_questionnaire(const toml::table& t, const std::string& file,
                                  const std::string& path) {
  TomlReader r(file, t, path);
  Questionnaire q;
  q.causes = read_names<HairLossCause>(r, "causes", kHairLossCauseNames);
  if (q.causes.empty())
    r.fail(r.node("causes"), "causes", "is required: at least one cause of hair loss");

  only_with(r, q, "areata_stable_months", HairLossCause::alopecia_areata);
  q.areata_stable_months = months(r, "areata_stable_months");
  if (has_cause(q, HairLossCause::alopecia_areata) && !q.areata_stable_months)
    r.fail(nullptr, "areata_stable_months",
           "is required when causes include alopecia_areata (months since the last new patch)");

  only_with(r, q, "chemotherapy_ongoing", HairLossCause::chemotherapy);
  only_with(r, q, "chemotherapy_finished_months", HairLossCause::chemotherapy);
  q.chemotherapy_ongoing = r.boolean("chemotherapy_ongoing", false);
  q.chemotherapy_finished_months = months(r, "chemotherapy_finished_months");
  if (q.chemotherapy_ongoing && q.chemotherapy_finished_months)
    r.fail(r.node("chemotherapy_finished_months"), "chemotherapy_finished_months",
           "cannot be given while chemotherapy_ongoing is true");
  if (has_cause(q, HairLossCause::chemotherapy) && !q.chemotherapy_ongoing &&
      !q.chemotherapy_finished_months)
    r.fail(nullptr, "chemotherapy_finished_months",
           "is required when causes include chemotherapy (or chemotherapy_ongoing = true)");

  q.transplant_months = months(r, "transplant_months");
  q.transplant_planned = r.boolean("transplant_planned", false);
  q.active_scalp_condition = r.boolean("active_scalp_condition", false);
  q.keloid_tendency = r.boolean("keloid_tendency", false);
  q.pigment_allergy = r.boolean("pigment_allergy", false);
  q.blood_thinners = r.boolean("blood_thinners", false);
  q.pregnant_or_breastfeeding = r.boolean("pregnant_or_breastfeeding", false);
  q.expectations = read_names<Expectation>(r, "expectations", kExpectationNames);
  r.done();
  return q;
}

Questionnaire parse_questionnaire_text(const std::string& text, const std::string& source) {
  const toml::table root = parse_toml(text, source);
  TomlReader r(source, root, "");
  const toml::table* t = r.table("candidacy");
  if (!t) r.fail(nullptr, "candidacy", "the [candidacy] table is required");
  r.done();
  return parse_questionnaire(*t, source, "candidacy");
}

Questionnaire load_questionnaire(const std::string& path) {
  return parse_questionnaire_text(read_text_file(path, "questionnaire"), path);
}

}  // namespace smp
