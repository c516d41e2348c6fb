#include "services/alerting/alert_watch.h"

namespace targetwatch {

void AlertWatchers::Add(AlertWatchReactor* watcher) {
  absl::MutexLock lock(&mu_);
  watchers_[watcher] = true;
}

void AlertWatchers::Remove(AlertWatchReactor* watcher) {
  absl::MutexLock lock(&mu_);
  watchers_.erase(watcher);
}

void AlertWatchers::Publish(const v1::AlertEvent& event) {
  absl::MutexLock lock(&mu_);  // held: Remove waits for a delivery in progress
  for (auto& [watcher, unused] : watchers_) watcher->Deliver(event);
}

size_t AlertWatchers::size() const {
  absl::MutexLock lock(&mu_);
  return watchers_.size();
}

AlertWatchReactor::AlertWatchReactor(AlertWatchers& watchers, AlertFilter filter)
    : watchers_(watchers), filter_(std::move(filter)) {
  watchers_.Add(this);
}

void AlertWatchReactor::Deliver(const v1::AlertEvent& event) {
  if (!Matches(event.alert(), filter_)) return;
  absl::MutexLock lock(&mu_);
  SendLocked(event, /*newest_only=*/false, kMaxQueued);
}

void AlertWatchReactor::OnDone() {
  watchers_.Remove(this);
  delete this;
}

}  // namespace targetwatch
