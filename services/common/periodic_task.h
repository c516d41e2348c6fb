#ifndef TARGETWATCH_SERVICES_COMMON_PERIODIC_TASK_H_
#define TARGETWATCH_SERVICES_COMMON_PERIODIC_TASK_H_

#include <functional>
#include <thread>

#include "absl/synchronization/notification.h"
#include "absl/time/time.h"

namespace targetwatch {

// Runs `task` on its own thread after `first_delay`, then every `interval`,
// until destroyed (the destructor waits for a run in progress).
class PeriodicTask {
 public:
  PeriodicTask(absl::Duration first_delay, absl::Duration interval,
               std::function<void()> task);
  ~PeriodicTask();
  PeriodicTask(const PeriodicTask&) = delete;
  PeriodicTask& operator=(const PeriodicTask&) = delete;

 private:
  absl::Notification stop_;
  std::thread thread_;
};

}  // namespace targetwatch

#endif  // TARGETWATCH_SERVICES_COMMON_PERIODIC_TASK_H_
