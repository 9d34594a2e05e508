#include <chrono>
#include <cmath>

#include <fmt/format.h>

#include "smp/jobs/photo_jobs.h"
#include "smp/server/api_error.h"
#include "smp/server/api_routes.h"
#include "smp/server/clinic_contact.h"
#include "smp/store/clock.h"
#include "smp/store/photos.h"
#include "smp/store/secrets.h"

namespace smp::server {
namespace {

using store::AuditAction;
using store::Connection;

// A follow-up shows the result once healed: true colour comes at about a month (domain.md).
constexpr int kMinDaysAfterBaseline = 28;

// A before/after pair: a patient's first top or back photo and the latest of the same view
// taken at least kMinDaysAfterBaseline days later. Its id is a signature of the two photos'
// ids, so the gallery shows neither a photo's nor a patient's id.
struct GalleryPair {
  std::string id;
  store::Photo baseline, followup;
  int days_between = 0;
};

int days_between(const std::string& a, const std::string& b) {
  using std::chrono::sys_days;
  return static_cast<int>((sys_days(*store::parse_date(b)) - sys_days(*store::parse_date(a))).count());
}

std::vector<GalleryPair> gallery_pairs(Connection& c, const store::BlobCipher& signer) {
  const std::vector<store::Photo> photos = store::gallery_photos(c);
  std::vector<GalleryPair> pairs;
  for (std::size_t first = 0; first < photos.size();) {
    std::size_t end = first;
    while (end < photos.size() && photos[end].patient_id == photos[first].patient_id &&
           photos[end].view == photos[first].view)
      ++end;
    const store::Photo& baseline = photos[first];
    for (std::size_t later = end; later-- > first + 1;)
      if (days_between(baseline.taken_on, photos[later].taken_on) >= kMinDaysAfterBaseline) {
        pairs.push_back({"G-" + signer.sign("gallery:" + baseline.id + ":" + photos[later].id).substr(0, 20), baseline,
                         photos[later], days_between(baseline.taken_on, photos[later].taken_on)});
        break;
      }
    first = end;
  }
  return pairs;
}

GalleryPair existing(Connection& c, const store::BlobCipher& signer, const std::string& id) {
  for (GalleryPair& p : gallery_pairs(c, signer))
    if (p.id == id) return p;
  throw ApiError(404, "not_found", "no gallery picture " + id + " (the patient's consent may have been withdrawn)", "id");
}

nlohmann::json pair_json(const GalleryPair& p, const std::string& clinic) {
  return {{"id", p.id},
          {"view", p.baseline.view},
          {"clinic", clinic},
          {"before_taken_on", p.baseline.taken_on},
          {"after_taken_on", p.followup.taken_on},
          {"days_between", p.days_between}};
}

// Both photos opened, the originals checked against the hashes taken at upload, the
// follow-up aligned onto the baseline (photo_jobs' alignment, as `smp photo align`).
struct OpenedPair {
  bool before_unedited = false, after_unedited = false;
  FollowupResult aligned;
};

OpenedPair opened(Connection& c, const store::BlobCipher& cipher, const GalleryPair& p, const std::string& clinic) {
  OpenedPair o;
  o.before_unedited = store::sha256_hex(*store::photo_file(c, cipher, p.baseline.id, store::PhotoFile::original)) ==
                      p.baseline.original_sha256;
  o.after_unedited = store::sha256_hex(*store::photo_file(c, cipher, p.followup.id, store::PhotoFile::original)) ==
                     p.followup.original_sha256;
  const cv::Mat before = decode_stored_photo(*store::photo_file(c, cipher, p.baseline.id, store::PhotoFile::image));
  const cv::Mat after = decode_stored_photo(*store::photo_file(c, cipher, p.followup.id, store::PhotoFile::image));
  // What a patient reads under the picture: which is which, when, and that it is untouched.
  o.aligned = align_followup_photos(
      before, after, nullptr, nullptr, "before", "after",
      fmt::format("Before ({}), left; after ({}, {} days later), right: the same {} view, aligned, not retouched{}",
                  p.baseline.taken_on, p.followup.taken_on, p.days_between, p.baseline.view,
                  clinic.empty() ? "" : " - " + clinic));
  return o;
}

}  // namespace

void add_gallery_api(Router& r, const store::BlobCipher& cipher) {
  r.get("/api/gallery", Permission::view_gallery, [&cipher](Call& call) {
    return call.read([&](Connection& c) {
      const std::string clinic = clinic_contact(c).name;
      nlohmann::json list = nlohmann::json::array();
      for (const GalleryPair& p : gallery_pairs(c, cipher)) list.push_back(pair_json(p, clinic));
      call.audit_read(AuditAction::read, "gallery", "");
      return Reply(200, {{"pairs", list}});
    });
  });

  // A pair's provenance: dates, whether each original is as it was uploaded, how the
  // follow-up was aligned (or why it could not be).
  r.get(R"(/api/gallery/(G-[0-9a-f]{20}))", Permission::view_gallery, [&cipher](Call& call) {
    return call.read([&](Connection& c) {
      const GalleryPair p = existing(c, cipher, call.path_part(1));
      const std::string clinic = clinic_contact(c).name;
      const OpenedPair o = opened(c, cipher, p, clinic);
      const PhotoAlignment& a = o.aligned.alignment;
      nlohmann::json j = pair_json(p, clinic);
      j["unedited"] = {{"before", o.before_unedited}, {"after", o.after_unedited}};
      j["alignment"] = {{"method", a.method},
                        {"rotation_deg", a.rotation_deg},
                        {"scale", a.scale},
                        {"shift_px", a.shift_px},
                        {"ecc", std::isfinite(a.ecc) ? nlohmann::json(a.ecc) : nlohmann::json(nullptr)},
                        {"refused", a.refused ? nlohmann::json(*a.refused) : nlohmann::json(nullptr)}};
      call.audit_read(AuditAction::read, "gallery", p.id);
      return Reply(200, {{"pair", j}});
    });
  });

  // Before and after side by side, the after photo aligned onto the before one.
  r.get(R"(/api/gallery/(G-[0-9a-f]{20})/side-by-side\.jpg)", Permission::view_gallery, [&cipher](Call& call) {
    return call.read([&](Connection& c) {
      const GalleryPair p = existing(c, cipher, call.path_part(1));
      const OpenedPair o = opened(c, cipher, p, clinic_contact(c).name);
      if (o.aligned.alignment.refused)
        throw ApiError(422, "not_aligned", "the photos cannot be aligned: " + *o.aligned.alignment.refused, "id");
      call.audit_read(AuditAction::read, "gallery", p.id);
      Reply reply(200);
      reply.content_type = "image/jpeg";
      reply.bytes = o.aligned.files.at("side-by-side.jpg");
      reply.headers.emplace("Cache-Control", "private, no-store");
      return reply;
    });
  });
}

}  // namespace smp::server
