// The consultations' live designs, kept in memory between a screen's edits (docs/server.md
// "Live design"): one per consultation, at most kKeptLiveDesigns, the least recently used
// dropped. They are a cache: each is rebuilt from the stored case when it is missing or
// older than the case (another server sharing the database edited it).
#pragma once

#include <list>
#include <memory>
#include <mutex>
#include <string>

#include "smp/jobs/live_design.h"

namespace smp::server {

// A design with its raster holds 25-40 MB (the server's resident memory grew by that as
// each demo consultation's design was opened): six keep the server under about 250 MB more.
inline constexpr std::size_t kKeptLiveDesigns = 6;

struct KeptLiveDesign {
  std::mutex edit;  // held through a build or an edit: one at a time per consultation
  long long case_version = -1;
  // Previewed edits since the last save: a reload shows the case, not a drag that was
  // never dropped, so the design is planned again from it.
  bool unsaved_edits = false;
  std::unique_ptr<LiveDesign> design;  // null until built, and after a failed edit
};

class LiveDesigns {
 public:
  // The consultation's slot, made when new; the slot stays valid for its holder after
  // it is dropped from the cache.
  std::shared_ptr<KeptLiveDesign> slot(const std::string& consultation_id);

 private:
  std::mutex m_;
  std::list<std::pair<std::string, std::shared_ptr<KeptLiveDesign>>> kept_;  // most recent first
};

}  // namespace smp::server
