#include "services/server/server_main.h"

#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_cat.h"
#include "services/common/log.h"
#include "services/server/service_host.h"

namespace targetwatch {
namespace {

// Under the 5 s a supervisor usually waits before SIGKILL.
constexpr absl::Duration kShutdownGrace = absl::Seconds(3);

}  // namespace

int ServerMain(int argc, char** argv, const std::string& service_name,
               int default_port, const ServiceFactory& factory) {
  BlockShutdownSignals();
  SetLogComponent(service_name);
  absl::SetProgramUsageMessage(absl::StrCat(
      "Targetwatch ", service_name,
      " service.\nUsage: ", service_name,
      " [--port=N] [--redis=host:port] [--key_prefix=P] [--registry=host:port]"
      " [--progress=host:port] [--alerting=host:port] [--workers=N]"
      " [--now=RFC3339]\n"
      "Unset flags fall back to TW_PORT, TW_REDIS, TW_KEY_PREFIX, TW_REGISTRY,"
      " TW_PROGRESS, TW_ALERTING."));
  absl::ParseCommandLine(argc, argv);

  absl::StatusOr<ServerConfig> config =
      ServerConfigFromFlags(service_name, default_port);
  if (!config.ok()) {
    LogError(config.status().message());
    return 2;
  }
  absl::StatusOr<std::unique_ptr<Clock>> clock = ClockFromFlag(config->now);
  if (!clock.ok()) {
    LogError(clock.status().message());
    return 2;
  }
  if (!config->now.empty()) {
    LogInfo("clock starts at ", Rfc3339((**clock).Now()), " (--now)");
  }
  redis::RedisPool redis(config->redis);
  // Bounded so that a stalled Redis sheds load instead of queueing forever.
  WorkerPool workers(config->workers, 64 * config->workers);
  absl::StatusOr<std::vector<OwnedService>> services =
      factory(ServerResources{*config, redis, workers, **clock});
  if (!services.ok()) {
    LogError("cannot start: ", services.status().ToString());
    return 1;
  }
  std::vector<ServiceHost::Hosted> hosted;
  for (const OwnedService& owned : *services) {
    hosted.push_back({owned.service.get(), owned.name});
  }
  absl::StatusOr<std::unique_ptr<ServiceHost>> host =
      ServiceHost::Start(*config, hosted, &redis);
  if (!host.ok()) {
    LogError(host.status().message());
    return 1;
  }
  LogInfo("listening on port ", (*host)->port(), ", redis ", config->redis.host,
          ":", config->redis.port, ", key prefix \"", config->key_prefix, "\"");
  ServeUntilShutdownSignal(**host, kShutdownGrace);
  return 0;
}

}  // namespace targetwatch
