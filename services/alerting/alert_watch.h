#ifndef TARGETWATCH_SERVICES_ALERTING_ALERT_WATCH_H_
#define TARGETWATCH_SERVICES_ALERTING_ALERT_WATCH_H_

#include <map>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "services/alerting/alert_filter.h"
#include "services/server/queued_writer.h"
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
class AlertWatchReactor final : public QueuedWriter<v1::AlertEvent> {
 public:
  static constexpr size_t kMaxQueued = 1000;

  AlertWatchReactor(AlertWatchers& watchers, AlertFilter filter);
  void Deliver(const v1::AlertEvent& event);  // from AlertWatchers
  void OnDone() override;

 private:
  AlertWatchers& watchers_;
  const AlertFilter filter_;
};

}  // namespace targetwatch

#endif  // TARGETWATCH_SERVICES_ALERTING_ALERT_WATCH_H_
