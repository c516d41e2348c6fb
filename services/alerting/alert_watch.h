#ifndef TARGETWATCH_SERVICES_ALERTING_ALERT_WATCH_H_
#define TARGETWATCH_SERVICES_ALERTING_ALERT_WATCH_H_

#include <cstdint>
#include <deque>
#include <map>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "grpcpp/support/server_callback.h"
#include "services/alerting/alert_filter.h"
#include "targetwatch/v1/alerting.pb.h"

namespace targetwatch {

class AlertWatchReactor;

// The WatchAlerts streams of this process. Every replica publishes each
// applied alert change on AlertChannel; each process's subscriber hands
// the events to Publish, so a stream hears of changes made anywhere.
class AlertWatchers {
 public:
  void Add(AlertWatchReactor* watcher);
  void Remove(AlertWatchReactor* watcher);  // after it returns, no more events
  void Publish(const v1::AlertEvent& event);
  size_t size() const;

 private:
  mutable absl::Mutex mu_;
  std::map<AlertWatchReactor*, bool> watchers_ ABSL_GUARDED_BY(mu_);
};

// One WatchAlerts stream: every change of a matching alert, in order. A
// client that falls more than kMaxQueued events behind is cut off with
// RESOURCE_EXHAUSTED rather than buffered without bound.
class AlertWatchReactor final : public grpc::ServerWriteReactor<v1::AlertEvent> {
 public:
  static constexpr size_t kMaxQueued = 1000;

  AlertWatchReactor(AlertWatchers& watchers, AlertFilter filter);
  void Deliver(const v1::AlertEvent& event);  // from AlertWatchers

  void OnWriteDone(bool ok) override;
  void OnCancel() override;
  void OnDone() override;

 private:
  void MaybeWrite() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void FinishOnce(const grpc::Status& status) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  AlertWatchers& watchers_;
  const AlertFilter filter_;
  absl::Mutex mu_;
  std::deque<v1::AlertEvent> queue_ ABSL_GUARDED_BY(mu_);
  bool writing_ ABSL_GUARDED_BY(mu_) = false;
  bool finished_ ABSL_GUARDED_BY(mu_) = false;
  v1::AlertEvent current_;  // alive until OnWriteDone
};

}  // namespace targetwatch

#endif  // TARGETWATCH_SERVICES_ALERTING_ALERT_WATCH_H_
