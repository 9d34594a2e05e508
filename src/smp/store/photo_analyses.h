// A consultation's photo analyses: what `smp photo analyse` measured on its posed photos
// (tone.json) and its pictures, sealed; the latest is the consultation's.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "smp/store/blob_cipher.h"
#include "smp/store/users.h"

namespace smp::store {

struct PhotoAnalysisRecord {
  std::string id, consultation_id;
  std::string photo_ids_json, tone_json;
  std::vector<std::string> files;  // their paths
  std::string created_by;
  long long created_at_ms = 0;
};

PhotoAnalysisRecord add_photo_analysis(Connection& c, const BlobCipher& cipher, PhotoAnalysisRecord a,
                                       const std::map<std::string, std::string>& files, const User& by);
std::optional<PhotoAnalysisRecord> latest_photo_analysis(Connection& c, const std::string& consultation_id);
// A picture's plain bytes; nothing if there is none.
std::optional<std::string> photo_analysis_file(Connection& c, const BlobCipher& cipher, const std::string& id,
                                               const std::string& path);

}  // namespace smp::store
