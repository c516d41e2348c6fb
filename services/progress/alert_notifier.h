#ifndef TARGETWATCH_SERVICES_PROGRESS_ALERT_NOTIFIER_H_
#define TARGETWATCH_SERVICES_PROGRESS_ALERT_NOTIFIER_H_

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "grpcpp/channel.h"
#include "targetwatch/v1/alerting.grpc.pb.h"

namespace targetwatch {

// Tells the alerting service which projects changed, without ever making a
// report wait or fail: Notify only queues (a project already queued just
// gets its newer version), a thread sends with retries and backoff, and
// when the queue is full the notification is dropped and counted. A
// notification that never arrives is not lost for good: alerting's
// periodic sweep evaluates every project anyway. Thread-safe.
class AlertNotifier {
 public:
  struct Options {
    size_t max_queued = 1000;
    absl::Duration deadline = absl::Seconds(2);
    absl::Duration first_backoff = absl::Milliseconds(100);
    absl::Duration max_backoff = absl::Seconds(30);
  };
  struct Counts {
    int64_t sent = 0;
    int64_t failed_attempts = 0;
    int64_t dropped = 0;
    int64_t queued = 0;
  };

  AlertNotifier(std::shared_ptr<grpc::Channel> alerting, Options options);
  ~AlertNotifier();
  AlertNotifier(const AlertNotifier&) = delete;
  AlertNotifier& operator=(const AlertNotifier&) = delete;

  void Notify(const std::string& project, int64_t version);
  Counts counts() const;

 private:
  void Run();
  bool HasWorkOrStopping() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  std::unique_ptr<v1::AlertingService::Stub> stub_;
  const Options options_;
  mutable absl::Mutex mu_;
  std::deque<std::string> order_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, int64_t> versions_ ABSL_GUARDED_BY(mu_);
  Counts counts_ ABSL_GUARDED_BY(mu_);
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace targetwatch

#endif  // TARGETWATCH_SERVICES_PROGRESS_ALERT_NOTIFIER_H_
