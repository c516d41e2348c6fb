#include "services/progress/progress_watchers.h"

namespace targetwatch {

int64_t ProgressWatchers::Add(const std::string& project_id, Listener listener) {
  absl::MutexLock lock(&mu_);
  int64_t token = next_++;
  entries_[token] = Entry{project_id, std::move(listener)};
  return token;
}

void ProgressWatchers::Remove(int64_t token) {
  absl::MutexLock lock(&mu_);
  entries_.erase(token);
}

// Listeners run under the lock, so that Remove waits for a running one;
// they only post work and return.
void ProgressWatchers::Notify(const std::string& project_id) {
  absl::MutexLock lock(&mu_);
  for (auto& [token, entry] : entries_) {
    if (entry.project_id == project_id) entry.listener();
  }
}

void ProgressWatchers::NotifyAll() {
  absl::MutexLock lock(&mu_);
  for (auto& [token, entry] : entries_) entry.listener();
}

size_t ProgressWatchers::size() const {
  absl::MutexLock lock(&mu_);
  return entries_.size();
}

}  // namespace targetwatch
