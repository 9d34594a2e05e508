#include <fmt/format.h>

#include "smp/case/case_json.h"
#include "smp/jobs/photo_jobs.h"
#include "smp/server/api_error.h"
#include "smp/server/api_routes.h"
#include "smp/store/clock.h"
#include "smp/store/consultations.h"
#include "smp/store/photo_analyses.h"
#include "smp/store/photos.h"

namespace smp::server {
namespace {

using store::AuditAction;
using store::Connection;

const char* kAnalysisPath = R"(/api/consultations/(C-[0-9A-F]{10})/photo-analysis)";

nlohmann::json analysis_json(const store::PhotoAnalysisRecord& a) {
  return {{"id", a.id},
          {"consultation_id", a.consultation_id},
          {"photos", nlohmann::json::parse(a.photo_ids_json)},
          {"tone", nlohmann::json::parse(a.tone_json)},
          {"files", a.files},
          {"created_by", a.created_by},
          {"created_at", store::iso_time(a.created_at_ms)}};
}

// Per view, the latest photo of the consultation whose pose was fitted and not refused.
struct PosedPhotos {
  Case consultation_case;
  std::vector<store::Photo> photos;
  std::vector<std::string> pngs;
};

PosedPhotos posed_photos(Connection& c, const store::BlobCipher& cipher, const std::string& consultation_id) {
  const std::optional<store::Consultation> k = store::find_consultation(c, consultation_id);
  if (!k) throw ApiError(404, "not_found", "no consultation " + consultation_id, "id");
  PosedPhotos out{parse_case_json(nlohmann::json::parse(k->current.case_json), k->id), {}, {}};
  std::map<std::string, store::Photo> latest;
  for (const store::Photo& p : store::photos_of_consultation(c, consultation_id))  // by day taken
    if (!p.pose_json.empty() && nlohmann::json::parse(p.pose_json)["refused"].is_null()) latest[p.view] = p;
  if (latest.empty())
    throw ApiError(422, "no_posed_photo",
                   "no photo of the consultation has a fitted pose: place its landmarks first", "photos");
  for (const auto& [view, p] : latest) {
    out.photos.push_back(p);
    out.pngs.push_back(*store::photo_file(c, cipher, p.id, store::PhotoFile::image));
  }
  return out;
}

}  // namespace

void add_photo_analysis_api(Router& r, const store::BlobCipher& cipher) {
  // `smp photo analyse` on the consultation's posed photos: tone, phototype, hair colour,
  // shades and hair coverage, kept as a new record.
  r.post(kAnalysisPath, Permission::take_photos, [&cipher](Call& call) {
    call.body().no_other_fields();
    const std::string id = call.path_part(1);
    const PosedPhotos posed = call.read([&](Connection& c) {
      PosedPhotos p = posed_photos(c, cipher, id);
      for (const store::Photo& photo : p.photos) call.audit_read(AuditAction::read, "photo_image", photo.id);
      return p;
    });
    std::vector<PhotoView> views;
    nlohmann::json used = nlohmann::json::object();
    for (std::size_t i = 0; i < posed.photos.size(); ++i) {
      PhotoView v;
      v.pose = parse_pose_json(posed.photos[i].pose_json, posed.photos[i].id);
      v.view = v.pose.view;
      v.dir = posed.photos[i].id;
      v.bgr8 = decode_stored_photo(posed.pngs[i]);
      views.push_back(std::move(v));
      used[posed.photos[i].view] = posed.photos[i].id;
    }
    const PhotoAnalysisResult result = analyse_posed_photos(posed.consultation_case, views, "consultation " + id);
    store::PhotoAnalysisRecord record;
    record.consultation_id = id;
    record.photo_ids_json = used.dump();
    std::map<std::string, std::string> pictures;
    for (const auto& [path, bytes] : result.files)
      if (path == "tone.json") record.tone_json = bytes;
      else pictures.emplace(path, bytes);
    return call.db.transaction(store::Access::write, [&](Connection& c) {
      const store::PhotoAnalysisRecord added = store::add_photo_analysis(c, cipher, record, pictures, call.user());
      store::append_audit(c, call.audit(AuditAction::create, "photo_analysis", added.id));
      return Reply(201, {{"analysis", analysis_json(added)}});
    });
  });

  r.get(kAnalysisPath, Permission::view_clinical_record, [](Call& call) {
    return call.read([&](Connection& c) {
      const std::optional<store::PhotoAnalysisRecord> a = store::latest_photo_analysis(c, call.path_part(1));
      if (!a) throw ApiError(404, "not_found", "the consultation's photos have not been analysed", "id");
      call.audit_read(AuditAction::read, "photo_analysis", a->id);
      return Reply(200, {{"analysis", analysis_json(*a)}});
    });
  });

  r.get(R"(/api/photo-analyses/(N-[0-9A-F]{10})/files/([a-z-]{1,40}\.png))", Permission::view_clinical_record,
        [&cipher](Call& call) {
          return call.read([&](Connection& c) {
            std::optional<std::string> bytes =
                store::photo_analysis_file(c, cipher, call.path_part(1), call.path_part(2));
            if (!bytes) throw ApiError(404, "not_found", "no such picture of " + call.path_part(1), "path");
            call.audit_read(AuditAction::read, "photo_analysis", call.path_part(1));
            Reply reply(200);
            reply.content_type = "image/png";
            reply.bytes = std::move(*bytes);
            reply.headers.emplace("Cache-Control", "private, no-store");
            return reply;
          });
        });
}

}  // namespace smp::server
