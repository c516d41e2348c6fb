#ifndef TARGETWATCH_SERVICES_REGISTRY_REGISTRY_SERVICE_H_
#define TARGETWATCH_SERVICES_REGISTRY_REGISTRY_SERVICE_H_

#include "targetwatch/v1/registry.grpc.pb.h"

namespace targetwatch {

// The registry's gRPC handlers. Methods not written yet answer
// UNIMPLEMENTED (the generated base class does that).
class RegistryServiceImpl final : public v1::RegistryService::CallbackService {};

}  // namespace targetwatch

#endif  // TARGETWATCH_SERVICES_REGISTRY_REGISTRY_SERVICE_H_
