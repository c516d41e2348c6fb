#ifndef TARGETWATCH_SERVICES_ALERTING_ALERTING_SERVICE_H_
#define TARGETWATCH_SERVICES_ALERTING_ALERTING_SERVICE_H_

#include "targetwatch/v1/alerting.grpc.pb.h"

namespace targetwatch {

// The alerting's gRPC handlers. Methods not written yet answer
// UNIMPLEMENTED (the generated base class does that).
class AlertingServiceImpl final : public v1::AlertingService::CallbackService {};

}  // namespace targetwatch

#endif  // TARGETWATCH_SERVICES_ALERTING_ALERTING_SERVICE_H_
