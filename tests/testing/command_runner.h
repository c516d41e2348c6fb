#ifndef TARGETWATCH_TESTS_TESTING_COMMAND_RUNNER_H_
#define TARGETWATCH_TESTS_TESTING_COMMAND_RUNNER_H_

#include <string>

#include "absl/time/time.h"

namespace targetwatch::testing {

struct CommandResult {
  int exit_code = -1;  // -1: did not finish in time
  std::string out;
  std::string err;
};

// Runs `command` with /bin/sh, capturing stdout and stderr.
CommandResult RunCommand(const std::string& command,
                         absl::Duration timeout = absl::Seconds(60));

// Runs the twctl binary of this build with `args` (shell words).
CommandResult Twctl(const std::string& args);

// The path of a binary of this build: "registry", "twctl", ...
std::string BinaryPath(const std::string& name);

}  // namespace targetwatch::testing

#endif  // TARGETWATCH_TESTS_TESTING_COMMAND_RUNNER_H_
