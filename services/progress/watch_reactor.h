#ifndef TARGETWATCH_SERVICES_PROGRESS_WATCH_REACTOR_H_
#define TARGETWATCH_SERVICES_PROGRESS_WATCH_REACTOR_H_

#include <string>

#include "absl/synchronization/mutex.h"
#include "grpcpp/support/server_callback.h"
#include "services/common/worker_pool.h"
#include "services/progress/progress.h"
#include "services/progress/progress_watchers.h"
#include "targetwatch/v1/progress.pb.h"

namespace targetwatch {

// One WatchProgress stream: sends the project's progress at once, then
// again whenever a report changes it (one message per new version; a
// burst of reports may be folded into one message). Progress is computed
// on the worker pool. Deletes itself when the call is done.
class WatchReactor final : public grpc::ServerWriteReactor<v1::ProjectProgress> {
 public:
  WatchReactor(Progress& progress, WorkerPool& workers, ProgressWatchers& watchers,
               std::string project_name, std::string project_id);

  void OnWriteDone(bool ok) override;
  void OnCancel() override;
  void OnDone() override;

 private:
  void Refresh();
  void Compute();
  // Starts the next write if one is waiting; with mu_ held.
  void MaybeWrite() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void FinishOnce(const grpc::Status& status) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  Progress& progress_;
  WorkerPool& workers_;
  ProgressWatchers& watchers_;
  const std::string project_name_;
  int64_t token_ = 0;

  absl::Mutex mu_;
  bool computing_ ABSL_GUARDED_BY(mu_) = false;
  bool dirty_ ABSL_GUARDED_BY(mu_) = false;
  bool writing_ ABSL_GUARDED_BY(mu_) = false;
  bool finished_ ABSL_GUARDED_BY(mu_) = false;
  bool done_ ABSL_GUARDED_BY(mu_) = false;
  bool has_pending_ ABSL_GUARDED_BY(mu_) = false;
  int64_t sent_version_ ABSL_GUARDED_BY(mu_) = -1;
  v1::ProjectProgress pending_ ABSL_GUARDED_BY(mu_);
  v1::ProjectProgress writing_message_;  // alive until OnWriteDone
};

}  // namespace targetwatch

#endif  // TARGETWATCH_SERVICES_PROGRESS_WATCH_REACTOR_H_
