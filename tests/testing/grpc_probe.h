#ifndef TARGETWATCH_TESTS_TESTING_GRPC_PROBE_H_
#define TARGETWATCH_TESTS_TESTING_GRPC_PROBE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace targetwatch::testing {

// grpc.health.v1 Check of `service` ("" for the server): "SERVING",
// "NOT_SERVING", ... or an error status when the call fails.
absl::StatusOr<std::string> CheckHealth(const std::string& address,
                                        const std::string& service = "");

// Polls CheckHealth until it answers `want` or `timeout` passes; returns how
// long it took, or DEADLINE_EXCEEDED.
absl::StatusOr<absl::Duration> AwaitHealth(const std::string& address,
                                           const std::string& want,
                                           absl::Duration timeout);

// The services a server lists through reflection (v1alpha).
absl::StatusOr<std::vector<std::string>> ListServices(
    const std::string& address);

}  // namespace targetwatch::testing

#endif  // TARGETWATCH_TESTS_TESTING_GRPC_PROBE_H_
