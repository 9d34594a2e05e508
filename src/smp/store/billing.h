// Money the clinic is owed and paid, in integer minor units: quotes as issued (the plan
// job's quote.json, never recomputed), the patient's decision, deposits and payments, and
// invoices numbered without gaps. Payments and invoices never change once written.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "smp/store/users.h"

namespace smp::store {

enum class QuoteState { issued, accepted, declined };
std::string_view quote_state_name(QuoteState s);

struct Quote {
  std::string id, patient_id, consultation_id, job_id;
  std::string kind;  // treatment, touch_up
  std::string currency;
  int minor_digits = 2;
  long long total_minor = 0;
  std::string quote_json;
  std::string issued_on, valid_until;  // YYYY-MM-DD
  QuoteState state = QuoteState::issued;
  std::string decided_by;
  long long decided_at_ms = 0;
  std::string issued_by;
  long long issued_at_ms = 0;
  long long paid_minor = 0;    // the payments' sum
  long long invoice_number = 0;  // 0: none issued
  long long balance_minor() const { return total_minor - paid_minor; }
};

// Stores `q` as issued (id, state and times set here); StoreError(conflict, "job_id") if
// the job's quote of that kind was issued already.
Quote issue_quote(Connection& c, Quote q, const User& by);
std::optional<Quote> find_quote(Connection& c, const std::string& id);
std::vector<Quote> quotes_of(Connection& c, const std::string& patient_id);  // newest first
// Accepted or declined once, while it is still issued and valid on `today` (YYYY-MM-DD):
// StoreError(conflict, "state" or "valid_until").
Quote decide_quote(Connection& c, const std::string& id, QuoteState decision, const std::string& today,
                   const User& by);

enum class PaymentKind { deposit, payment };
enum class PaymentMethod { card, cash, bank_transfer };
std::string_view payment_kind_name(PaymentKind k);
std::optional<PaymentKind> parse_payment_kind(std::string_view s);
std::string_view payment_method_name(PaymentMethod m);
std::optional<PaymentMethod> parse_payment_method(std::string_view s);

struct Payment {
  std::string id, quote_id;
  PaymentKind kind = PaymentKind::payment;
  long long amount_minor = 0;
  PaymentMethod method = PaymentMethod::card;
  std::string reference;  // the card terminal's or the bank's
  long long received_at_ms = 0;
  std::string recorded_by;
};

// A payment against an accepted quote, at most its balance: FieldError("amount_minor"),
// StoreError(conflict, "state") for a quote not accepted.
Payment record_payment(Connection& c, Payment p, const User& by);
std::vector<Payment> payments_of(Connection& c, const std::string& quote_id);

struct Invoice {
  long long number = 0;
  std::string quote_id, patient_id, billed_to, currency;
  long long total_minor = 0;
  std::string invoice_json;
  long long issued_at_ms = 0;
  std::string issued_by;
};

// The next number, in the transaction that stores the invoice; StoreError(conflict,
// "quote_id") if the quote has one already.
Invoice issue_invoice(Connection& c, Invoice i, const User& by);
std::optional<Invoice> find_invoice(Connection& c, long long number);
std::vector<Invoice> invoices_of(Connection& c, const std::string& patient_id);

}  // namespace smp::store
