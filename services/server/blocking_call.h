#ifndef TARGETWATCH_SERVICES_SERVER_BLOCKING_CALL_H_
#define TARGETWATCH_SERVICES_SERVER_BLOCKING_CALL_H_

#include <functional>
#include <type_traits>
#include <utility>

#include "absl/status/status.h"
#include "grpcpp/server_context.h"
#include "grpcpp/support/server_callback.h"
#include "services/common/worker_pool.h"

namespace targetwatch {

// Answers a unary call of the callback API with work that may block (Redis,
// another service), run on `workers` instead of gRPC's threads:
//
//   grpc::ServerUnaryReactor* GetProject(grpc::CallbackServerContext* ctx,
//                                        const GetProjectRequest* request,
//                                        Project* project) override {
//     return RunBlocking(ctx, workers_,
//                        [=] { return logic_.GetProject(*request, project); });
//   }
//
// The call answers the returned Status through ToGrpcStatus; UNAVAILABLE
// when the workers' queue is full, CANCELLED when the client gave up before
// the work started. `work` may use the request and response until it returns.
grpc::ServerUnaryReactor* RunBlocking(grpc::CallbackServerContext* context,
                                      WorkerPool& workers,
                                      std::function<absl::Status()> work);

// RunBlocking for the common case: `work` returns absl::StatusOr<Response>
// (copied into `response`) or absl::Status (for an empty response).
template <typename Response, typename Work>
grpc::ServerUnaryReactor* Answer(grpc::CallbackServerContext* context,
                                 WorkerPool& workers, Response* response,
                                 Work work) {
  return RunBlocking(context, workers,
                     [response, work = std::move(work)]() -> absl::Status {
                       auto result = work();
                       if constexpr (std::is_same_v<decltype(result), absl::Status>) {
                         return result;
                       } else {
                         if (!result.ok()) return result.status();
                         *response = *std::move(result);
                         return absl::OkStatus();
                       }
                     });
}

}  // namespace targetwatch

#endif  // TARGETWATCH_SERVICES_SERVER_BLOCKING_CALL_H_
