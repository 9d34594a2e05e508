// Clinic photos as records: the file as sent and the imported upright sRGB PNG, both
// sealed with the clinic's key, the original's SHA-256 (a gallery picture's proof that it
// is unedited), the import's account, and the landmarks and pose the clinic fitted. The
// layer above decodes and checks; this one keeps.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "smp/store/blob_cipher.h"
#include "smp/store/users.h"

namespace smp::store {

struct Photo {
  std::string id, patient_id, consultation_id, session_log_id;  // one of the last two is ""
  std::string view;                                             // front, top, back, left, right
  std::string taken_on;                                         // YYYY-MM-DD
  std::string file_name, format, original_sha256;
  long long original_size_bytes = 0;
  int width_px = 0, height_px = 0;
  std::string import_json, landmarks_json, pose_json;  // the last two "" until placed
  long long version = 1;
  std::string uploaded_by;
  long long uploaded_at_ms = 0, updated_at_ms = 0;
};

// Stores `p` (id, version and times set here) with its two files sealed.
Photo add_photo(Connection& c, const BlobCipher& cipher, Photo p, const std::string& original_bytes,
                const std::string& image_png, const User& by);

std::optional<Photo> find_photo(Connection& c, const std::string& id);
std::vector<Photo> photos_of_consultation(Connection& c, const std::string& consultation_id);
std::vector<Photo> photos_of_session_log(Connection& c, const std::string& session_log_id);
// Every photo of a patient, by the day taken.
std::vector<Photo> photos_of_patient(Connection& c, const std::string& patient_id);

// The top and back photos of every patient whose gallery consent is in force, by patient,
// view and day (a withdrawn consent takes them out at once: this is asked at each read).
std::vector<Photo> gallery_photos(Connection& c);

enum class PhotoFile { original, image };
// The file's plain bytes; nothing if there is no such photo.
std::optional<std::string> photo_file(Connection& c, const BlobCipher& cipher, const std::string& id, PhotoFile f);

// The landmarks and pose replaced if the photo is still at `base_version`:
// StoreError(conflict, "version") if another edit came first.
Photo save_photo_pose(Connection& c, const std::string& id, const std::string& landmarks_json,
                      const std::string& pose_json, long long base_version);

}  // namespace smp::store
