#ifndef TARGETWATCH_SERVICES_SERVER_QUEUED_WRITER_H_
#define TARGETWATCH_SERVICES_SERVER_QUEUED_WRITER_H_

#include <cstddef>
#include <deque>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "grpcpp/support/server_callback.h"

namespace targetwatch {

// The write side of a server stream of the callback API: messages may be
// handed over from any thread, are written one at a time in order, and the
// stream finishes once. Subclasses add what to send and when, and delete
// themselves in OnDone.
template <typename T>
class QueuedWriter : public grpc::ServerWriteReactor<T> {
 public:
  void OnWriteDone(bool ok) override {
    absl::MutexLock lock(&mu_);
    writing_ = false;
    if (!ok) {
      FinishLocked(grpc::Status(grpc::StatusCode::UNAVAILABLE, "stream broken"));
      return;
    }
    WriteNextLocked();
  }

  void OnCancel() override {
    absl::MutexLock lock(&mu_);
    FinishLocked(grpc::Status::CANCELLED);
  }

 protected:
  // Queues `message`. With `newest_only`, a message still waiting is
  // replaced (the reader wants the latest state, not every step). A reader
  // more than `max_queued` behind is cut off with RESOURCE_EXHAUSTED.
  void SendLocked(T message, bool newest_only, size_t max_queued)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    if (finished_) return;
    if (newest_only) queue_.clear();
    if (queue_.size() >= max_queued) {
      FinishLocked(grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED,
                                "the reader fell too far behind"));
      return;
    }
    queue_.push_back(std::move(message));
    WriteNextLocked();
  }

  void FinishLocked(const grpc::Status& status) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    if (finished_) return;
    finished_ = true;
    this->Finish(status);
  }

  bool finished() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return finished_; }

  absl::Mutex mu_;

 private:
  void WriteNextLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    if (writing_ || queue_.empty() || finished_) return;
    current_ = std::move(queue_.front());
    queue_.pop_front();
    writing_ = true;
    this->StartWrite(&current_);
  }

  std::deque<T> queue_ ABSL_GUARDED_BY(mu_);
  bool writing_ ABSL_GUARDED_BY(mu_) = false;
  bool finished_ ABSL_GUARDED_BY(mu_) = false;
  T current_;  // alive until OnWriteDone
};

}  // namespace targetwatch

#endif  // TARGETWATCH_SERVICES_SERVER_QUEUED_WRITER_H_
