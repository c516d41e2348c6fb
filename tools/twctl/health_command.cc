// twctl health: asks each service's grpc.health.v1 whether it is SERVING.
#include <iostream>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/time/clock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/create_channel.h"
#include "services/server/server_config.h"
#include "tools/twctl/command.h"

namespace targetwatch::twctl {
namespace {

std::string CheckOnce(const std::string& address) {
  auto channel =
      grpc::CreateChannel(address, grpc::InsecureChannelCredentials());
  auto stub = grpc::health::v1::Health::NewStub(channel);
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(2)));
  grpc::health::v1::HealthCheckRequest request;
  grpc::health::v1::HealthCheckResponse response;
  grpc::Status status = stub->Check(&context, request, &response);
  if (!status.ok()) return "UNREACHABLE (" + status.error_message() + ")";
  return grpc::health::v1::HealthCheckResponse::ServingStatus_Name(
      response.status());
}

}  // namespace

int RunHealth(const CliArgs& args) {
  const std::vector<std::pair<std::string, std::string>> services = {
      {"registry", args.GetOr("registry", "TW_REGISTRY", kDefaultRegistryAddress)},
      {"progress", args.GetOr("progress", "TW_PROGRESS", kDefaultProgressAddress)},
      {"alerting", args.GetOr("alerting", "TW_ALERTING", kDefaultAlertingAddress)},
  };
  int wait_seconds = 0;
  if (auto wait = args.Get("wait");
      wait && (!absl::SimpleAtoi(*wait, &wait_seconds) || wait_seconds < 0)) {
    std::cerr << "twctl health: --wait takes whole seconds, not \"" << *wait
              << "\"\n";
    return kExitUsage;
  }
  absl::Time deadline = absl::Now() + absl::Seconds(wait_seconds);
  while (true) {
    std::vector<std::string> answers;
    bool all_serving = true;
    for (const auto& [name, address] : services) {
      answers.push_back(CheckOnce(address));
      all_serving = all_serving && answers.back() == "SERVING";
    }
    if (all_serving || absl::Now() >= deadline) {
      for (size_t i = 0; i < services.size(); ++i) {
        std::cout << services[i].first << "\t" << services[i].second << "\t"
                  << answers[i] << "\n";
      }
      return all_serving ? kExitOk : kExitUnavailable;
    }
    absl::SleepFor(absl::Milliseconds(250));
  }
}

}  // namespace targetwatch::twctl
