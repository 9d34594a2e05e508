#include <cctype>
#include <cmath>
#include <map>

#include <fmt/format.h>
#include <glib.h>

#include "smp/server/api_error.h"
#include "smp/server/api_routes.h"
#include "smp/store/clock.h"
#include "smp/store/consents.h"
#include "smp/store/patients.h"

namespace smp::server {
namespace {

using store::AuditAction;
using store::Connection;

const char* kConsentPath = R"(/api/consents/(K-[0-9A-F]{10}))";
const char* kPatientConsents = R"(/api/patients/(P-[0-9A-F]{10})/consents)";

// What a signature pad gives: its size and the pen's strokes, each a list of [x, y] in
// pad pixels. Bounded (100 strokes, 20,000 points) and not a dot or a blank pad.
constexpr int kMaxStrokes = 100, kMaxPoints = 20000;

nlohmann::json checked_signature(const nlohmann::json& s) {
  if (!s.is_object()) throw bad_request("signature", "must be {\"width_px\", \"height_px\", \"strokes\"}");
  for (const auto& [key, value] : s.items())
    if (key != "width_px" && key != "height_px" && key != "strokes") throw bad_request("signature." + key, "is not a field");
  for (const char* side : {"width_px", "height_px"})
    if (!s.contains(side) || !s[side].is_number_integer() || s[side].get<int>() < 100 || s[side].get<int>() > 4000)
      throw bad_request(std::string("signature.") + side, "must be an integer from 100 to 4000");
  const double w = s["width_px"], h = s["height_px"];
  if (!s.contains("strokes") || !s["strokes"].is_array() || s["strokes"].empty() || s["strokes"].size() > kMaxStrokes)
    throw bad_request("signature.strokes", fmt::format("must be 1 to {} strokes", kMaxStrokes));
  std::size_t points = 0;
  double ink_px = 0;
  for (std::size_t i = 0; i < s["strokes"].size(); ++i) {
    const nlohmann::json& stroke = s["strokes"][i];
    const std::string f = fmt::format("signature.strokes[{}]", i + 1);
    if (!stroke.is_array() || stroke.empty()) throw bad_request(f, "must be a list of [x, y] points");
    for (std::size_t j = 0; j < stroke.size(); ++j) {
      const nlohmann::json& p = stroke[j];
      if (!p.is_array() || p.size() != 2 || !p[0].is_number() || !p[1].is_number())
        throw bad_request(fmt::format("{}[{}]", f, j + 1), "must be [x, y]");
      const double x = p[0], y = p[1];
      if (!(x >= 0 && x <= w && y >= 0 && y <= h)) throw bad_request(fmt::format("{}[{}]", f, j + 1), "is outside the pad");
      if (j > 0) ink_px += std::hypot(x - stroke[j - 1][0].get<double>(), y - stroke[j - 1][1].get<double>());
    }
    points += stroke.size();
  }
  if (points > kMaxPoints) throw bad_request("signature.strokes", fmt::format("at most {} points in all", kMaxPoints));
  // A signature crosses a good part of the pad; a tap or a scribble of a few pixels is not one.
  if (ink_px < 0.2 * w) throw bad_request("signature", "is too short to be a signature: ask the patient to sign again");
  return s;
}

// Names compared as a person would: case, accents' encoding (NFC) and spacing aside
// ("jonas  åberg" is "Jonas Åberg"); GLib's Unicode case folding.
std::string folded(const std::string& s) {
  if (!g_utf8_validate(s.data(), static_cast<gssize>(s.size()), nullptr)) throw bad_request("typed_name", "is not UTF-8 text");
  gchar* normal = g_utf8_normalize(s.data(), static_cast<gssize>(s.size()), G_NORMALIZE_DEFAULT_COMPOSE);
  gchar* fold = g_utf8_casefold(normal, -1);
  std::string out;
  for (const char* ch = fold; *ch; ++ch) {
    if (std::isspace(static_cast<unsigned char>(*ch))) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += *ch;
    }
  }
  g_free(fold);
  g_free(normal);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

void check_typed_name(const std::string& typed, const store::Patient& p) {
  if (folded(typed) != folded(p.identity.full_name))
    throw bad_request("typed_name", "does not match the patient's name on record: the patient types their own full name");
}

nlohmann::json template_json(const store::ConsentTemplate& t, bool current) {
  return {{"id", t.id},
          {"kind", store::consent_kind_name(t.kind)},
          {"version", t.version},
          {"title", t.title},
          {"body", t.body},
          {"current", current},
          // The texts shipped with SMP Studio (migration 6) have no creation time.
          {"created_at", t.created_at_ms > 0 ? nlohmann::json(store::iso_time(t.created_at_ms)) : nlohmann::json(nullptr)}};
}

nlohmann::json consent_json(const store::Consent& k, const store::ConsentTemplate& t, bool with_text) {
  nlohmann::json j = {
      {"id", k.id},
      {"patient_id", k.patient_id},
      {"template_id", k.template_id},
      {"title", t.title},
      {"kind", store::consent_kind_name(k.kind)},
      {"decision", store::consent_decision_name(k.decision)},
      {"withdraws", k.withdraws.empty() ? nlohmann::json(nullptr) : nlohmann::json(k.withdraws)},
      {"withdrawn_by", k.withdrawn_by.empty() ? nlohmann::json(nullptr) : nlohmann::json(k.withdrawn_by)},
      {"in_force", k.decision == store::ConsentDecision::granted && k.withdrawn_by.empty()},
      {"typed_name", k.typed_name},
      {"signed", !k.signature_json.empty()},
      {"note", k.note},
      {"signed_at", store::iso_time(k.signed_at_ms)},
      {"client_address", k.client_address},
      {"user_agent", k.user_agent},
      {"recorded_by", k.recorded_by},
      {"content_sha256", k.content_sha256},
      // Recomputed from the row and its template: false if either was altered.
      {"intact", store::consent_content_sha256(k, t) == k.content_sha256}};
  if (with_text) j["body"] = t.body;
  return j;
}

store::Consent existing(Connection& c, const std::string& id) {
  std::optional<store::Consent> k = store::find_consent(c, id);
  if (!k) throw ApiError(404, "not_found", "no consent " + id, "id");
  return *k;
}

// The drawn strokes as an SVG, black ink on white, at the pad's size.
std::string signature_svg(const nlohmann::json& s) {
  std::string svg = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\">"
      "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>",
      s["width_px"].get<int>(), s["height_px"].get<int>());
  for (const nlohmann::json& stroke : s["strokes"]) {
    svg += "<polyline fill=\"none\" stroke=\"#111\" stroke-width=\"2.5\" stroke-linecap=\"round\" "
           "stroke-linejoin=\"round\" points=\"";
    for (const nlohmann::json& p : stroke) svg += fmt::format("{:.1f},{:.1f} ", p[0].get<double>(), p[1].get<double>());
    svg += "\"/>";
  }
  return svg + "</svg>\n";
}

// The record of the request: who typed, what they drew, from where.
store::Consent signed_record(Call& call, JsonBody& body, bool signature_required) {
  store::Consent k;
  k.typed_name = body.text("typed_name");
  k.note = body.optional_text("note");
  if (signature_required) k.signature_json = checked_signature(body.object("signature")).dump();
  else if (body.given("signature"))
    throw bad_request("signature", "a withdrawal received in writing carries no drawn signature (in_person: false)");
  k.client_address = call.address;
  k.user_agent = call.request.get_header_value("User-Agent").substr(0, 500);
  return k;
}

}  // namespace

void add_consent_api(Router& r) {
  r.get("/api/consent-templates", Permission::own_account, [](Call& call) {
    return call.db.transaction(store::Access::read, [&](Connection& c) {
      const std::vector<store::ConsentTemplate> all = store::consent_templates(c);
      nlohmann::json list = nlohmann::json::array();
      for (std::size_t i = 0; i < all.size(); ++i)
        list.push_back(template_json(all[i], i + 1 == all.size() || all[i + 1].kind != all[i].kind));
      return Reply(200, {{"templates", list}});
    });
  });

  r.post("/api/consent-templates", Permission::manage_clinic, [](Call& call) {
    JsonBody body = call.body();
    const std::string kind_name = body.text("kind");
    const std::optional<store::ConsentKind> kind = store::parse_consent_kind(kind_name);
    if (!kind) throw bad_request("kind", "must be treatment, photos_record, photos_gallery or marketing");
    const std::string title = body.text("title"), text = body.text("body");
    body.no_other_fields();
    return call.db.transaction(store::Access::write, [&](Connection& c) {
      const store::ConsentTemplate t = store::add_consent_template(c, *kind, title, text, call.user());
      store::append_audit(c, call.audit(AuditAction::create, "consent_template", t.id));
      return Reply(201, {{"template", template_json(t, true)}});
    });
  });

  r.get(kPatientConsents, Permission::handle_consents, [](Call& call) {
    return call.read([&](Connection& c) {
      const store::Patient p = existing_patient(c, call.path_part(1));
      // The templates read once for the whole list.
      std::map<std::string, store::ConsentTemplate> templates;
      for (store::ConsentTemplate& t : store::consent_templates(c)) templates.emplace(t.id, std::move(t));
      nlohmann::json list = nlohmann::json::array();
      for (const store::Consent& k : store::consents_of(c, p.id))
        list.push_back(consent_json(k, templates.at(k.template_id), false));
      call.audit_read(AuditAction::read, "consents", p.id);
      return Reply(200, {{"consents", list}});
    });
  });

  // The patient signs the template's text shown to them on the clinic's tablet.
  r.post(kPatientConsents, Permission::handle_consents, [](Call& call) {
    JsonBody body = call.body();
    const std::string template_id = body.text("template_id");
    store::Consent k = signed_record(call, body, true);
    body.no_other_fields();
    return call.db.transaction(store::Access::write, [&](Connection& c) {
      const store::Patient p = existing_patient(c, call.path_part(1));
      check_typed_name(k.typed_name, p);
      k.patient_id = p.id;
      k.template_id = template_id;
      const store::Consent signed_consent = store::sign_consent(c, k, call.user());
      store::append_audit(c, call.audit(AuditAction::create, "consent", signed_consent.id));
      return Reply(201, {{"consent", consent_json(signed_consent, *store::find_consent_template(c, signed_consent.template_id), true)}});
    });
  });

  r.get(kConsentPath, Permission::handle_consents, [](Call& call) {
    return call.read([&](Connection& c) {
      const store::Consent k = existing(c, call.path_part(1));
      call.audit_read(AuditAction::read, "consent", k.id);
      return Reply(200, {{"consent", consent_json(k, *store::find_consent_template(c, k.template_id), true)}});
    });
  });

  r.get(std::string(kConsentPath) + "/signature", Permission::handle_consents, [](Call& call) {
    return call.read([&](Connection& c) {
      const store::Consent k = existing(c, call.path_part(1));
      if (k.signature_json.empty())
        throw ApiError(404, "not_found", "this withdrawal was received in writing and carries no drawn signature", "id");
      call.audit_read(AuditAction::read, "consent_signature", k.id);
      Reply reply(200);
      reply.content_type = "image/svg+xml";
      reply.bytes = signature_svg(nlohmann::json::parse(k.signature_json));
      return reply;
    });
  });

  // A withdrawal, in person (signed on the tablet) or received in writing (a note says
  // how); it takes effect at once (the gallery stops showing the patient's pictures).
  r.post(std::string(kConsentPath) + "/withdrawal", Permission::handle_consents, [](Call& call) {
    JsonBody body = call.body();
    const bool in_person = body.boolean("in_person");
    store::Consent w = signed_record(call, body, in_person);
    body.no_other_fields();
    if (!in_person && w.note.empty()) throw bad_request("note", "say how the withdrawal was received (letter, e-mail, ...)");
    return call.db.transaction(store::Access::write, [&](Connection& c) {
      const store::Consent grant = existing(c, call.path_part(1));
      check_typed_name(w.typed_name, existing_patient(c, grant.patient_id));
      const store::Consent withdrawal = store::withdraw_consent(c, grant.id, w, call.user());
      store::append_audit(c, call.audit(AuditAction::create, "consent_withdrawal", withdrawal.id));
      return Reply(201, {{"consent", consent_json(withdrawal, *store::find_consent_template(c, withdrawal.template_id), false)}});
    });
  });
}

}  // namespace smp::server
