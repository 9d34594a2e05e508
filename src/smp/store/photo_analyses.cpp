#include "smp/store/photo_analyses.h"

#include "smp/store/clock.h"
#include "smp/store/secrets.h"

namespace smp::store {
namespace {

std::string file_context(const std::string& id, const std::string& path) { return "photo-analysis/" + id + "/" + path; }

}  // namespace

PhotoAnalysisRecord add_photo_analysis(Connection& c, const BlobCipher& cipher, PhotoAnalysisRecord a,
                                       const std::map<std::string, std::string>& files, const User& by) {
  a.id = new_record_id("N-", 5);
  a.created_by = by.id;
  a.created_at_ms = now_unix_ms();
  c.query("INSERT INTO photo_analyses (id, consultation_id, photo_ids, tone_json, created_by, created_at_ms) "
          "VALUES (?, ?, ?, ?, ?, ?)",
          {a.id, a.consultation_id, a.photo_ids_json, a.tone_json, a.created_by, std::int64_t{a.created_at_ms}});
  a.files.clear();
  for (const auto& [path, bytes] : files) {
    c.query("INSERT INTO photo_analysis_files (analysis_id, path, sealed) VALUES (?, ?, ?)",
            {a.id, path, Blob{cipher.seal(bytes, file_context(a.id, path))}});
    a.files.push_back(path);
  }
  return a;
}

std::optional<PhotoAnalysisRecord> latest_photo_analysis(Connection& c, const std::string& consultation_id) {
  const Rows rows = c.query("SELECT id, consultation_id, photo_ids, tone_json, created_by, created_at_ms "
                            "FROM photo_analyses WHERE consultation_id = ? ORDER BY created_at_ms DESC, id LIMIT 1",
                            {consultation_id});
  if (rows.empty()) return std::nullopt;
  const Row& r = rows[0];
  PhotoAnalysisRecord a{r.text(0), r.text(1), r.text(2), r.text(3), {}, r.text(4), r.integer(5)};
  for (const Row& f : c.query("SELECT path FROM photo_analysis_files WHERE analysis_id = ? ORDER BY path", {a.id}))
    a.files.push_back(f.text(0));
  return a;
}

std::optional<std::string> photo_analysis_file(Connection& c, const BlobCipher& cipher, const std::string& id,
                                               const std::string& path) {
  const Rows rows =
      c.query("SELECT sealed FROM photo_analysis_files WHERE analysis_id = ? AND path = ?", {id, path});
  if (rows.empty()) return std::nullopt;
  return cipher.open(rows[0].blob(0), file_context(id, path));
}

}  // namespace smp::store
