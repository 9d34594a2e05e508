#include "smp/store/billing.h"

#include <fmt/format.h>

#include "smp/store/clock.h"
#include "smp/store/enum_names.h"
#include "smp/store/field_error.h"
#include "smp/store/secrets.h"

namespace smp::store {
namespace {

constexpr EnumNames<QuoteState, 3> kQuoteStates{
    {{{QuoteState::issued, "issued"}, {QuoteState::accepted, "accepted"}, {QuoteState::declined, "declined"}}}};
constexpr EnumNames<PaymentKind, 2> kPaymentKinds{{{{PaymentKind::deposit, "deposit"}, {PaymentKind::payment, "payment"}}}};
constexpr EnumNames<PaymentMethod, 3> kMethods{{{{PaymentMethod::card, "card"},
                                                 {PaymentMethod::cash, "cash"},
                                                 {PaymentMethod::bank_transfer, "bank_transfer"}}}};

// The payments' sum and the invoice come with the quote in one query (no query per row).
constexpr const char* kQuoteSelect =
    "SELECT q.id, q.patient_id, q.consultation_id, q.job_id, q.kind, q.currency, q.minor_digits, q.total_minor, "
    "q.quote_json, q.issued_on, q.valid_until, q.state, q.decided_by, q.decided_at_ms, q.issued_by, q.issued_at_ms, "
    "(SELECT CAST(COALESCE(SUM(p.amount_minor), 0) AS BIGINT) FROM payments p WHERE p.quote_id = q.id), "
    "COALESCE((SELECT i.number FROM invoices i WHERE i.quote_id = q.id), 0) FROM quotes q";

Quote quote_of(const Row& r) {
  Quote q;
  q.id = r.text(0);
  q.patient_id = r.text(1);
  q.consultation_id = r.text(2);
  q.job_id = r.text(3);
  q.kind = r.text(4);
  q.currency = r.text(5);
  q.minor_digits = static_cast<int>(r.integer(6));
  q.total_minor = r.integer(7);
  q.quote_json = r.text(8);
  q.issued_on = r.text(9);
  q.valid_until = r.text(10);
  q.state = *kQuoteStates.parse(r.text(11));
  q.decided_by = r.text(12);
  q.decided_at_ms = r.integer(13);
  q.issued_by = r.text(14);
  q.issued_at_ms = r.integer(15);
  q.paid_minor = r.integer(16);
  q.invoice_number = r.integer(17);
  return q;
}

constexpr const char* kInvoiceColumns =
    "number, quote_id, patient_id, billed_to, currency, total_minor, invoice_json, issued_at_ms, issued_by";

Invoice invoice_of(const Row& r) {
  return {r.integer(0), r.text(1), r.text(2), r.text(3), r.text(4), r.integer(5), r.text(6), r.integer(7), r.text(8)};
}

}  // namespace

std::string_view quote_state_name(QuoteState s) { return kQuoteStates.name(s); }
std::string_view payment_kind_name(PaymentKind k) { return kPaymentKinds.name(k); }
std::optional<PaymentKind> parse_payment_kind(std::string_view s) { return kPaymentKinds.parse(s); }
std::string_view payment_method_name(PaymentMethod m) { return kMethods.name(m); }
std::optional<PaymentMethod> parse_payment_method(std::string_view s) { return kMethods.parse(s); }

Quote issue_quote(Connection& c, Quote q, const User& by) {
  if (!c.query("SELECT id FROM quotes WHERE job_id = ? AND kind = ?", {q.job_id, q.kind}).empty())
    throw StoreError(StoreError::Kind::conflict, "this plan's " + q.kind + " quote was issued already", "job_id");
  q.id = new_record_id("Q-", 5);
  q.state = QuoteState::issued;
  q.issued_by = by.id;
  q.issued_at_ms = now_unix_ms();
  c.query("INSERT INTO quotes (id, patient_id, consultation_id, job_id, kind, currency, minor_digits, total_minor, "
          "quote_json, issued_on, valid_until, state, issued_by, issued_at_ms) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'issued', ?, ?)",
          {q.id, q.patient_id, q.consultation_id, q.job_id, q.kind, q.currency, std::int64_t{q.minor_digits},
           std::int64_t{q.total_minor}, q.quote_json, q.issued_on, q.valid_until, q.issued_by,
           std::int64_t{q.issued_at_ms}});
  return q;
}

std::optional<Quote> find_quote(Connection& c, const std::string& id) {
  const Rows rows = c.query(std::string(kQuoteSelect) + " WHERE q.id = ?", {id});
  if (rows.empty()) return std::nullopt;
  return quote_of(rows[0]);
}

std::vector<Quote> quotes_of(Connection& c, const std::string& patient_id) {
  std::vector<Quote> out;
  for (const Row& r : c.query(std::string(kQuoteSelect) + " WHERE q.patient_id = ? ORDER BY q.issued_at_ms DESC, q.id",
                              {patient_id}))
    out.push_back(quote_of(r));
  return out;
}

Quote decide_quote(Connection& c, const std::string& id, QuoteState decision, const std::string& today,
                   const User& by) {
  const std::optional<Quote> q = find_quote(c, id);
  if (!q) throw FieldError("id", "no quote " + id);
  if (decision == QuoteState::accepted && today > q->valid_until)
    throw StoreError(StoreError::Kind::conflict, "the quote expired on " + q->valid_until + ": issue a new one",
                     "valid_until");
  if (c.query("UPDATE quotes SET state = ?, decided_by = ?, decided_at_ms = ? WHERE id = ? AND state = 'issued' "
              "RETURNING id",
              {std::string(kQuoteStates.name(decision)), by.id, std::int64_t{now_unix_ms()}, id})
          .empty())
    throw StoreError(StoreError::Kind::conflict,
                     fmt::format("the quote was {} already", kQuoteStates.name(q->state)), "state");
  return *find_quote(c, id);
}

Payment record_payment(Connection& c, Payment p, const User& by) {
  // The quote's row locked first (PostgreSQL), so two payments racing see each other's sum.
  c.query("UPDATE quotes SET state = state WHERE id = ?", {p.quote_id});
  const std::optional<Quote> q = find_quote(c, p.quote_id);
  if (!q) throw FieldError("quote_id", "no quote " + p.quote_id);
  if (q->state != QuoteState::accepted)
    throw StoreError(StoreError::Kind::conflict,
                     fmt::format("the quote is {}: payments are taken on an accepted quote", kQuoteStates.name(q->state)),
                     "state");
  if (p.amount_minor <= 0) throw FieldError("amount_minor", "must be more than 0");
  if (p.amount_minor > q->balance_minor())
    throw FieldError("amount_minor", fmt::format("{} is more than the balance of {} (minor units of {})", p.amount_minor,
                                                 q->balance_minor(), q->currency));
  if (p.reference.size() > 200) throw FieldError("reference", "at most 200 characters");
  p.id = new_record_id("M-", 5);
  p.received_at_ms = now_unix_ms();
  p.recorded_by = by.id;
  c.query("INSERT INTO payments (id, quote_id, kind, amount_minor, method, reference, received_at_ms, recorded_by) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
          {p.id, p.quote_id, std::string(kPaymentKinds.name(p.kind)), std::int64_t{p.amount_minor},
           std::string(kMethods.name(p.method)), p.reference, std::int64_t{p.received_at_ms}, p.recorded_by});
  return p;
}

std::vector<Payment> payments_of(Connection& c, const std::string& quote_id) {
  std::vector<Payment> out;
  for (const Row& r : c.query("SELECT id, quote_id, kind, amount_minor, method, reference, received_at_ms, recorded_by "
                              "FROM payments WHERE quote_id = ? ORDER BY received_at_ms, id",
                              {quote_id}))
    out.push_back({r.text(0), r.text(1), *kPaymentKinds.parse(r.text(2)), r.integer(3), *kMethods.parse(r.text(4)),
                   r.text(5), r.integer(6), r.text(7)});
  return out;
}

Invoice issue_invoice(Connection& c, Invoice i, const User& by) {
  if (!c.query("SELECT number FROM invoices WHERE quote_id = ?", {i.quote_id}).empty())
    throw StoreError(StoreError::Kind::conflict, "the quote has its invoice already", "quote_id");
  // Held until this transaction ends: the next invoice waits for this one to commit or
  // roll back, and a rolled-back number is used again (no gap).
  i.number = c.query("UPDATE invoice_counter SET last_number = last_number + 1 WHERE id = 1 RETURNING last_number")
                 .at(0)
                 .integer(0);
  i.issued_at_ms = now_unix_ms();
  i.issued_by = by.id;
  c.query("INSERT INTO invoices (number, quote_id, patient_id, billed_to, currency, total_minor, invoice_json, "
          "issued_at_ms, issued_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {std::int64_t{i.number}, i.quote_id, i.patient_id, i.billed_to, i.currency, std::int64_t{i.total_minor},
           i.invoice_json, std::int64_t{i.issued_at_ms}, i.issued_by});
  return i;
}

std::optional<Invoice> find_invoice(Connection& c, long long number) {
  const Rows rows =
      c.query(fmt::format("SELECT {} FROM invoices WHERE number = ?", kInvoiceColumns), {std::int64_t{number}});
  if (rows.empty()) return std::nullopt;
  return invoice_of(rows[0]);
}

std::vector<Invoice> invoices_of(Connection& c, const std::string& patient_id) {
  std::vector<Invoice> out;
  for (const Row& r :
       c.query(fmt::format("SELECT {} FROM invoices WHERE patient_id = ? ORDER BY number", kInvoiceColumns), {patient_id}))
    out.push_back(invoice_of(r));
  return out;
}

}  // namespace smp::store
