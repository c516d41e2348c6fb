#ifndef TARGETWATCH_SERVICES_PROGRESS_PROGRESS_WATCHERS_H_
#define TARGETWATCH_SERVICES_PROGRESS_PROGRESS_WATCHERS_H_

#include <cstdint>
#include <functional>
#include <map>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"

namespace targetwatch {

// Who watches which project in this process. Changes arrive from the
// Redis channel every replica publishes reports on (ProgressChannel), so
// a watcher hears of reports accepted by any replica. Thread-safe.
class ProgressWatchers {
 public:
  using Listener = std::function<void()>;

  // `listener` is called after each change of the project, until Remove.
  int64_t Add(const std::string& project_id, Listener listener);
  // After it returns, the listener is not running and will not run again.
  void Remove(int64_t token);

  void Notify(const std::string& project_id);
  // Every watcher: changes may have been missed (the subscription restarted).
  void NotifyAll();

  size_t size() const;

 private:
  struct Entry {
    std::string project_id;
    Listener listener;
  };
  mutable absl::Mutex mu_;
  std::map<int64_t, Entry> entries_ ABSL_GUARDED_BY(mu_);
  int64_t next_ ABSL_GUARDED_BY(mu_) = 1;
};

}  // namespace targetwatch

#endif  // TARGETWATCH_SERVICES_PROGRESS_PROGRESS_WATCHERS_H_
