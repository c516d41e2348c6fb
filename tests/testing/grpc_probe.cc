#include "tests/testing/grpc_probe.h"

#include "absl/time/clock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpc/reflection/v1alpha/reflection.grpc.pb.h"
#include "grpcpp/create_channel.h"
#include "services/common/grpc_status.h"

namespace targetwatch::testing {
namespace {

std::shared_ptr<grpc::Channel> Channel(const std::string& address) {
  return grpc::CreateChannel(address, grpc::InsecureChannelCredentials());
}

}  // namespace

absl::StatusOr<std::string> CheckHealth(const std::string& address,
                                        const std::string& service) {
  auto stub = grpc::health::v1::Health::NewStub(Channel(address));
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(1)));
  grpc::health::v1::HealthCheckRequest request;
  request.set_service(service);
  grpc::health::v1::HealthCheckResponse response;
  grpc::Status status = stub->Check(&context, request, &response);
  if (!status.ok()) return FromGrpcStatus(status);
  return grpc::health::v1::HealthCheckResponse::ServingStatus_Name(
      response.status());
}

absl::StatusOr<absl::Duration> AwaitHealth(const std::string& address,
                                           const std::string& want,
                                           absl::Duration timeout) {
  absl::Time start = absl::Now();
  while (absl::Now() - start < timeout) {
    absl::StatusOr<std::string> got = CheckHealth(address);
    if (got.ok() && *got == want) return absl::Now() - start;
    absl::SleepFor(absl::Milliseconds(50));
  }
  return absl::DeadlineExceededError("health never answered " + want);
}

absl::StatusOr<std::vector<std::string>> ListServices(
    const std::string& address) {
  using grpc::reflection::v1alpha::ServerReflection;
  using grpc::reflection::v1alpha::ServerReflectionRequest;
  using grpc::reflection::v1alpha::ServerReflectionResponse;
  auto stub = ServerReflection::NewStub(Channel(address));
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(2)));
  auto stream = stub->ServerReflectionInfo(&context);
  ServerReflectionRequest request;
  request.set_list_services("*");
  stream->Write(request);
  stream->WritesDone();
  ServerReflectionResponse response;
  std::vector<std::string> names;
  while (stream->Read(&response)) {
    for (const auto& service : response.list_services_response().service()) {
      names.push_back(service.name());
    }
  }
  grpc::Status status = stream->Finish();
  if (!status.ok()) return FromGrpcStatus(status);
  return names;
}

}  // namespace targetwatch::testing
