// Clinic photos through the API: uploaded as a phone sends them, sealed at rest with the
// original's hash, decoded only under the pixel limit, landmarks suggested and placed, the
// head's pose fitted to them.
#include <zlib.h>

#include <fstream>

#include "api_fixture.h"
#include "smp/jobs/photo_jobs.h"
#include "smp/photo/photo_landmarks.h"
#include "smp/store/secrets.h"

namespace smp {
namespace {

class PhotoApi : public Api {};
INSTANTIATE_TEST_SUITE_P(Engines, PhotoApi, ::testing::Values(Engine::sqlite, Engine::postgresql),
                         testing::engine_name);

std::string file_bytes(const std::filesystem::path& p) { return read_text_file(p.string(), "test file"); }

std::string astronaut() { return file_bytes(std::string(SMP_SOURCE_DIR) + "/examples/photos/astronaut-face.jpg"); }

// A PNG chunk: length, type, data, CRC-32 of type and data.
std::string png_chunk(const std::string& type, const std::string& data) {
  std::string chunk;
  for (int shift = 24; shift >= 0; shift -= 8) chunk += static_cast<char>((data.size() >> shift) & 0xff);
  const std::string body = type + data;
  const uLong crc = crc32(0, reinterpret_cast<const Bytef*>(body.data()), static_cast<uInt>(body.size()));
  chunk += body;
  for (int shift = 24; shift >= 0; shift -= 8) chunk += static_cast<char>((crc >> shift) & 0xff);
  return chunk;
}

// A decompression bomb: a well-formed PNG of a few hundred bytes whose header claims
// 100000 x 100000 px (10 gigapixels, 30 GB decoded); its one IDAT inflates 1 MB of zeros.
std::string png_bomb() {
  const std::string zeros(1 << 20, '\0');
  std::string idat(compressBound(zeros.size()), '\0');
  uLongf size = idat.size();
  compress(reinterpret_cast<Bytef*>(idat.data()), &size, reinterpret_cast<const Bytef*>(zeros.data()), zeros.size());
  idat.resize(size);
  const std::string ihdr("\0\x01\x86\xa0\0\x01\x86\xa0\x08\x02\0\0\0", 13);
  return "\x89PNG\r\n\x1a\n" + png_chunk("IHDR", ihdr) + png_chunk("IDAT", idat) + png_chunk("IEND", "");
}

// A gzip body of `inflated` zero bytes (100 MB deflate to about 100 KB).
std::string gzip_bomb(std::size_t inflated) {
  z_stream z{};
  deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY);  // +16: a gzip wrapper
  const std::string chunk(1 << 20, '\0');
  std::string out;
  char buf[1 << 16];
  for (std::size_t done = 0; done < inflated; done += chunk.size()) {
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(chunk.data()));
    z.avail_in = static_cast<uInt>(chunk.size());
    const int flush = done + chunk.size() >= inflated ? Z_FINISH : Z_NO_FLUSH;
    do {
      z.next_out = reinterpret_cast<Bytef*>(buf);
      z.avail_out = sizeof buf;
      deflate(&z, flush);
      out.append(buf, sizeof buf - z.avail_out);
    } while (z.avail_out == 0);
  }
  deflateEnd(&z);
  return out;
}

TEST_P(PhotoApi, ACompressedBodyIsRefusedBeforeItIsInflated) {
  ApiClient tech = signed_in("tech"), doctor = signed_in("doctor"), desk = signed_in("desk");
  const std::string consultation = open_consultation(doctor, desk, example_case("norwood3-soft-hairline.toml"));
  const std::string bomb = gzip_bomb(100u << 20);
  ASSERT_LT(bomb.size(), 200000u);
  httplib::Client http("127.0.0.1", server_->port());
  for (const std::string path : {"/api/consultations/" + consultation + "/photos?view=front", std::string("/api/login")}) {
    httplib::Headers headers = {{"Content-Encoding", "gzip"}};
    const httplib::Result r = http.Post(path.c_str(), headers, bomb, "application/json");
    ASSERT_TRUE(r) << path;
    EXPECT_EQ(r->status, 415) << path;
    EXPECT_EQ(nlohmann::json::parse(r->body)["error"]["field"], "Content-Encoding") << path;
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM photos"), 0);
}

TEST_P(PhotoApi, APhotoIsStoredSealedWithItsOriginalsHashAndReadBackAsSent) {
  ApiClient tech = signed_in("tech"), doctor = signed_in("doctor"), desk = signed_in("desk");
  const std::string consultation = open_consultation(doctor, desk, example_case("norwood3-soft-hairline.toml"));
  const std::string jpeg = astronaut();
  const Answer up = tech.send("POST",
                              "/api/consultations/" + consultation +
                                  "/photos?view=front&taken_on=2026-11-30&file_name=IMG_0412.JPG",
                              jpeg, "image/jpeg");
  ASSERT_EQ(up.status, 201) << up.body;
  const nlohmann::json p = up.json["photo"];
  EXPECT_EQ(p["view"], "front");
  EXPECT_EQ(p["taken_on"], "2026-11-30");
  EXPECT_EQ(p["format"], "JPEG");
  EXPECT_EQ(p["width_px"], 512);
  EXPECT_EQ(p["height_px"], 512);
  EXPECT_EQ(p["original_size_bytes"], static_cast<long long>(jpeg.size()));
  EXPECT_EQ(p["original_sha256"], store::sha256_hex(jpeg));
  EXPECT_TRUE(p["landmarks"].is_null());

  // The file as sent, byte for byte; the working image an upright PNG of the same size.
  const Answer original = doctor.get("/api/photos/" + p["id"].get<std::string>() + "/original");
  ASSERT_EQ(original.status, 200);
  EXPECT_EQ(original.header("Content-Type"), "image/jpeg");
  EXPECT_EQ(original.body, jpeg);
  const Answer image = doctor.get("/api/photos/" + p["id"].get<std::string>() + "/image");
  ASSERT_EQ(image.status, 200);
  EXPECT_EQ(image.header("Content-Type"), "image/png");
  const cv::Mat pixels = decode_stored_photo(image.body);
  EXPECT_EQ(pixels.cols, 512);
  EXPECT_EQ(pixels.rows, 512);
  const Answer preview = doctor.get("/api/photos/" + p["id"].get<std::string>() + "/image?max_px=128");
  const cv::Mat small = decode_stored_photo(preview.body);
  EXPECT_EQ(small.cols, 128);
  EXPECT_EQ(small.rows, 128);

  // Sealed at rest: no 64-byte run of the JPEG is in the database row.
  const std::string sealed = open_store()->transaction(store::Access::read, [&](store::Connection& c) {
    return c.query("SELECT original_sealed FROM photos WHERE id = ?", {p["id"].get<std::string>()}).at(0).blob(0);
  });
  EXPECT_GE(sealed.size(), jpeg.size());
  for (std::size_t at = 0; at + 64 < jpeg.size(); at += 4096)
    EXPECT_EQ(sealed.find(jpeg.substr(at, 64)), std::string::npos) << "plain bytes at " << at;

  // Listed on the consultation and on the patient; every read audited; the front desk
  // sees no clinical photo.
  EXPECT_EQ(doctor.get("/api/consultations/" + consultation + "/photos").json["photos"].size(), 1u);
  EXPECT_EQ(doctor.get("/api/patients/" + p["patient_id"].get<std::string>() + "/photos").json["photos"].size(), 1u);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE entity IN ('photo_original', 'photo_image')"), 3);
  EXPECT_EQ(desk.get("/api/photos/" + p["id"].get<std::string>() + "/image").status, 403);
  EXPECT_EQ(desk.send("POST", "/api/consultations/" + consultation + "/photos?view=top", jpeg, "image/jpeg").status, 403);
}

TEST_P(PhotoApi, WhatIsNotAPhotoIsRefusedNamingTheFieldAndNothingIsWritten) {
  ApiClient tech = signed_in("tech"), doctor = signed_in("doctor"), desk = signed_in("desk");
  const std::string consultation = open_consultation(doctor, desk, example_case("norwood3-soft-hairline.toml"));
  const std::string base = "/api/consultations/" + consultation + "/photos";
  const std::string jpeg = astronaut();
  struct Bad {
    std::string query, body, field, says;
  };
  const std::vector<Bad> cases = {
      {"?view=front", png_bomb(), "file", "megapixels"},
      {"?view=front", jpeg.substr(0, jpeg.size() / 3), "file", ""},
      {"?view=front", "GIF89a not a photo", "file", "not JPEG, PNG or HEIC"},
      {"?view=front", "", "file", "empty"},
      {"?view=crown", jpeg, "view", "front, top, back, left or right"},
      {"", jpeg, "view", ""},
      {"?view=front&taken_on=2026-13-01", jpeg, "taken_on", "YYYY-MM-DD"},
      {"?view=front&taken_on=2099-01-01", jpeg, "taken_on", "future"},
      {"?view=front&file_name=..%2F..%2Fetc%2Fpasswd", jpeg, "file_name", "not a path"},
  };
  for (const Bad& b : cases) {
    const Answer a = tech.send("POST", base + b.query, b.body, "image/jpeg");
    EXPECT_EQ(a.status, 400) << b.query << ": " << a.body;
    EXPECT_EQ(a.error_field(), b.field) << b.query << ": " << a.body;
    EXPECT_NE(a.json["error"]["message"].get<std::string>().find(b.says), std::string::npos) << a.body;
  }
  EXPECT_EQ(tech.send("POST", "/api/consultations/C-0000000000/photos?view=front", jpeg, "image/jpeg").status, 404);
  EXPECT_EQ(count("SELECT COUNT(*) FROM photos"), 0);
}

TEST_P(PhotoApi, SuggestedLandmarksFallOnTheEyesAndPlacedOnesPoseTheHead) {
  ApiClient tech = signed_in("tech"), doctor = signed_in("doctor"), desk = signed_in("desk");
  const std::string consultation = open_consultation(doctor, desk, example_case("norwood3-soft-hairline.toml"));
  // A real face: the pupils within 3 px of the hand-checked points (examples/photos/README.md).
  const Answer face = tech.send("POST", "/api/consultations/" + consultation + "/photos?view=front", astronaut(),
                                "image/jpeg");
  ASSERT_EQ(face.status, 201) << face.body;
  const Answer s = tech.get("/api/photos/" + face.json["photo"]["id"].get<std::string>() + "/landmark-suggestions");
  ASSERT_EQ(s.status, 200) << s.body;
  EXPECT_EQ(s.json["faces_found"], 1);
  EXPECT_NEAR(s.json["points"]["pupil_right"]["x_px"].get<double>(), 203.5, 3);
  EXPECT_NEAR(s.json["points"]["pupil_right"]["y_px"].get<double>(), 100.5, 3);
  EXPECT_NEAR(s.json["points"]["pupil_left"]["x_px"].get<double>(), 247.0, 3);
  EXPECT_NEAR(s.json["points"]["pupil_left"]["y_px"].get<double>(), 103.0, 3);

  // The model head photographed with its true landmarks: the pose fits within a pixel.
  const std::filesystem::path synth = testing::fresh_dir("synth");
  std::string out;
  ASSERT_EQ(testing::run_smp({"photo", "synth", std::string(SMP_SOURCE_DIR) + "/examples/norwood3-soft-hairline.toml",
                              "--out", synth.string(), "--width", "800", "--height", "600"},
                             "", &out),
            0)
      << out;
  const Answer up = tech.send("POST", "/api/consultations/" + consultation + "/photos?view=front&file_name=front.png",
                              file_bytes(synth / "front" / "photo.png"), "image/png");
  ASSERT_EQ(up.status, 201) << up.body;
  const std::string id = up.json["photo"]["id"];
  const PhotoLandmarks truth = load_photo_landmarks((synth / "front" / "landmarks.toml").string());
  nlohmann::json points = nlohmann::json::object();
  for (const auto& [which, pt] : truth.points) points[std::string(name(which))] = {{"x_px", pt.x_px}, {"y_px", pt.y_px}};
  const Answer placed =
      tech.put("/api/photos/" + id + "/landmarks", {{"version", 1}, {"points", points}, {"focal_px", truth.focal_px}});
  ASSERT_EQ(placed.status, 200) << placed.body;
  const nlohmann::json pose = placed.json["photo"]["pose"];
  EXPECT_TRUE(pose["refused"].is_null()) << pose.dump();
  EXPECT_LT(pose["reprojection"]["rms_px"].get<double>(), 1.0) << pose.dump();
  EXPECT_EQ(pose["scale"]["source"], "interpupillary distance");
  EXPECT_EQ(placed.json["photo"]["version"], 2);
  EXPECT_EQ(placed.json["photo"]["landmarks"]["points"].size(), truth.points.size());

  // The right and left canthi swapped: the fit is kept, refused, with its reason.
  std::swap(points["lateral_canthus_left"], points["lateral_canthus_right"]);
  std::swap(points["ear_canal_left"], points["ear_canal_right"]);
  const Answer swapped = tech.put("/api/photos/" + id + "/landmarks", {{"version", 2}, {"points", points}});
  ASSERT_EQ(swapped.status, 200) << swapped.body;
  EXPECT_TRUE(swapped.json["photo"]["pose"]["refused"].is_string()) << swapped.body;

  // A stale edit, a point off the photo, too few points, an unknown landmark: nothing changes.
  EXPECT_EQ(tech.put("/api/photos/" + id + "/landmarks", {{"version", 2}, {"points", points}}).status, 409);
  nlohmann::json off = points;
  off["glabella"]["x_px"] = 801;
  const Answer outside = tech.put("/api/photos/" + id + "/landmarks", {{"version", 3}, {"points", off}});
  EXPECT_EQ(outside.status, 400);
  EXPECT_EQ(outside.error_field(), "points.glabella");
  const Answer few = tech.put("/api/photos/" + id + "/landmarks",
                              {{"version", 3}, {"points", {{"glabella", points["glabella"]}, {"nasion", points["nasion"]}}}});
  EXPECT_EQ(few.status, 400);
  EXPECT_EQ(few.error_field(), "points");
  nlohmann::json unknown = points;
  unknown["chin"] = {{"x_px", 1}, {"y_px", 1}};
  EXPECT_EQ(tech.put("/api/photos/" + id + "/landmarks", {{"version", 3}, {"points", unknown}}).error_field(),
            "points.chin");
  EXPECT_EQ(doctor.get("/api/photos/" + id).json["photo"]["version"], 3);

  // Four points bunched on a line in a corner fit a head metres away: refused, saying why.
  const Answer bunched = tech.put("/api/photos/" + id + "/landmarks",
                                  {{"version", 3},
                                   {"points", {{"glabella", {{"x_px", 1}, {"y_px", 1}}},
                                               {"nasion", {{"x_px", 2}, {"y_px", 2}}},
                                               {"lateral_canthus_left", {{"x_px", 3}, {"y_px", 3}}},
                                               {"lateral_canthus_right", {{"x_px", 4}, {"y_px", 4}}}}}});
  ASSERT_EQ(bunched.status, 200) << bunched.body;
  EXPECT_NE(bunched.json["photo"]["pose"]["refused"].get<std::string>().find("too close together"), std::string::npos)
      << bunched.body;

  // Suggestions are for front photos.
  const Answer top = tech.send("POST", "/api/consultations/" + consultation + "/photos?view=top",
                               file_bytes(synth / "top" / "photo.png"), "image/png");
  EXPECT_EQ(tech.get("/api/photos/" + top.json["photo"]["id"].get<std::string>() + "/landmark-suggestions").status, 422);
}

}  // namespace
}  // namespace smp

namespace smp {
namespace {

// The server's analysis of a consultation's posed photos is `smp photo analyse`'s on the
// same photos and landmarks.
TEST_P(PhotoApi, TheConsultationsPhotoAnalysisIsTheCommandLinesOnTheSamePhotos) {
  ApiClient tech = signed_in("tech"), doctor = signed_in("doctor"), desk = signed_in("desk");
  const std::string example = std::string(SMP_SOURCE_DIR) + "/examples/norwood3-soft-hairline.toml";
  const std::string consultation = open_consultation(doctor, desk, example_case("norwood3-soft-hairline.toml"));
  const std::string analysis = "/api/consultations/" + consultation + "/photo-analysis";
  const std::filesystem::path synth = testing::fresh_dir("analyse");
  std::string out;
  ASSERT_EQ(testing::run_smp({"photo", "synth", example, "--out", synth.string(), "--width", "800", "--height", "600"}, "",
                             &out),
            0)
      << out;
  for (const char* view : {"front", "top", "left", "right", "back"}) {
    const Answer up = tech.send("POST", "/api/consultations/" + consultation + "/photos?view=" + view,
                                read_text_file((synth / view / "photo.png").string(), "photo"), "image/png");
    ASSERT_EQ(up.status, 201) << up.body;
    if (std::string(view) == "front") EXPECT_EQ(tech.post(analysis, nlohmann::json::object()).status, 422) << "no pose yet";
    const PhotoLandmarks truth = load_photo_landmarks((synth / view / "landmarks.toml").string());
    nlohmann::json points = nlohmann::json::object();
    for (const auto& [which, pt] : truth.points) points[std::string(name(which))] = {{"x_px", pt.x_px}, {"y_px", pt.y_px}};
    const Answer placed = tech.put("/api/photos/" + up.json["photo"]["id"].get<std::string>() + "/landmarks",
                                   {{"version", 1}, {"points", points}, {"focal_px", truth.focal_px},
                                    {"interpupillary_mm", truth.interpupillary_mm}});
    ASSERT_EQ(placed.status, 200) << placed.body;
    ASSERT_TRUE(placed.json["photo"]["pose"]["refused"].is_null()) << view << ": " << placed.body;
    ASSERT_EQ(testing::run_smp({"photo", "fit", (synth / view).string(), "--case", example}, "", &out), 0) << out;
  }
  ASSERT_EQ(testing::run_smp({"photo", "analyse", synth.string(), "--case", example}, "", &out), 0) << out;
  const nlohmann::json cli = nlohmann::json::parse(read_text_file((synth / "tone.json").string(), "tone"));

  EXPECT_EQ(desk.post(analysis, nlohmann::json::object()).status, 403);
  const Answer a = tech.post(analysis, nlohmann::json::object());
  ASSERT_EQ(a.status, 201) << a.body;
  const nlohmann::json tone = a.json["analysis"]["tone"];
  EXPECT_EQ(a.json["analysis"]["photos"].size(), 5u);
  EXPECT_EQ(tone["phototype"], cli["phototype"]);
  EXPECT_EQ(tone["phototype"], tone["case_phototype"]);
  EXPECT_EQ(tone["hair_colour"], cli["hair_colour"]);
  EXPECT_EQ(tone["shades"], cli["shades"]);
  for (std::size_t channel = 0; channel < 3; ++channel)  // L*, a*, b*
    EXPECT_NEAR(tone["skin_lab"][channel].get<double>(), cli["skin_lab"][channel].get<double>(), 0.05) << channel;
  EXPECT_NEAR(tone["hair_coverage"]["seen_fraction"].get<double>(), cli["hair_coverage"]["seen_fraction"].get<double>(),
              0.002);
  const Answer latest = doctor.get(analysis);
  ASSERT_EQ(latest.status, 200);
  EXPECT_EQ(latest.json["analysis"]["id"], a.json["analysis"]["id"]);
  const Answer mask = doctor.get("/api/photo-analyses/" + a.json["analysis"]["id"].get<std::string>() +
                                 "/files/hair-coverage.png");
  ASSERT_EQ(mask.status, 200);
  EXPECT_EQ(mask.body, read_text_file((synth / "hair-coverage.png").string(), "mask"));
}

}  // namespace
}  // namespace smp
