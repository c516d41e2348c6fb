#ifndef TARGETWATCH_SERVICES_SERVER_SERVER_MAIN_H_
#define TARGETWATCH_SERVICES_SERVER_SERVER_MAIN_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "grpcpp/impl/codegen/service_type.h"
#include "services/common/clock.h"
#include "services/common/worker_pool.h"
#include "services/redis/redis_pool.h"
#include "services/server/server_config.h"

namespace targetwatch {

// A service implementation with the full name clients ask health about,
// and what it works with (stores, clients), kept alive as long as it.
struct OwnedService {
  std::shared_ptr<void> state;  // declared first: destroyed after `service`
  std::unique_ptr<grpc::Service> service;
  std::string name;
};

// What a process's services are made with. All of it outlives them.
struct ServerResources {
  const ServerConfig& config;
  redis::RedisPool& redis;
  WorkerPool& workers;  // for RunBlocking
  const Clock& clock;   // --now, or the real clock
};

using ServiceFactory =
    std::function<absl::StatusOr<std::vector<OwnedService>>(ServerResources)>;

// The whole main() of a Targetwatch server: parses the flags (exit 2 with a
// message naming the flag when one is wrong), makes the Redis pool and the
// services, serves with health and reflection, and on SIGTERM or SIGINT
// stops accepting, gives calls in flight 3 s and returns 0.
int ServerMain(int argc, char** argv, const std::string& service_name,
               int default_port, const ServiceFactory& factory);

}  // namespace targetwatch

#endif  // TARGETWATCH_SERVICES_SERVER_SERVER_MAIN_H_
