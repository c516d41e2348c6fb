#include "tests/testing/service_process.h"

#include <filesystem>

#include "absl/strings/str_cat.h"
#include "tests/testing/command_runner.h"
#include "tests/testing/grpc_probe.h"

namespace targetwatch::testing {

absl::StatusOr<ServiceProcess> StartService(const std::string& name,
                                            const std::string& redis_address,
                                            const std::vector<std::string>& flags,
                                            int port) {
  if (port == 0) port = PickFreePort();
  std::vector<std::string> argv = {BinaryPath(name), absl::StrCat("--port=", port),
                                   "--redis=" + redis_address};
  argv.insert(argv.end(), flags.begin(), flags.end());
  std::string log = absl::StrCat(std::filesystem::temp_directory_path().string(),
                                 "/tw-", name, "-", port, ".log");
  absl::StatusOr<Subprocess> process = Subprocess::Start(argv, log);
  if (!process.ok()) return process.status();
  ServiceProcess service{*std::move(process), port, absl::StrCat("127.0.0.1:", port)};
  absl::StatusOr<absl::Duration> up =
      AwaitHealth(service.address, "SERVING", absl::Seconds(15));
  if (!up.ok()) {
    return absl::UnavailableError(
        absl::StrCat(name, " did not become SERVING; see ", log));
  }
  return service;
}

}  // namespace targetwatch::testing
