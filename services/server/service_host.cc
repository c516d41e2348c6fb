#include "services/server/service_host.h"

#include <signal.h>

#include <utility>

#include "absl/strings/str_cat.h"
#include "grpcpp/ext/proto_server_reflection_plugin.h"
#include "grpcpp/health_check_service_interface.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server_builder.h"
#include "grpcpp/support/channel_arguments.h"
#include "services/common/log.h"

namespace targetwatch {
namespace {

constexpr absl::Duration kRedisCheckInterval = absl::Seconds(1);

}  // namespace

absl::StatusOr<std::unique_ptr<ServiceHost>> ServiceHost::Start(
    const ServerConfig& config, const std::vector<Hosted>& services,
    redis::RedisPool* redis) {
  // Both must be set before the builder is made.
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();

  std::unique_ptr<ServiceHost> host(new ServiceHost());
  host->redis_ = redis;

  grpc::ServerBuilder builder;
  builder.AddListeningPort(absl::StrCat("0.0.0.0:", config.port),
                           grpc::InsecureServerCredentials(), &host->port_);
  for (const Hosted& hosted : services) {
    builder.RegisterService(hosted.service);
    host->service_names_.push_back(hosted.name);
  }
  host->server_ = builder.BuildAndStart();
  if (host->server_ == nullptr || host->port_ == 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot listen on port ", config.port));
  }
  host->SetServing(false);
  host->redis_watcher_ = std::thread([h = host.get()] { h->WatchRedis(); });
  return host;
}

ServiceHost::~ServiceHost() {
  Shutdown(absl::ZeroDuration());
  Wait();
}

void ServiceHost::SetServing(bool serving) {
  // The empty name is the server as a whole; clients may also ask about
  // each service by its full name.
  grpc::HealthCheckServiceInterface* health = server_->GetHealthCheckService();
  health->SetServingStatus("", serving);
  for (const std::string& name : service_names_) {
    health->SetServingStatus(name, serving);
  }
}

void ServiceHost::WatchRedis() {
  bool serving = false;
  bool first = true;
  do {
    absl::Status status = redis_->Ping();
    if (status.ok() != serving || first) {
      serving = status.ok();
      SetServing(serving);
      if (serving) {
        LogInfo("redis ", redis_->options().host, ":", redis_->options().port,
                " answers; SERVING");
      } else {
        LogWarning("redis unreachable (", status.message(), "); NOT_SERVING");
      }
      first = false;
    }
  } while (!stopping_.WaitForNotificationWithTimeout(kRedisCheckInterval));
}

void ServiceHost::Shutdown(absl::Duration grace) {
  if (!stopping_.HasBeenNotified()) stopping_.Notify();
  server_->Shutdown(absl::ToChronoTime(absl::Now() + grace));
}

void ServiceHost::Wait() {
  server_->Wait();
  if (redis_watcher_.joinable()) redis_watcher_.join();
}

void BlockShutdownSignals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
}

void ServeUntilShutdownSignal(ServiceHost& host, absl::Duration grace) {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  int received = 0;
  sigwait(&signals, &received);
  LogInfo(received == SIGTERM ? "SIGTERM" : "SIGINT", ": shutting down, ",
          absl::FormatDuration(grace), " for calls in flight");
  host.Shutdown(grace);
  host.Wait();
  LogInfo("stopped");
}

}  // namespace targetwatch
