#ifndef TARGETWATCH_SERVICES_COMMON_WORKER_POOL_H_
#define TARGETWATCH_SERVICES_COMMON_WORKER_POOL_H_

#include <cstddef>
#include <deque>
#include <functional>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"

namespace targetwatch {

// A fixed number of threads running closures from a bounded queue: where
// the servers run work that blocks (hiredis), so that gRPC's own threads
// never wait on Redis. See docs/ARCHITECTURE.md for the measurements.
//
// Thread-safe. The destructor runs what is queued, then joins.
class WorkerPool {
 public:
  WorkerPool(int threads, size_t max_queued);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Queues `work`; false (and `work` dropped) when max_queued closures are
  // already waiting: the caller sheds the load instead of queueing forever.
  bool TryPost(std::function<void()> work);

 private:
  void Run();
  bool HasWorkOrStopping() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const size_t max_queued_;
  absl::Mutex mu_;
  std::deque<std::function<void()>> queue_ ABSL_GUARDED_BY(mu_);
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::vector<std::thread> threads_;
};

}  // namespace targetwatch

#endif  // TARGETWATCH_SERVICES_COMMON_WORKER_POOL_H_
