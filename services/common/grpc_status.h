#ifndef TARGETWATCH_SERVICES_COMMON_GRPC_STATUS_H_
#define TARGETWATCH_SERVICES_COMMON_GRPC_STATUS_H_

// The one place where absl::Status and grpc::Status meet. Handlers return
// ToGrpcStatus(status) and never pick codes of their own; clients turn what
// a call answered back into an absl::Status with FromGrpcStatus.

#include "absl/status/status.h"
#include "grpcpp/support/status.h"

namespace targetwatch {

grpc::Status ToGrpcStatus(const absl::Status& status);
absl::Status FromGrpcStatus(const grpc::Status& status);

}  // namespace targetwatch

#endif  // TARGETWATCH_SERVICES_COMMON_GRPC_STATUS_H_
