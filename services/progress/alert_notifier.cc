#include "services/progress/alert_notifier.h"

#include <algorithm>

#include "absl/time/clock.h"
#include "services/common/log.h"

namespace targetwatch {

AlertNotifier::AlertNotifier(std::shared_ptr<grpc::Channel> alerting, Options options)
    : stub_(v1::AlertingService::NewStub(std::move(alerting))),
      options_(options),
      thread_([this] { Run(); }) {}

AlertNotifier::~AlertNotifier() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  thread_.join();
}

void AlertNotifier::Notify(const std::string& project, int64_t version) {
  absl::MutexLock lock(&mu_);
  auto it = versions_.find(project);
  if (it != versions_.end()) {
    it->second = std::max(it->second, version);
    return;
  }
  if (order_.size() >= options_.max_queued) {
    ++counts_.dropped;
    if (counts_.dropped == 1 || counts_.dropped % 100 == 0) {
      LogWarning("alerting notifications dropped so far: ", counts_.dropped,
                 " (queue full; alerting's sweep will catch up)");
    }
    return;
  }
  versions_[project] = version;
  order_.push_back(project);
  counts_.queued = static_cast<int64_t>(order_.size());
}

AlertNotifier::Counts AlertNotifier::counts() const {
  absl::MutexLock lock(&mu_);
  return counts_;
}

bool AlertNotifier::HasWorkOrStopping() const { return stopping_ || !order_.empty(); }

void AlertNotifier::Run() {
  absl::Duration backoff = options_.first_backoff;
  bool failing = false;
  while (true) {
    std::string project;
    int64_t version;
    {
      absl::MutexLock lock(&mu_);
      mu_.Await(absl::Condition(this, &AlertNotifier::HasWorkOrStopping));
      if (stopping_) return;
      project = order_.front();
      version = versions_[project];
    }
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + options_.deadline));
    v1::NotifyProjectChangedRequest request;
    request.set_project(project);
    request.set_version(version);
    v1::NotifyProjectChangedResponse response;
    grpc::Status status = stub_->NotifyProjectChanged(&context, request, &response);
    absl::MutexLock lock(&mu_);
    if (status.ok()) {
      ++counts_.sent;
      // Drop it unless a newer version arrived meanwhile.
      if (versions_[project] == version) {
        versions_.erase(project);
        order_.pop_front();
      }
      counts_.queued = static_cast<int64_t>(order_.size());
      if (failing) LogInfo("alerting reachable again; notifications flowing");
      failing = false;
      backoff = options_.first_backoff;
      continue;
    }
    ++counts_.failed_attempts;
    if (!failing) {
      LogWarning("alerting not notified (", status.error_message(), "); retrying with backoff");
      failing = true;
    }
    // Wait, but wake up at once to stop.
    mu_.AwaitWithTimeout(absl::Condition(+[](bool* s) { return *s; }, &stopping_), backoff);
    backoff = std::min(backoff * 2, options_.max_backoff);
  }
}

}  // namespace targetwatch
