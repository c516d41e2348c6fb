#ifndef TARGETWATCH_TESTS_TESTING_SUBPROCESS_H_
#define TARGETWATCH_TESTS_TESTING_SUBPROCESS_H_

#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace targetwatch::testing {

// A child process started from argv, for tests that run real servers.
// The destructor kills (SIGKILL) and reaps it if it is still running, and
// the child gets SIGKILL if the thread that started it dies (a crashed test
// leaves no server behind). A program that cannot be executed exits 127.
class Subprocess {
 public:
  // argv[0] is the program (looked up in PATH). stdout and stderr go to
  // `log_path` when given, else they are inherited.
  static absl::StatusOr<Subprocess> Start(const std::vector<std::string>& argv,
                                          const std::string& log_path = "");

  Subprocess(Subprocess&& other) noexcept : pid_(other.pid_) { other.pid_ = -1; }
  Subprocess& operator=(Subprocess&& other) noexcept;
  ~Subprocess();

  pid_t pid() const { return pid_; }
  bool running() const { return pid_ > 0; }

  void Signal(int signal);
  // Waits for exit; the exit status (WEXITSTATUS, or 128 + signal) or
  // nullopt if it is still running after `timeout`.
  std::optional<int> Wait(absl::Duration timeout);
  // SIGKILL and reap.
  void Kill();

 private:
  explicit Subprocess(pid_t pid) : pid_(pid) {}
  pid_t pid_ = -1;
};

// A TCP port on 127.0.0.1 that was free a moment ago.
int PickFreePort();

}  // namespace targetwatch::testing

#endif  // TARGETWATCH_TESTS_TESTING_SUBPROCESS_H_
