#include <fmt/format.h>

#include "smp/clinic/money.h"
#include "smp/server/api_error.h"
#include "smp/server/api_routes.h"
#include "smp/store/billing.h"
#include "smp/store/clock.h"
#include "smp/store/consultations.h"
#include "smp/store/jobs.h"
#include "smp/store/patients.h"

namespace smp::server {
namespace {

using store::AuditAction;
using store::Connection;

const char* kQuotePath = R"(/api/quotes/(Q-[0-9A-F]{10}))";

std::string today() { return store::iso_date_of(store::now_unix_ms()); }

nlohmann::json money_json(long long minor, const std::string& code, int digits) {
  return {{"minor", minor}, {"text", format_money(Money{minor}, Currency{code, digits})}};
}

// "INV-000042": the number as the patient reads it.
std::string invoice_label(long long number) { return fmt::format("INV-{:06d}", number); }

nlohmann::json payment_json(const store::Payment& p, const store::Quote& q) {
  return {{"id", p.id},
          {"kind", store::payment_kind_name(p.kind)},
          {"amount", money_json(p.amount_minor, q.currency, q.minor_digits)},
          {"method", store::payment_method_name(p.method)},
          {"reference", p.reference},
          {"received_at", store::iso_time(p.received_at_ms)},
          {"recorded_by", p.recorded_by}};
}

nlohmann::json quote_json(Connection& c, const store::Quote& q, bool with_payments) {
  nlohmann::json j = {
      {"id", q.id},
      {"patient_id", q.patient_id},
      {"consultation_id", q.consultation_id},
      {"job_id", q.job_id},
      {"kind", q.kind},
      {"state", store::quote_state_name(q.state)},
      {"expired", q.state == store::QuoteState::issued && today() > q.valid_until},
      {"issued_on", q.issued_on},
      {"valid_until", q.valid_until},
      {"total", money_json(q.total_minor, q.currency, q.minor_digits)},
      {"paid", money_json(q.paid_minor, q.currency, q.minor_digits)},
      {"balance", money_json(q.balance_minor(), q.currency, q.minor_digits)},
      {"settled", q.state == store::QuoteState::accepted && q.balance_minor() == 0},
      {"invoice", q.invoice_number ? nlohmann::json(invoice_label(q.invoice_number)) : nlohmann::json(nullptr)},
      {"invoice_number", q.invoice_number ? nlohmann::json(q.invoice_number) : nlohmann::json(nullptr)},
      {"quote", nlohmann::json::parse(q.quote_json)}};
  if (with_payments) {
    nlohmann::json list = nlohmann::json::array();
    for (const store::Payment& p : store::payments_of(c, q.id)) list.push_back(payment_json(p, q));
    j["payments"] = list;
  }
  return j;
}

nlohmann::json invoice_json(const store::Invoice& i) {
  nlohmann::json j = nlohmann::json::parse(i.invoice_json);
  j.update({{"number", i.number},
            {"label", invoice_label(i.number)},
            {"quote_id", i.quote_id},
            {"patient_id", i.patient_id},
            {"billed_to", i.billed_to},
            {"issued_at", store::iso_time(i.issued_at_ms)},
            {"issued_by", i.issued_by}});
  return j;
}

store::Quote existing(Connection& c, const std::string& id) {
  std::optional<store::Quote> q = store::find_quote(c, id);
  if (!q) throw ApiError(404, "not_found", "no quote " + id, "id");
  return *q;
}

// The plan job's quote file as issued: the job must be a finished plan of this consultation.
store::Quote quote_from_job(Connection& c, const store::BlobCipher& cipher, const std::string& consultation_id,
                            const std::string& job_id, const std::string& kind) {
  const std::optional<store::Consultation> k = store::find_consultation(c, consultation_id);
  if (!k) throw ApiError(404, "not_found", "no consultation " + consultation_id, "id");
  const std::optional<store::Job> job = store::find_job(c, job_id);
  if (!job || job->consultation_id != consultation_id) throw bad_request("job_id", "no job " + job_id + " of this consultation");
  if (job->kind != store::JobKind::plan) throw bad_request("job_id", "is a " + std::string(store::job_kind_name(job->kind)) + " job: a quote comes from a plan job");
  if (job->state != store::JobState::done)
    throw bad_request("job_id", "the plan job is " + std::string(store::job_state_name(job->state)) + ", not done");
  const std::optional<std::string> file =
      store::job_file(c, cipher, job_id, kind == "treatment" ? "quote.json" : "touch-up-quote.json");
  if (!file) throw bad_request("job_id", "the plan has no " + kind + " quote");
  nlohmann::json j = nlohmann::json::parse(*file);
  // Issued today, valid as long as the price book says: the plan's date is when it was
  // computed, which may be days before the patient is handed the quote.
  using std::chrono::sys_days;
  const auto day = [](const nlohmann::json& d) { return sys_days(*store::parse_date(d.get<std::string>())); };
  const auto valid_days = day(j["valid_until"]) - day(j["issued"]);
  const sys_days issued{sys_days(*store::parse_date(today()))};
  j["issued"] = store::iso_date(issued);
  j["valid_until"] = store::iso_date(issued + valid_days);
  store::Quote q;
  q.patient_id = k->patient_id;
  q.consultation_id = consultation_id;
  q.job_id = job_id;
  q.kind = kind;
  q.currency = j["currency"]["code"];
  q.minor_digits = j["currency"]["minor_digits"];
  q.total_minor = j["total"]["minor"];
  q.issued_on = j["issued"];
  q.valid_until = j["valid_until"];
  q.quote_json = j.dump();
  return q;
}

}  // namespace

void add_billing_api(Router& r, const store::BlobCipher& cipher) {
  r.post(R"(/api/consultations/(C-[0-9A-F]{10})/quotes)", Permission::handle_billing, [&cipher](Call& call) {
    JsonBody body = call.body();
    const std::string job_id = body.text("job_id");
    const std::string kind = body.optional_text("kind", "treatment");
    body.no_other_fields();
    if (kind != "treatment" && kind != "touch_up") throw bad_request("kind", "must be treatment or touch_up");
    return call.db.transaction(store::Access::write, [&](Connection& c) {
      const store::Quote q = store::issue_quote(c, quote_from_job(c, cipher, call.path_part(1), job_id, kind), call.user());
      store::append_audit(c, call.audit(AuditAction::create, "quote", q.id));
      return Reply(201, {{"quote", quote_json(c, q, true)}});
    });
  });

  r.get(R"(/api/patients/(P-[0-9A-F]{10})/quotes)", Permission::handle_billing, [](Call& call) {
    return call.read([&](Connection& c) {
      existing_patient(c, call.path_part(1));
      nlohmann::json list = nlohmann::json::array();
      for (const store::Quote& q : store::quotes_of(c, call.path_part(1))) list.push_back(quote_json(c, q, false));
      call.audit_read(AuditAction::read, "quotes", call.path_part(1));
      return Reply(200, {{"quotes", list}});
    });
  });

  r.get(kQuotePath, Permission::handle_billing, [](Call& call) {
    return call.read([&](Connection& c) {
      const store::Quote q = existing(c, call.path_part(1));
      call.audit_read(AuditAction::read, "quote", q.id);
      return Reply(200, {{"quote", quote_json(c, q, true)}});
    });
  });

  r.post(std::string(kQuotePath) + "/decision", Permission::handle_billing, [](Call& call) {
    JsonBody body = call.body();
    const std::string decision = body.text("decision");
    body.no_other_fields();
    if (decision != "accepted" && decision != "declined") throw bad_request("decision", "must be accepted or declined");
    return call.db.transaction(store::Access::write, [&](Connection& c) {
      existing(c, call.path_part(1));
      const store::Quote q = store::decide_quote(
          c, call.path_part(1), decision == "accepted" ? store::QuoteState::accepted : store::QuoteState::declined,
          today(), call.user());
      store::append_audit(c, call.audit(AuditAction::update, "quote", q.id));
      return Reply(200, {{"quote", quote_json(c, q, true)}});
    });
  });

  r.post(std::string(kQuotePath) + "/payments", Permission::handle_billing, [](Call& call) {
    JsonBody body = call.body();
    store::Payment p;
    p.quote_id = call.path_part(1);
    const std::string kind = body.text("kind"), method = body.text("method");
    p.amount_minor = body.integer("amount_minor");
    p.reference = body.optional_text("reference");
    body.no_other_fields();
    const auto k = store::parse_payment_kind(kind);
    if (!k) throw bad_request("kind", "must be deposit or payment");
    const auto m = store::parse_payment_method(method);
    if (!m) throw bad_request("method", "must be card, cash or bank_transfer");
    p.kind = *k;
    p.method = *m;
    return call.db.transaction(store::Access::write, [&](Connection& c) {
      existing(c, p.quote_id);
      const store::Payment paid = store::record_payment(c, p, call.user());
      store::append_audit(c, call.audit(AuditAction::create, "payment", paid.id));
      return Reply(201, {{"quote", quote_json(c, existing(c, p.quote_id), true)}});
    });
  });

  // The invoice of an accepted quote: its lines, tax and total as quoted, the payments
  // received so far, the balance; the next number; never changed afterwards.
  r.post(std::string(kQuotePath) + "/invoice", Permission::handle_billing, [](Call& call) {
    JsonBody body = call.body();
    body.no_other_fields();
    return call.db.transaction(store::Access::write, [&](Connection& c) {
      const store::Quote q = existing(c, call.path_part(1));
      if (q.state != store::QuoteState::accepted)
        throw ApiError(409, "conflict", "the quote is " + std::string(store::quote_state_name(q.state)) +
                                            ": an invoice is issued for an accepted quote", "state");
      const nlohmann::json quoted = nlohmann::json::parse(q.quote_json);
      nlohmann::json payments = nlohmann::json::array();
      for (const store::Payment& p : store::payments_of(c, q.id)) payments.push_back(payment_json(p, q));
      store::Invoice i;
      i.quote_id = q.id;
      i.patient_id = q.patient_id;
      i.billed_to = store::find_patient(c, q.patient_id)->identity.full_name;
      i.currency = q.currency;
      i.total_minor = q.total_minor;
      i.invoice_json = nlohmann::json{{"issued_on", today()},
                                      {"currency", quoted["currency"]},
                                      {"lines", quoted["lines"]},
                                      {"subtotal", quoted["subtotal"]},
                                      {"tax", quoted["tax"]},
                                      {"total", quoted["total"]},
                                      {"payments", payments},
                                      {"paid", money_json(q.paid_minor, q.currency, q.minor_digits)},
                                      {"balance", money_json(q.balance_minor(), q.currency, q.minor_digits)}}
                           .dump();
      const store::Invoice issued = store::issue_invoice(c, i, call.user());
      store::append_audit(c, call.audit(AuditAction::create, "invoice", invoice_label(issued.number)));
      return Reply(201, {{"invoice", invoice_json(issued)}});
    });
  });

  r.get(R"(/api/invoices/([0-9]{1,12}))", Permission::handle_billing, [](Call& call) {
    return call.read([&](Connection& c) {
      const std::optional<store::Invoice> i = store::find_invoice(c, std::stoll(call.path_part(1)));
      if (!i) throw ApiError(404, "not_found", "no invoice " + call.path_part(1), "number");
      call.audit_read(AuditAction::read, "invoice", invoice_label(i->number));
      return Reply(200, {{"invoice", invoice_json(*i)}});
    });
  });

  r.get(R"(/api/patients/(P-[0-9A-F]{10})/invoices)", Permission::handle_billing, [](Call& call) {
    return call.read([&](Connection& c) {
      existing_patient(c, call.path_part(1));
      nlohmann::json list = nlohmann::json::array();
      for (const store::Invoice& i : store::invoices_of(c, call.path_part(1))) list.push_back(invoice_json(i));
      call.audit_read(AuditAction::read, "invoices", call.path_part(1));
      return Reply(200, {{"invoices", list}});
    });
  });
}

}  // namespace smp::server
