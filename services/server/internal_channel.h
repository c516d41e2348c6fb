#ifndef TARGETWATCH_SERVICES_SERVER_INTERNAL_CHANNEL_H_
#define TARGETWATCH_SERVICES_SERVER_INTERNAL_CHANNEL_H_

#include <memory>
#include <string>

#include "grpcpp/channel.h"

namespace targetwatch {

// A channel to another Targetwatch service. gRPC backs off reconnecting up
// to two minutes by default; between our own services we want to notice
// within seconds that a peer is back.
std::shared_ptr<grpc::Channel> InternalChannel(const std::string& address);

}  // namespace targetwatch

#endif  // TARGETWATCH_SERVICES_SERVER_INTERNAL_CHANNEL_H_
