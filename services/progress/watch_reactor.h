#ifndef TARGETWATCH_SERVICES_PROGRESS_WATCH_REACTOR_H_
#define TARGETWATCH_SERVICES_PROGRESS_WATCH_REACTOR_H_

#include <string>

#include "absl/synchronization/mutex.h"
#include "services/server/queued_writer.h"
#include "services/common/worker_pool.h"
#include "services/progress/progress.h"
#include "services/progress/progress_watchers.h"
#include "targetwatch/v1/progress.pb.h"

namespace targetwatch {

// One WatchProgress stream: sends the project's progress at once, then
// again whenever a report changes it (one message per new version; a
// burst of reports may be folded into one message). Progress is computed
// on the worker pool. Deletes itself when the call is done.
class WatchReactor final : public QueuedWriter<v1::ProjectProgress> {
 public:
  WatchReactor(Progress& progress, WorkerPool& workers, ProgressWatchers& watchers,
               std::string project_name, std::string project_id);

  void OnDone() override;

 private:
  void Refresh();
  void Compute();

  Progress& progress_;
  WorkerPool& workers_;
  ProgressWatchers& watchers_;
  const std::string project_name_;
  int64_t token_ = 0;

  bool computing_ ABSL_GUARDED_BY(mu_) = false;
  bool dirty_ ABSL_GUARDED_BY(mu_) = false;
  bool done_ ABSL_GUARDED_BY(mu_) = false;
  int64_t sent_version_ ABSL_GUARDED_BY(mu_) = -1;
};

}  // namespace targetwatch

#endif  // TARGETWATCH_SERVICES_PROGRESS_WATCH_REACTOR_H_
