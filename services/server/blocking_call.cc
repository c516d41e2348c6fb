#include "services/server/blocking_call.h"

#include <utility>

#include "services/common/grpc_status.h"

namespace targetwatch {

grpc::ServerUnaryReactor* RunBlocking(grpc::CallbackServerContext* context,
                                      WorkerPool& workers,
                                      std::function<absl::Status()> work) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  bool queued = workers.TryPost([context, reactor, work = std::move(work)] {
    if (context->IsCancelled()) {
      reactor->Finish(grpc::Status(grpc::StatusCode::CANCELLED,
                                   "cancelled before it started"));
      return;
    }
    reactor->Finish(ToGrpcStatus(work()));
  });
  if (!queued) {
    reactor->Finish(grpc::Status(grpc::StatusCode::UNAVAILABLE,
                                 "server busy: too many calls waiting"));
  }
  return reactor;
}

}  // namespace targetwatch
