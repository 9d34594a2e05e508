#include "smp/store/photos.h"

#include <fmt/format.h>

#include "smp/store/clock.h"
#include "smp/store/secrets.h"

namespace smp::store {
namespace {

constexpr const char* kColumns =
    "id, patient_id, COALESCE(consultation_id, ''), COALESCE(session_log_id, ''), view, taken_on, file_name, format, "
    "original_sha256, original_size_bytes, width_px, height_px, import_json, landmarks_json, pose_json, version, "
    "uploaded_by, uploaded_at_ms, updated_at_ms";

Photo photo_of(const Row& r) {
  Photo p;
  p.id = r.text(0);
  p.patient_id = r.text(1);
  p.consultation_id = r.text(2);
  p.session_log_id = r.text(3);
  p.view = r.text(4);
  p.taken_on = r.text(5);
  p.file_name = r.text(6);
  p.format = r.text(7);
  p.original_sha256 = r.text(8);
  p.original_size_bytes = r.integer(9);
  p.width_px = static_cast<int>(r.integer(10));
  p.height_px = static_cast<int>(r.integer(11));
  p.import_json = r.text(12);
  p.landmarks_json = r.text(13);
  p.pose_json = r.text(14);
  p.version = r.integer(15);
  p.uploaded_by = r.text(16);
  p.uploaded_at_ms = r.integer(17);
  p.updated_at_ms = r.integer(18);
  return p;
}

std::vector<Photo> all(Connection& c, const std::string& where, const std::vector<SqlValue>& params,
                       const std::string& order = "taken_on, uploaded_at_ms, id") {
  std::vector<Photo> out;
  for (const Row& r : c.query(fmt::format("SELECT {} FROM photos WHERE {} ORDER BY {}", kColumns, where, order), params))
    out.push_back(photo_of(r));
  return out;
}

// The sealed file is bound to its photo and role: moved to another row it does not open.
std::string file_context(const std::string& id, PhotoFile f) {
  return fmt::format("photo/{}/{}", id, f == PhotoFile::original ? "original" : "image");
}

SqlValue or_null(const std::string& s) { return s.empty() ? SqlValue{} : SqlValue{s}; }

}  // namespace

Photo add_photo(Connection& c, const BlobCipher& cipher, Photo p, const std::string& original_bytes,
                const std::string& image_png, const User& by) {
  p.id = new_record_id("I-", 5);
  p.version = 1;
  p.uploaded_by = by.id;
  p.uploaded_at_ms = p.updated_at_ms = now_unix_ms();
  p.original_size_bytes = static_cast<long long>(original_bytes.size());
  c.query("INSERT INTO photos (id, patient_id, consultation_id, session_log_id, view, taken_on, file_name, format, "
          "original_sha256, original_size_bytes, original_sealed, width_px, height_px, image_sealed, import_json, "
          "landmarks_json, pose_json, version, uploaded_by, uploaded_at_ms, updated_at_ms) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {p.id, p.patient_id, or_null(p.consultation_id), or_null(p.session_log_id), p.view, p.taken_on, p.file_name,
           p.format, p.original_sha256, std::int64_t{p.original_size_bytes},
           Blob{cipher.seal(original_bytes, file_context(p.id, PhotoFile::original))}, std::int64_t{p.width_px},
           std::int64_t{p.height_px}, Blob{cipher.seal(image_png, file_context(p.id, PhotoFile::image))}, p.import_json,
           p.landmarks_json, p.pose_json, std::int64_t{p.version}, p.uploaded_by, std::int64_t{p.uploaded_at_ms},
           std::int64_t{p.updated_at_ms}});
  return p;
}

std::optional<Photo> find_photo(Connection& c, const std::string& id) {
  std::vector<Photo> found = all(c, "id = ?", {id});
  if (found.empty()) return std::nullopt;
  return found[0];
}

std::vector<Photo> photos_of_consultation(Connection& c, const std::string& consultation_id) {
  return all(c, "consultation_id = ?", {consultation_id});
}

std::vector<Photo> photos_of_session_log(Connection& c, const std::string& session_log_id) {
  return all(c, "session_log_id = ?", {session_log_id});
}

std::vector<Photo> photos_of_patient(Connection& c, const std::string& patient_id) {
  return all(c, "patient_id = ?", {patient_id});
}

std::vector<Photo> gallery_photos(Connection& c) {
  return all(c,
             "view IN ('top', 'back') AND EXISTS (SELECT 1 FROM consents k LEFT JOIN consents w ON w.withdraws = k.id "
             "WHERE k.patient_id = photos.patient_id AND k.kind = 'photos_gallery' AND k.decision = 'granted' "
             "AND w.id IS NULL)",
             {}, "patient_id, view, taken_on, uploaded_at_ms, id");
}

std::optional<std::string> photo_file(Connection& c, const BlobCipher& cipher, const std::string& id, PhotoFile f) {
  const Rows rows = c.query(
      fmt::format("SELECT {} FROM photos WHERE id = ?", f == PhotoFile::original ? "original_sealed" : "image_sealed"),
      {id});
  if (rows.empty()) return std::nullopt;
  return cipher.open(rows[0].blob(0), file_context(id, f));
}

Photo save_photo_pose(Connection& c, const std::string& id, const std::string& landmarks_json,
                      const std::string& pose_json, long long base_version) {
  if (c.query("UPDATE photos SET landmarks_json = ?, pose_json = ?, version = version + 1, updated_at_ms = ? "
              "WHERE id = ? AND version = ? RETURNING id",
              {landmarks_json, pose_json, std::int64_t{now_unix_ms()}, id, std::int64_t{base_version}})
          .empty())
    throw StoreError(StoreError::Kind::conflict, "the photo's landmarks were changed by another edit; reload them",
                     "version");
  return *find_photo(c, id);
}

}  // namespace smp::store
