#include <fmt/format.h>
#include <opencv2/imgproc.hpp>

#include "smp/case/case_json.h"
#include "smp/io/input_error.h"
#include "smp/jobs/photo_jobs.h"
#include "smp/report/pictures.h"
#include "smp/server/api_error.h"
#include "smp/server/api_routes.h"
#include "smp/store/clock.h"
#include "smp/store/consultations.h"
#include "smp/store/patients.h"
#include "smp/store/secrets.h"
#include "smp/store/session_logs.h"

namespace smp::server {
namespace {

using store::AuditAction;
using store::Connection;

const char* kPhotoPath = R"(/api/photos/(I-[0-9A-F]{10}))";

// The upload's query: which view, the day it was taken, the file's name as the device
// gave it (a name only: a path is refused).
struct UploadQuery {
  std::string view, taken_on, file_name;
};

UploadQuery upload_query(const Call& call) {
  UploadQuery q;
  q.view = call.request.get_param_value("view");
  if (!clinic_view_named(q.view)) throw bad_request("view", "must be front, top, back, left or right");
  q.taken_on = call.request.has_param("taken_on") ? call.request.get_param_value("taken_on")
                                                  : store::iso_date_of(store::now_unix_ms());
  if (!store::parse_date(q.taken_on)) throw bad_request("taken_on", "must be a date YYYY-MM-DD");
  if (q.taken_on > store::iso_date_of(store::now_unix_ms() + 24LL * 3600 * 1000))
    throw bad_request("taken_on", "is in the future");
  q.file_name = call.request.has_param("file_name") ? call.request.get_param_value("file_name") : "photo";
  if (q.file_name.empty() || q.file_name.size() > 200) throw bad_request("file_name", "1 to 200 characters");
  if (q.file_name.find_first_of("/\\") != std::string::npos || q.file_name == "." || q.file_name == ".." ||
      q.file_name.find('\0') != std::string::npos)
    throw bad_request("file_name", "a file's name, not a path");
  return q;
}

// The body decoded as `smp photo import` decodes a file; the pixel limit is checked from
// the header, before any pixel is decoded. 400 naming "file" for what is not a photo.
UploadedPhoto imported(const Call& call, const UploadQuery& q) {
  if (call.request.body.empty()) throw bad_request("file", "the request's body is empty: send the photo's bytes");
  try {
    return import_uploaded_photo(call.request.body, q.file_name);
  } catch (const InputError& e) {
    throw bad_request("file", e.message());
  }
}

// The photo in the body stored as `p` (its owner and patient set by the route).
Reply uploaded(Call& call, const store::BlobCipher& cipher, store::Photo p) {
  const UploadQuery q = upload_query(call);
  p.view = q.view;
  p.taken_on = q.taken_on;
  p.file_name = q.file_name;
  const UploadedPhoto u = imported(call, q);
  p.format = u.photo.format;
  p.original_sha256 = store::sha256_hex(call.request.body);
  p.width_px = u.photo.bgr8.cols;
  p.height_px = u.photo.bgr8.rows;
  p.import_json = u.photo_json;
  return call.db.transaction(store::Access::write, [&](Connection& c) {
    const store::Photo added = store::add_photo(c, cipher, p, call.request.body, u.png, call.user());
    store::append_audit(c, call.audit(AuditAction::create, "photo", added.id));
    return Reply(201, {{"photo", photo_record_json(added)}});
  });
}

store::Photo existing(Connection& c, const std::string& id) {
  std::optional<store::Photo> p = store::find_photo(c, id);
  if (!p) throw ApiError(404, "not_found", "no photo " + id, "id");
  return *p;
}

// The case whose head is posed on the photo: its consultation's, or its session's.
Case case_of_photo(Connection& c, const store::Photo& p) {
  std::string consultation = p.consultation_id;
  if (consultation.empty())
    if (const std::optional<store::SessionLog> s = store::find_session_log(c, p.session_log_id))
      consultation = s->consultation_id;
  const std::optional<store::Consultation> k = store::find_consultation(c, consultation);
  if (!k) throw ApiError(422, "no_case", "the photo's session names no consultation, so there is no head to pose", "id");
  return parse_case_json(nlohmann::json::parse(k->current.case_json), k->id);
}

// The clinic's points: known landmarks, inside the photo, both pupils or none, at least
// kMinPoseLandmarks besides the pupils.
PhotoLandmarks landmarks_of(JsonBody& body, const store::Photo& p, const Case& k) {
  PhotoLandmarks l;
  l.source = p.id;
  l.width_px = p.width_px;
  l.height_px = p.height_px;
  l.view = *clinic_view_named(p.view);
  const nlohmann::json points = body.object("points");
  for (const auto& [key, value] : points.items()) {
    std::optional<PhotoLandmark> which;
    for (std::size_t i = 0; i < kPhotoLandmarkNames.size(); ++i)
      if (kPhotoLandmarkNames[i] == key) which = static_cast<PhotoLandmark>(i);
    const std::string f = "points." + key;
    if (!which) throw bad_request(f, "not a landmark (glabella, nasion, lateral_canthus_left, ...)");
    if (!value.is_object() || value.size() != 2 || !value.contains("x_px") || !value.contains("y_px") ||
        !value["x_px"].is_number() || !value["y_px"].is_number())
      throw bad_request(f, "must be {\"x_px\": number, \"y_px\": number}");
    const ImagePoint pt{value["x_px"].get<double>(), value["y_px"].get<double>()};
    if (!(pt.x_px >= 0 && pt.x_px <= p.width_px && pt.y_px >= 0 && pt.y_px <= p.height_px))
      throw bad_request(f, fmt::format("({:.1f}, {:.1f}) is outside the {} x {} photo", pt.x_px, pt.y_px, p.width_px, p.height_px));
    l.points[*which] = pt;
  }
  if (l.points.count(PhotoLandmark::pupil_left) != l.points.count(PhotoLandmark::pupil_right))
    throw bad_request("points", "give both pupils or neither");
  if (l.pose_landmark_count() < kMinPoseLandmarks)
    throw bad_request("points", fmt::format("at least {} landmarks besides the pupils are needed for a pose, {} given",
                                    kMinPoseLandmarks, l.pose_landmark_count()));
  const PhotoPoseParameters& pp = k.params.photo_pose;
  l.focal_px = body.optional_number("focal_px", 10, 1e6)
                   .value_or(focal_px_from_35mm(pp.default_focal_35mm_mm, p.width_px, p.height_px));
  l.interpupillary_mm = body.optional_number("interpupillary_mm", 40, 85).value_or(pp.interpupillary_mm);
  return l;
}

nlohmann::json landmarks_record(const PhotoLandmarks& l) {
  nlohmann::json points = nlohmann::json::object();
  for (const auto& [which, pt] : l.points) points[std::string(name(which))] = {{"x_px", pt.x_px}, {"y_px", pt.y_px}};
  return {{"points", points}, {"focal_px", l.focal_px}, {"interpupillary_mm", l.interpupillary_mm}};
}

nlohmann::json pose_record(const PoseFit& fit, const PhotoLandmarks& l) {
  nlohmann::json j = nlohmann::json::parse(pose_json(fit, l));
  j.erase("landmarks_file");
  j["refused"] = fit.refused ? nlohmann::json(*fit.refused) : nlohmann::json(nullptr);
  return j;
}

// The photo scaled to at most `max_px` on its long side (a preview), PNG.
std::string scaled_png(const std::string& png, int max_px) {
  const cv::Mat full = decode_stored_photo(png);
  const int long_side = std::max(full.cols, full.rows);
  if (long_side <= max_px) return png;
  const double s = static_cast<double>(max_px) / long_side;
  cv::Mat small;
  cv::resize(full, small, cv::Size(std::max(1, cvRound(full.cols * s)), std::max(1, cvRound(full.rows * s))), 0, 0,
             cv::INTER_AREA);
  return png_bytes(small);
}

Reply photo_list(const std::vector<store::Photo>& photos) {
  nlohmann::json list = nlohmann::json::array();
  for (const store::Photo& p : photos) list.push_back(photo_record_json(p));
  return Reply(200, {{"photos", list}});
}

}  // namespace

nlohmann::json photo_record_json(const store::Photo& p) {
  const nlohmann::json imported = nlohmann::json::parse(p.import_json);
  return {{"id", p.id},
          {"patient_id", p.patient_id},
          {"consultation_id", p.consultation_id.empty() ? nlohmann::json(nullptr) : nlohmann::json(p.consultation_id)},
          {"session_log_id", p.session_log_id.empty() ? nlohmann::json(nullptr) : nlohmann::json(p.session_log_id)},
          {"view", p.view},
          {"taken_on", p.taken_on},
          {"file_name", p.file_name},
          {"format", p.format},
          {"original_sha256", p.original_sha256},
          {"original_size_bytes", p.original_size_bytes},
          {"width_px", p.width_px},
          {"height_px", p.height_px},
          {"orientation", imported["orientation"]},
          {"colour_profile", imported["colour_profile"]},
          {"notes", imported["notes"]},
          {"landmarks", p.landmarks_json.empty() ? nlohmann::json(nullptr) : nlohmann::json::parse(p.landmarks_json)},
          {"pose", p.pose_json.empty() ? nlohmann::json(nullptr) : nlohmann::json::parse(p.pose_json)},
          {"version", p.version},
          {"uploaded_by", p.uploaded_by},
          {"uploaded_at", store::iso_time(p.uploaded_at_ms)}};
}

void add_photo_api(Router& r, const store::BlobCipher& cipher) {
  r.post(R"(/api/consultations/(C-[0-9A-F]{10})/photos)", Permission::take_photos, [&cipher](Call& call) {
    store::Photo p;
    p.consultation_id = call.path_part(1);
    p.patient_id = call.db.transaction(store::Access::read, [&](Connection& c) {
      const std::optional<store::Consultation> k = store::find_consultation(c, p.consultation_id);
      if (!k) throw ApiError(404, "not_found", "no consultation " + p.consultation_id, "id");
      return k->patient_id;
    });
    return uploaded(call, cipher, p);
  });

  r.post(R"(/api/session-logs/(S-[0-9A-F]{10})/photos)", Permission::record_sessions, [&cipher](Call& call) {
    store::Photo p;
    p.session_log_id = call.path_part(1);
    p.patient_id = call.db.transaction(store::Access::read, [&](Connection& c) {
      const std::optional<store::SessionLog> s = store::find_session_log(c, p.session_log_id);
      if (!s) throw ApiError(404, "not_found", "no session log " + p.session_log_id, "id");
      return s->patient_id;
    });
    return uploaded(call, cipher, p);
  });

  r.get(R"(/api/consultations/(C-[0-9A-F]{10})/photos)", Permission::view_clinical_record, [](Call& call) {
    return call.read([&](Connection& c) {
      const std::string id = call.path_part(1);
      if (!store::find_consultation(c, id)) throw ApiError(404, "not_found", "no consultation " + id, "id");
      call.audit_read(AuditAction::read, "photos", id);
      return photo_list(store::photos_of_consultation(c, id));
    });
  });

  r.get(R"(/api/patients/(P-[0-9A-F]{10})/photos)", Permission::view_clinical_record, [](Call& call) {
    return call.read([&](Connection& c) {
      const std::string id = call.path_part(1);
      existing_patient(c, id);
      call.audit_read(AuditAction::read, "photos", id);
      return photo_list(store::photos_of_patient(c, id));
    });
  });

  r.get(kPhotoPath, Permission::view_clinical_record, [](Call& call) {
    return call.read([&](Connection& c) {
      const store::Photo p = existing(c, call.path_part(1));
      call.audit_read(AuditAction::read, "photo", p.id);
      return Reply(200, {{"photo", photo_record_json(p)}});
    });
  });

  // The upright sRGB PNG (?max_px=N: a preview at most N px on its long side), or the
  // file as it was sent (/original).
  r.get(std::string(kPhotoPath) + "/(image|original)", Permission::view_clinical_record, [&cipher](Call& call) {
    const bool original = call.path_part(2) == "original";
    const int max_px = original ? 0 : static_cast<int>(call.query_integer("max_px", 0, 64, 8000));
    auto [p, bytes] = call.read([&](Connection& c) {
      const store::Photo p = existing(c, call.path_part(1));
      std::string bytes =
          *store::photo_file(c, cipher, p.id, original ? store::PhotoFile::original : store::PhotoFile::image);
      call.audit_read(AuditAction::read, original ? "photo_original" : "photo_image", p.id);
      return std::make_pair(p, std::move(bytes));
    });
    Reply reply(200);
    if (original) {
      reply.content_type = p.format == "JPEG" ? "image/jpeg" : p.format == "PNG" ? "image/png" : "image/heic";
      reply.bytes = std::move(bytes);
    } else {
      reply.content_type = "image/png";
      reply.bytes = max_px > 0 ? scaled_png(bytes, max_px) : std::move(bytes);
    }
    reply.headers.emplace("Cache-Control", "private, no-store");
    return reply;
  });

  // Suggested points on a front photo (OpenCV's cascades), for the clinic to check; nothing
  // is stored.
  r.get(std::string(kPhotoPath) + "/landmark-suggestions", Permission::view_clinical_record, [&cipher](Call& call) {
    const std::string png = call.read([&](Connection& c) {
      const store::Photo p = existing(c, call.path_part(1));
      if (p.view != "front")
        throw ApiError(422, "front_only", "suggestions are made on front photos; place this " + p.view + " photo's points by hand", "view");
      call.audit_read(AuditAction::read, "photo_image", p.id);
      return *store::photo_file(c, cipher, p.id, store::PhotoFile::image);
    });
    const LandmarkSuggestions s = suggest_landmarks(decode_stored_photo(png));
    nlohmann::json points = nlohmann::json::object();
    for (const auto& [which, pt] : s.points) points[std::string(name(which))] = {{"x_px", pt.x_px}, {"y_px", pt.y_px}};
    return Reply(200, {{"faces_found", s.faces_found}, {"points", points}, {"notes", s.notes}});
  });

  // The clinic's points and the head's pose fitted to them; a refused fit is kept with its
  // reason (the editor shows it), a stale edit is 409.
  r.put(std::string(kPhotoPath) + "/landmarks", Permission::take_photos, [](Call& call) {
    JsonBody body = call.body();
    const long long version = body.integer("version");
    const auto [p, k] = call.db.transaction(store::Access::read, [&](Connection& c) {
      const store::Photo p = existing(c, call.path_part(1));
      return std::make_pair(p, case_of_photo(c, p));
    });
    const PhotoLandmarks l = landmarks_of(body, p, k);
    body.no_other_fields();
    const PoseFit fit = fit_pose_to_landmarks(k, l);
    return call.db.transaction(store::Access::write, [&](Connection& c) {
      existing(c, p.id);
      const store::Photo saved =
          store::save_photo_pose(c, p.id, landmarks_record(l).dump(), pose_record(fit, l).dump(), version);
      store::append_audit(c, call.audit(AuditAction::update, "photo", saved.id));
      return Reply(200, {{"photo", photo_record_json(saved)}});
    });
  });
}

}  // namespace smp::server
