#ifndef TARGETWATCH_SERVICES_REGISTRY_CHANGE_CHANNEL_H_
#define TARGETWATCH_SERVICES_REGISTRY_CHANGE_CHANNEL_H_

#include <string>

#include "services/redis/key_space.h"

namespace targetwatch {

// The Redis channel on which the registry publishes the id of every
// project it writes, in the same step as the write (see
// RedisRegistryStore); other services drop cached copies on it.
inline std::string ChangeChannel(const redis::KeySpace& keys) {
  return keys.Global("registry:changes");
}

}  // namespace targetwatch

#endif  // TARGETWATCH_SERVICES_REGISTRY_CHANGE_CHANNEL_H_
