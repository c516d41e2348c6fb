#ifndef TARGETWATCH_TOOLS_TWCTL_RPC_H_
#define TARGETWATCH_TOOLS_TWCTL_RPC_H_

// What every twctl command that calls a server shares: channels, deadlines,
// errors and output.

#include <memory>
#include <string>

#include "absl/time/time.h"
#include "google/protobuf/message.h"
#include "grpcpp/channel.h"
#include "grpcpp/client_context.h"
#include "tools/twctl/cli_args.h"

namespace targetwatch::twctl {

// The channel to a service: --registry / TW_REGISTRY and the like.
std::shared_ptr<grpc::Channel> RegistryChannel(const CliArgs& args);
std::shared_ptr<grpc::Channel> ProgressChannel(const CliArgs& args);
std::shared_ptr<grpc::Channel> AlertingChannel(const CliArgs& args);

// A context with a deadline (--timeout seconds, default 30).
std::unique_ptr<grpc::ClientContext> CallContext(const CliArgs& args);

// Prints "twctl: CODE: message" on stderr; returns the exit code:
// 3 when the server could not be reached, else 1.
int Fail(const grpc::Status& status);

// proto3 JSON of a response, on stdout.
void PrintJson(const google::protobuf::Message& message);

// Calls `call(context, request, page)` page after page (page_size 1000)
// until the last, handing each page to `take`.
template <typename Request, typename Response, typename Call, typename Take>
grpc::Status ForEachPage(const CliArgs& args, Request request, Call call, Take take) {
  request.set_page_size(1000);
  do {
    Response page;
    auto context = CallContext(args);
    grpc::Status status = call(context.get(), request, &page);
    if (!status.ok()) return status;
    request.set_page_token(page.next_page_token());
    take(page);
  } while (!request.page_token().empty());
  return grpc::Status::OK;
}

// "projects/x" as given, or "x" made into "projects/x".
std::string Qualify(const std::string& name, const std::string& collection);

}  // namespace targetwatch::twctl

#endif  // TARGETWATCH_TOOLS_TWCTL_RPC_H_
