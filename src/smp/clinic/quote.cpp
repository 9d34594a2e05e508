#include "smp/clinic/quote.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <stdexcept>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "smp/base/plan_error.h"

namespace smp {
namespace {

// A measured area to 0.1 cm2; a limit from the book as written.
std::string area_text(double cm2) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f cm2", cm2);
  return buf;
}
std::string limit_text(double cm2) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g cm2", cm2);
  return buf;
}

std::string join(const std::vector<std::string>& parts) {
  return fmt::format("{}", fmt::join(parts, ", "));
}

QuoteLine line(std::string item, std::string detail, int quantity, Money unit) {
  return {std::move(item), std::move(detail), quantity, unit, unit * quantity};
}

// "up to 60 cm2", "over 120 cm2" (the open last tier), or "one price" (a single tier).
std::string tier_text(const PriceBook& b, const SectionTier& t) {
  if (t.up_to_cm2) return "tier up to " + limit_text(*t.up_to_cm2);
  if (b.section_tiers.size() > 1)
    return "tier over " + limit_text(*b.section_tiers.end()[-2].up_to_cm2);
  return "one price for every section";
}

// A section priced on its own, with the small sections blended into it.
struct PricedSection {
  SectionWork main;
  std::vector<SectionWork> blended;
  double area_cm2() const {
    double a = main.treated_area_cm2;
    for (const auto& w : blended) a += w.treated_area_cm2;
    return a;
  }
  bool complex() const {
    return main.complex || std::any_of(blended.begin(), blended.end(),
                                       [](const SectionWork& w) { return w.complex; });
  }
};

// Sections under min_separate_cm2 join the largest section (the first of equals).
std::vector<PricedSection> priced_sections(const std::vector<SectionWork>& work,
                                           double min_separate_cm2) {
  const auto largest =
      std::max_element(work.begin(), work.end(), [](const SectionWork& a, const SectionWork& b) {
        return a.treated_area_cm2 < b.treated_area_cm2;
      });
  std::vector<PricedSection> out;
  std::vector<SectionWork> small;
  for (auto it = work.begin(); it != work.end(); ++it) {
    if (it == largest || it->treated_area_cm2 >= min_separate_cm2)
      out.push_back({*it, {}});
    else
      small.push_back(*it);
  }
  for (PricedSection& p : out)
    if (p.main.section == largest->section) p.blended = small;
  return out;
}

std::vector<QuoteLine> section_lines(const std::vector<SectionWork>& work, const PriceBook& b) {
  std::vector<QuoteLine> lines;
  for (const PricedSection& p : priced_sections(work, b.min_separate_section_cm2)) {
    const SectionTier& tier = b.tier_for(p.area_cm2());
    std::string detail = area_text(p.area_cm2()) + " treated";
    if (!p.blended.empty()) {
      std::vector<std::string> parts;
      for (const auto& w : p.blended)
        parts.push_back(std::string(label(w.section)) + " " + area_text(w.treated_area_cm2));
      detail += ", including " + join(parts) + " (a section under " +
                limit_text(b.min_separate_section_cm2) + " is priced with the largest)";
    }
    lines.push_back(line(std::string(label(p.main.section)), detail + "; " + tier_text(b, tier), 1,
                         tier.price));
    const Money surcharge = percent_of(tier.price, b.complex_surcharge);
    if (p.complex() && surcharge > Money{})
      lines.push_back(line("Scar work: " + std::string(label(p.main.section)),
                           format_percent(b.complex_surcharge) + "% of " +
                               format_money(tier.price, b.currency) +
                               " for scar tissue or scar camouflage in the area of this line",
                           1, surcharge));
  }
  return lines;
}

Money sum(const std::vector<QuoteLine>& lines) {
  Money s;
  for (const QuoteLine& l : lines) s += l.amount;
  return s;
}

QuoteLine sedation_line(const PriceBook& b, int sessions, std::string detail) {
  return line("Light sedation", detail + "; the patient must not drive that day", sessions,
              b.sedation_per_session);
}

std::string sedation_offer(const PriceBook& b) {
  return "light sedation: " + format_money(b.sedation_per_session, b.currency) + " per session";
}

// Subtotal, tax and validity: the same for every kind of quote.
Quote finish(Quote q, const PriceBook& b, std::chrono::year_month_day date) {
  if (!date.ok()) throw PlanError("date", "the quote date is not a valid date");
  q.currency = b.currency;
  q.subtotal = sum(q.lines);
  q.tax_rate = b.tax_rate;
  q.tax_included = b.tax_included;
  q.tax = b.tax_included ? tax_within(q.subtotal, b.tax_rate) : percent_of(q.subtotal, b.tax_rate);
  q.total = b.tax_included ? q.subtotal : q.subtotal + q.tax;
  q.issued = date;
  q.valid_until = std::chrono::sys_days(date) + std::chrono::days(b.valid_days);
  q.included.insert(q.included.end(), b.included.begin(), b.included.end());
  q.not_included.insert(q.not_included.end(), b.not_included.begin(), b.not_included.end());
  return q;
}

}  // namespace

QuoteRequest quote_request(const Design& d, std::chrono::year_month_day date,
                           int sedated_sessions) {
  std::array<SectionWork, kSectionCount> work;
  for (int s = 0; s < kSectionCount; ++s) work[s].section = static_cast<Section>(s);
  for (const RegionStats& r : d.regions) {
    SectionWork& w = work[static_cast<int>(section_of(r.region))];
    w.treated_area_cm2 += r.treated_area_cm2;
    if (r.goal == Goal::scar_camouflage && r.treated_area_cm2 > 0) w.complex = true;
  }
  for (const Dot& dot : d.dots)
    if (dot.on_scar) work[static_cast<int>(section_of(dot.region))].complex = true;
  QuoteRequest q;
  for (const SectionWork& w : work)
    if (w.treated_area_cm2 > 0) q.sections.push_back(w);
  q.sessions = static_cast<int>(std::count_if(d.sessions.begin(), d.sessions.end(),
                                              [](const SessionPlan& s) { return s.dots > 0; }));
  q.sedated_sessions = sedated_sessions;
  q.date = date;
  return q;
}

Quote make_quote(const QuoteRequest& request, const PriceBook& b) {
  if (request.sections.empty())
    throw PlanError("design", "the design treats no section of the scalp");
  if (request.sessions < 1) throw PlanError("sessions", "a treatment needs at least one session");
  if (request.sedated_sessions < 0 || request.sedated_sessions > request.sessions)
    throw PlanError("sedated_sessions", "must be between 0 and the planned sessions");
  Quote q;
  q.lines = section_lines(request.sections, b);
  const Money by_section = sum(q.lines);
  if (by_section > b.full_scalp) {
    std::vector<std::string> names;
    double area_cm2 = 0;
    for (const SectionWork& w : request.sections) {
      names.push_back(std::string(label(w.section)));
      area_cm2 += w.treated_area_cm2;
    }
    q.lines = {line("Full scalp",
                    join(names) + ": " + area_text(area_cm2) +
                        " treated; priced by section it would be " +
                        format_money(by_section, b.currency),
                    1, b.full_scalp)};
  }
  const int extra = request.sessions - b.sessions_included;
  if (extra > 0)
    q.lines.push_back(line("Extra session",
                           std::to_string(request.sessions) + " sessions planned, " +
                               std::to_string(b.sessions_included) + " included in the price",
                           extra, b.extra_session));
  if (request.sedated_sessions > 0)
    q.lines.push_back(sedation_line(b, request.sedated_sessions,
                                    "in " + std::to_string(request.sedated_sessions) + " of " +
                                        std::to_string(request.sessions) + " sessions"));
  q.included.push_back("up to " + std::to_string(b.sessions_included) + " sessions (" +
                       std::to_string(request.sessions) + " planned)");
  q.not_included.push_back("each session beyond " +
                           std::to_string(std::max(request.sessions, b.sessions_included)) + ": " +
                           format_money(b.extra_session, b.currency));
  if (request.sedated_sessions < request.sessions) q.not_included.push_back(sedation_offer(b));
  q.not_included.push_back("a touch-up session in later years: " +
                           format_money(b.touch_up, b.currency) + " at today's prices");
  return finish(std::move(q), b, request.date);
}

Quote make_touch_up_quote(const PriceBook& b, std::chrono::year_month_day date, bool sedation) {
  Quote q;
  q.kind = QuoteKind::touch_up;
  q.lines.push_back(line("Touch-up session", "one session for a returning patient", 1, b.touch_up));
  if (sedation) q.lines.push_back(sedation_line(b, 1, "in the touch-up session"));
  q.included.push_back("one touch-up session");
  q.not_included.push_back("each further session: " + format_money(b.extra_session, b.currency));
  if (!sedation) q.not_included.push_back(sedation_offer(b));
  return finish(std::move(q), b, date);
}

}  // namespace smp
