#include "services/server/server_config.h"

#include <cstdlib>

#include "absl/flags/flag.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

ABSL_FLAG(std::string, port, "", "port to listen on (env TW_PORT)");
ABSL_FLAG(std::string, redis, "",
          "Redis host:port (env TW_REDIS, default 127.0.0.1:6379)");
ABSL_FLAG(std::string, key_prefix, "",
          "prefix of every Redis key (env TW_KEY_PREFIX, default tw:)");
ABSL_FLAG(std::string, registry, "",
          "registry host:port (env TW_REGISTRY, default 127.0.0.1:7001)");
ABSL_FLAG(std::string, progress, "",
          "progress host:port (env TW_PROGRESS, default 127.0.0.1:7002)");
ABSL_FLAG(std::string, alerting, "",
          "alerting host:port (env TW_ALERTING, default 127.0.0.1:7003)");
ABSL_FLAG(std::string, now, "",
          "run the clock from this RFC 3339 time (demonstrations, tests)");
ABSL_FLAG(int, workers, 16,
          "threads running handler work that blocks, and Redis connections");

namespace targetwatch {
namespace {

// The flag if given, else the environment variable, else the default.
std::string Setting(const absl::Flag<std::string>& flag, const char* env,
                    const std::string& fallback) {
  std::string value = absl::GetFlag(flag);
  if (!value.empty()) return value;
  const char* from_env = std::getenv(env);
  if (from_env != nullptr && *from_env != '\0') return from_env;
  return fallback;
}

}  // namespace

absl::StatusOr<ServerConfig> ServerConfigFromFlags(
    const std::string& service_name, int default_port) {
  ServerConfig config;
  config.service_name = service_name;

  std::string port =
      Setting(FLAGS_port, "TW_PORT", std::to_string(default_port));
  if (!absl::SimpleAtoi(port, &config.port) || config.port < 0 ||
      config.port > 65535) {
    return absl::InvalidArgumentError(
        absl::StrCat("--port: \"", port, "\" is not a port number"));
  }

  std::string redis = Setting(FLAGS_redis, "TW_REDIS", "127.0.0.1:6379");
  absl::StatusOr<redis::RedisOptions> options = redis::ParseRedisAddress(redis);
  if (!options.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("--redis: ", options.status().message()));
  }
  config.redis = *options;

  config.key_prefix = Setting(FLAGS_key_prefix, "TW_KEY_PREFIX", "tw:");
  config.registry_address =
      Setting(FLAGS_registry, "TW_REGISTRY", kDefaultRegistryAddress);
  config.progress_address =
      Setting(FLAGS_progress, "TW_PROGRESS", kDefaultProgressAddress);
  config.alerting_address =
      Setting(FLAGS_alerting, "TW_ALERTING", kDefaultAlertingAddress);

  config.workers = absl::GetFlag(FLAGS_workers);
  if (config.workers < 1 || config.workers > 1024) {
    return absl::InvalidArgumentError("--workers: must be 1 to 1024");
  }
  config.redis.pool_size = config.workers;
  config.now = Setting(FLAGS_now, "TW_NOW", "");
  return config;
}

}  // namespace targetwatch
