#ifndef TARGETWATCH_TESTS_TESTING_SERVICE_PROCESS_H_
#define TARGETWATCH_TESTS_TESTING_SERVICE_PROCESS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "tests/testing/subprocess.h"

namespace targetwatch::testing {

// A real server binary of this build, started on a free port and awaited
// until its health answers SERVING.
struct ServiceProcess {
  Subprocess process;
  int port = 0;
  std::string address;
};

// `name` is "registry", "progress" or "alerting"; `flags` are added to
// --port and --redis; `port` 0 picks a free one. Its log goes to
// <tmp>/tw-<name>-<port>.log.
absl::StatusOr<ServiceProcess> StartService(const std::string& name,
                                            const std::string& redis_address,
                                            const std::vector<std::string>& flags = {},
                                            int port = 0);

}  // namespace targetwatch::testing

#endif  // TARGETWATCH_TESTS_TESTING_SERVICE_PROCESS_H_
