#include "services/progress/watch_reactor.h"

#include "services/common/grpc_status.h"

namespace targetwatch {

WatchReactor::WatchReactor(Progress& progress, WorkerPool& workers,
                           ProgressWatchers& watchers, std::string project_name,
                           std::string project_id)
    : progress_(progress),
      workers_(workers),
      watchers_(watchers),
      project_name_(std::move(project_name)) {
  token_ = watchers_.Add(project_id, [this] { Refresh(); });
  Refresh();
}

void WatchReactor::Refresh() {
  absl::MutexLock lock(&mu_);
  if (finished()) return;
  if (computing_) {
    dirty_ = true;  // compute again when the running computation ends
    return;
  }
  computing_ = true;
  if (!workers_.TryPost([this] { Compute(); })) {
    computing_ = false;
    dirty_ = true;  // the next change tries again
  }
}

void WatchReactor::Compute() {
  v1::GetProjectProgressRequest request;
  request.set_name(project_name_);
  absl::StatusOr<v1::ProjectProgress> progress = progress_.GetProjectProgress(request);
  bool delete_now = false;
  {
    absl::MutexLock lock(&mu_);
    computing_ = false;
    if (done_) {
      delete_now = true;
    } else if (!finished()) {
      if (!progress.ok()) {
        // A project that does not exist ends the stream; a passing failure
        // (Redis, registry) waits for the next change.
        if (absl::IsNotFound(progress.status()) || absl::IsInvalidArgument(progress.status())) {
          FinishLocked(ToGrpcStatus(progress.status()));
        }
      } else if (progress->version() != sent_version_) {
        sent_version_ = progress->version();
        // Dashboards want the latest state: a newer one replaces one waiting.
        SendLocked(*std::move(progress), /*newest_only=*/true, 1);
      }
      if (dirty_ && !finished()) {
        dirty_ = false;
        computing_ = true;
        if (!workers_.TryPost([this] { Compute(); })) computing_ = false;
      }
    }
  }
  if (delete_now) delete this;
}

void WatchReactor::OnDone() {
  watchers_.Remove(token_);  // no Refresh runs after this
  bool delete_now;
  {
    absl::MutexLock lock(&mu_);
    done_ = true;
    delete_now = !computing_;
  }
  if (delete_now) delete this;
}

}  // namespace targetwatch
