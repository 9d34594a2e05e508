#include "smp/server/case_records.h"

#include <fmt/format.h>

#include "smp/case/case_json.h"
#include "smp/clinic/price_book.h"
#include "smp/server/api_error.h"
#include "smp/store/audit_log.h"
#include "smp/store/clinic_settings.h"

namespace smp::server {
namespace {

// Keys that name a file beside a case file, and where the server keeps that instead.
struct FileKey {
  const char* table;
  const char* key;
  const char* instead;
};
constexpr FileKey kFileKeys[] = {
    {"plan", "price_book", "the clinic's price book (a clinic setting)"},
    {"plan", "photos", "the consultation's photos"},
    {"hair_loss", "file", "a painted loss mask of the consultation"},
};

}  // namespace

nlohmann::json checked_case(nlohmann::json j, const std::string& patient_id) {
  if (!j.is_object()) throw ApiError(400, "bad_request", "case: must be an object of the case file's tables", "case");
  for (const FileKey& f : kFileKeys)
    if (j.contains(f.table) && j[f.table].is_object() && j[f.table].contains(f.key))
      throw ApiError(400, "bad_request",
                     fmt::format("case.{}.{}: the server reads no files; it keeps {}", f.table, f.key, f.instead),
                     fmt::format("case.{}.{}", f.table, f.key));
  if (!j.contains("patient") || !j["patient"].is_object()) j["patient"] = nlohmann::json::object();
  j["patient"]["id"] = patient_id;
  try {
    parse_case_json(j, "case");
  } catch (const InputError& e) {
    throw ApiError(400, "bad_request", fmt::format("case.{}: {}", e.field(), e.message()), "case." + e.field());
  }
  return j;
}

ImportedCase import_case_file(store::Database& db, const std::filesystem::path& file,
                              const store::PatientIdentity& identity, const store::User& by,
                              const std::string& address) {
  const std::string text = read_text_file(file.string(), "case file");
  parse_case(text, file.string());  // every error at the file's own line
  nlohmann::json j = case_json_from_toml(text, file.string());
  ImportedCase out;
  std::optional<std::string> book_text;
  if (j.contains("plan") && j["plan"].contains("price_book")) {
    const std::filesystem::path book = file.parent_path() / j["plan"]["price_book"].get<std::string>();
    book_text = read_text_file(book.string(), "price book");
    parse_price_book(*book_text, book.string());
    j["plan"].erase("price_book");
  }
  if (j.contains("plan") && j["plan"].contains("photos"))
    throw InputError(file.string(), 0, "plan.photos", "photos are uploaded to a consultation, not imported from a folder");
  if (j.contains("hair_loss") && j["hair_loss"].contains("file"))
    throw InputError(file.string(), 0, "hair_loss.file", "a painted mask is not imported yet: paint it in the consultation");
  db.transaction(store::Access::write, [&](store::Connection& c) {
    out.patient = store::create_patient(c, identity, by);
    out.consultation = store::open_consultation(c, out.patient.id, checked_case(j, out.patient.id).dump(), by);
    if (book_text) {
      if (!store::clinic_setting(c, "price_book")) {
        store::set_clinic_setting(c, "price_book", *book_text, by.id);
        out.notes.push_back("its price book is now the clinic's");
      } else {
        out.notes.push_back("the clinic's price book is kept (the file's is not imported)");
      }
    }
    const std::string role(store::role_name(by.role));
    store::append_audit(c, {by.id, role, store::AuditAction::create, "patient", out.patient.id, address, {}});
    store::append_audit(c, {by.id, role, store::AuditAction::create, "consultation", out.consultation.id, address, {}});
  });
  return out;
}

}  // namespace smp::server
