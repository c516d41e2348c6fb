#ifndef TARGETWATCH_SERVICES_SERVER_BLOCKING_CALL_H_
#define TARGETWATCH_SERVICES_SERVER_BLOCKING_CALL_H_

#include <functional>

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

}  // namespace targetwatch

#endif  // TARGETWATCH_SERVICES_SERVER_BLOCKING_CALL_H_
