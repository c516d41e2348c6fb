#ifndef TARGETWATCH_SERVICES_SERVER_SERVICE_HOST_H_
#define TARGETWATCH_SERVICES_SERVER_SERVICE_HOST_H_

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "grpcpp/server.h"
#include "services/redis/redis_pool.h"
#include "services/server/server_config.h"

namespace targetwatch {

// Runs gRPC services the way every Targetwatch server runs them:
// - the standard grpc.health.v1 service, NOT_SERVING until Redis answers
//   PING and again whenever it stops answering (checked every second);
// - server reflection;
// - graceful shutdown: stop accepting, let calls in flight finish until a
//   deadline, then cancel the rest.
//
// The services and the pool must outlive the host. Thread-safe.
class ServiceHost {
 public:
  struct Hosted {
    grpc::Service* service;
    std::string name;  // e.g. RegistryService::service_full_name()
  };

  // Builds and starts the server on config.port (0 picks a free one).
  static absl::StatusOr<std::unique_ptr<ServiceHost>> Start(
      const ServerConfig& config, const std::vector<Hosted>& services,
      redis::RedisPool* redis);

  ~ServiceHost();

  int port() const { return port_; }
  grpc::Server* server() const { return server_.get(); }

  // Stops accepting calls; calls in flight get until `grace` to finish.
  void Shutdown(absl::Duration grace);
  // Blocks until the server has shut down.
  void Wait();

 private:
  ServiceHost() = default;
  void WatchRedis();
  void SetServing(bool serving);

  std::unique_ptr<grpc::Server> server_;
  std::vector<std::string> service_names_;
  redis::RedisPool* redis_ = nullptr;
  int port_ = 0;
  absl::Notification stopping_;
  std::thread redis_watcher_;
};

// Blocks SIGTERM and SIGINT in the calling thread and every thread it
// starts later. Call first thing in main(), before gRPC makes threads, so
// that WaitForShutdownSignal can take the signals synchronously.
void BlockShutdownSignals();

// Waits for SIGTERM or SIGINT, then shuts the host down with `grace` for
// calls in flight and returns once it has stopped.
void ServeUntilShutdownSignal(ServiceHost& host, absl::Duration grace);

}  // namespace targetwatch

#endif  // TARGETWATCH_SERVICES_SERVER_SERVICE_HOST_H_
