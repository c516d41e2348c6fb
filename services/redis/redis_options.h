#ifndef TARGETWATCH_SERVICES_REDIS_REDIS_OPTIONS_H_
#define TARGETWATCH_SERVICES_REDIS_REDIS_OPTIONS_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace targetwatch::redis {

struct RedisOptions {
  std::string host = "127.0.0.1";
  int port = 6379;
  absl::Duration connect_timeout = absl::Milliseconds(500);
  // A command that takes longer fails UNAVAILABLE and drops its connection.
  absl::Duration command_timeout = absl::Seconds(2);
  // Connections the pool keeps at most; callers beyond that wait.
  int pool_size = 16;
  // How long a caller waits for a free connection before UNAVAILABLE.
  absl::Duration pool_wait = absl::Seconds(2);
};

// Parses "host:port" into options with the other fields at their defaults.
absl::StatusOr<RedisOptions> ParseRedisAddress(absl::string_view address);

}  // namespace targetwatch::redis

#endif  // TARGETWATCH_SERVICES_REDIS_REDIS_OPTIONS_H_
