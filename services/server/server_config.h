#ifndef TARGETWATCH_SERVICES_SERVER_SERVER_CONFIG_H_
#define TARGETWATCH_SERVICES_SERVER_SERVER_CONFIG_H_

#include <string>

#include "absl/status/statusor.h"
#include "services/redis/redis_options.h"

namespace targetwatch {

// How one service process is wired: where it listens, its Redis, the key
// prefix of the deployment and the addresses of the services it calls.
struct ServerConfig {
  std::string service_name;  // "registry", "progress", "alerting"
  int port = 0;              // 0 picks a free port (tests)
  redis::RedisOptions redis;
  std::string key_prefix = "tw:";
  std::string registry_address;
  std::string progress_address;
  std::string alerting_address;
  // Threads running blocking handler work, and Redis connections.
  int workers = 16;
  std::string now;  // --now: empty for the real clock, else RFC 3339
};

// Reads the common flags, after absl::ParseCommandLine:
//   --port, --redis=host:port, --key_prefix, --registry, --progress,
//   --alerting, --workers, --now
// An unset flag falls back to TW_PORT, TW_REDIS, TW_KEY_PREFIX,
// TW_REGISTRY, TW_PROGRESS, TW_ALERTING, then to the defaults (the
// service's default port, 127.0.0.1:6379, "tw:", and the local stack's
// registry 127.0.0.1:7001, progress :7002, alerting :7003).
// INVALID_ARGUMENT names the flag that is wrong.
absl::StatusOr<ServerConfig> ServerConfigFromFlags(
    const std::string& service_name, int default_port);

// The local stack's addresses, used by twctl and the scripts too.
inline constexpr char kDefaultRegistryAddress[] = "127.0.0.1:7001";
inline constexpr char kDefaultProgressAddress[] = "127.0.0.1:7002";
inline constexpr char kDefaultAlertingAddress[] = "127.0.0.1:7003";

}  // namespace targetwatch

#endif  // TARGETWATCH_SERVICES_SERVER_SERVER_CONFIG_H_
