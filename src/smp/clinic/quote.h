// A quote from the price book (docs/price-book.md): every line the patient pays, with no
// hidden fees (subtotal = sum of the lines; total = subtotal + tax unless the prices
// include it), how long it is valid, and what it covers.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "smp/clinic/money.h"
#include "smp/clinic/price_book.h"
#include "smp/design/design.h"

namespace smp {

// One section of the design as the price book sees it.
struct SectionWork {
  Section section = Section::front;
  double treated_area_cm2 = 0;
  bool complex = false;  // scar tissue (dots on a scar) or a scar-camouflage goal
};

struct QuoteRequest {
  std::vector<SectionWork> sections;  // treated sections only, in Section order
  int sessions = 3;                   // planned
  int sedated_sessions = 0;           // of the planned sessions
  std::chrono::year_month_day date;   // of issue
};

// The treated sections of a design (regions mapped by section_of), its session count,
// and how many of its sessions the patient wants under sedation.
QuoteRequest quote_request(const Design& d, std::chrono::year_month_day date, int sedated_sessions);

struct QuoteLine {
  std::string item;
  std::string detail;  // how the amount was reached, in words
  int quantity = 1;
  Money unit;
  Money amount;  // unit x quantity
};

enum class QuoteKind { treatment, touch_up };

struct Quote {
  QuoteKind kind = QuoteKind::treatment;
  Currency currency;
  std::vector<QuoteLine> lines;
  Money subtotal;  // sum of the line amounts
  Rate tax_rate;
  bool tax_included = false;  // true: the tax is part of the subtotal (VAT style)
  Money tax;                  // rounded half-up once, on the subtotal
  Money total;
  std::chrono::year_month_day issued;
  std::chrono::year_month_day valid_until;  // issued + the book's valid_days, inclusive
  std::vector<std::string> included;
  std::vector<std::string> not_included;
};

// The treatment quote. Sections under the book's min_separate_cm2 are priced with the
// largest section; the full-scalp line replaces the section lines when they would add up
// to more. Throws PlanError for a request with no treated section, fewer
// than one session, or more sedated sessions than sessions.
Quote make_quote(const QuoteRequest& request, const PriceBook& book);

// A returning patient's touch-up: one session at the book's touch-up price.
Quote make_touch_up_quote(const PriceBook& book, std::chrono::year_month_day date, bool sedation);

}  // namespace smp
