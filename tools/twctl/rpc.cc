#include "tools/twctl/rpc.h"

#include <iostream>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "google/protobuf/util/json_util.h"
#include "grpcpp/create_channel.h"
#include "services/server/server_config.h"
#include "tools/twctl/command.h"

namespace targetwatch::twctl {
namespace {

std::shared_ptr<grpc::Channel> Channel(const std::string& address) {
  grpc::ChannelArguments arguments;
  arguments.SetMaxSendMessageSize(8 << 20);
  return grpc::CreateCustomChannel(address, grpc::InsecureChannelCredentials(),
                                   arguments);
}

}  // namespace

std::shared_ptr<grpc::Channel> RegistryChannel(const CliArgs& args) {
  return Channel(args.GetOr("registry", "TW_REGISTRY", kDefaultRegistryAddress));
}
std::shared_ptr<grpc::Channel> ProgressChannel(const CliArgs& args) {
  return Channel(args.GetOr("progress", "TW_PROGRESS", kDefaultProgressAddress));
}
std::shared_ptr<grpc::Channel> AlertingChannel(const CliArgs& args) {
  return Channel(args.GetOr("alerting", "TW_ALERTING", kDefaultAlertingAddress));
}

std::unique_ptr<grpc::ClientContext> CallContext(const CliArgs& args) {
  int seconds = 30;
  if (auto timeout = args.Get("timeout")) {
    if (!absl::SimpleAtoi(*timeout, &seconds) || seconds <= 0) seconds = 30;
  }
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(seconds)));
  return context;
}

int Fail(const grpc::Status& status) {
  static const char* kNames[] = {
      "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED",
      "NOT_FOUND", "ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED",
      "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED",
      "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED"};
  int code = status.error_code();
  std::cerr << "twctl: " << (code >= 0 && code <= 16 ? kNames[code] : "ERROR")
            << ": " << status.error_message() << "\n";
  return code == grpc::StatusCode::UNAVAILABLE ||
                 code == grpc::StatusCode::DEADLINE_EXCEEDED
             ? kExitUnavailable
             : kExitFailed;
}

void PrintJson(const google::protobuf::Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.always_print_primitive_fields = true;
  std::string json;
  (void)google::protobuf::util::MessageToJsonString(message, &json, options);
  std::cout << json;
}

std::string Qualify(const std::string& name, const std::string& collection) {
  if (absl::StartsWith(name, collection + "/")) return name;
  return absl::StrCat(collection, "/", name);
}

}  // namespace targetwatch::twctl
