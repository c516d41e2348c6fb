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
  if (finished_) return;
  if (queue_.size() >= kMaxQueued) {
    FinishOnce(grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED,
                            "the watcher fell too far behind"));
    return;
  }
  queue_.push_back(event);
  MaybeWrite();
}

void AlertWatchReactor::MaybeWrite() {
  if (writing_ || queue_.empty() || finished_) return;
  current_ = std::move(queue_.front());
  queue_.pop_front();
  writing_ = true;
  StartWrite(&current_);
}

void AlertWatchReactor::FinishOnce(const grpc::Status& status) {
  if (finished_) return;
  finished_ = true;
  Finish(status);
}

void AlertWatchReactor::OnWriteDone(bool ok) {
  absl::MutexLock lock(&mu_);
  writing_ = false;
  if (!ok) {
    FinishOnce(grpc::Status(grpc::StatusCode::UNAVAILABLE, "stream broken"));
    return;
  }
  MaybeWrite();
}

void AlertWatchReactor::OnCancel() {
  absl::MutexLock lock(&mu_);
  FinishOnce(grpc::Status::CANCELLED);
}

void AlertWatchReactor::OnDone() {
  watchers_.Remove(this);
  delete this;
}

}  // namespace targetwatch
