#include "smp/server/live_designs.h"

namespace smp::server {

std::shared_ptr<KeptLiveDesign> LiveDesigns::slot(const std::string& consultation_id) {
  std::lock_guard lock(m_);
  for (auto it = kept_.begin(); it != kept_.end(); ++it)
    if (it->first == consultation_id) {
      kept_.splice(kept_.begin(), kept_, it);
      return kept_.front().second;
    }
  kept_.emplace_front(consultation_id, std::make_shared<KeptLiveDesign>());
  if (kept_.size() > kKeptLiveDesigns) kept_.pop_back();
  return kept_.front().second;
}

}  // namespace smp::server
