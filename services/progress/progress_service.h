#ifndef TARGETWATCH_SERVICES_PROGRESS_PROGRESS_SERVICE_H_
#define TARGETWATCH_SERVICES_PROGRESS_PROGRESS_SERVICE_H_

#include "targetwatch/v1/progress.grpc.pb.h"

namespace targetwatch {

// The progress's gRPC handlers. Methods not written yet answer
// UNIMPLEMENTED (the generated base class does that).
class ProgressServiceImpl final : public v1::ProgressService::CallbackService {};

}  // namespace targetwatch

#endif  // TARGETWATCH_SERVICES_PROGRESS_PROGRESS_SERVICE_H_
