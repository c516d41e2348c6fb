#include "services/common/periodic_task.h"

namespace targetwatch {

PeriodicTask::PeriodicTask(absl::Duration first_delay, absl::Duration interval,
                           std::function<void()> task)
    : thread_([this, first_delay, interval, task = std::move(task)] {
        absl::Duration wait = first_delay;
        while (!stop_.WaitForNotificationWithTimeout(wait)) {
          task();
          wait = interval;
        }
      }) {}

PeriodicTask::~PeriodicTask() {
  stop_.Notify();
  thread_.join();
}

}  // namespace targetwatch
