// The progress server: district reports in, progress and scores out.
#include <memory>

#include "grpcpp/create_channel.h"
#include "services/progress/progress.h"
#include "services/progress/progress_service.h"
#include "services/progress/progress_store.h"
#include "services/progress/registry_client.h"
#include "services/redis/key_space.h"
#include "services/registry/change_channel.h"
#include "services/server/server_main.h"

namespace {

struct ProgressState {
  explicit ProgressState(targetwatch::ServerResources r)
      : keys(r.config.key_prefix),
        registry(grpc::CreateChannel(r.config.registry_address,
                                     grpc::InsecureChannelCredentials()),
                 r.config.redis, targetwatch::ChangeChannel(keys)),
        store(r.redis, keys),
        progress(registry, store, r.clock, targetwatch::CalcOptions{}) {}
  targetwatch::redis::KeySpace keys;
  targetwatch::RegistryClient registry;
  targetwatch::ProgressStore store;
  targetwatch::Progress progress;
};

}  // namespace

int main(int argc, char** argv) {
  using namespace targetwatch;
  return ServerMain(
      argc, argv, "progress", 7002,
      [](ServerResources resources) -> absl::StatusOr<std::vector<OwnedService>> {
        auto state = std::make_shared<ProgressState>(resources);
        std::vector<OwnedService> services;
        services.push_back(
            {state, std::make_unique<ProgressServiceImpl>(state->progress, resources.workers),
             v1::ProgressService::service_full_name()});
        return services;
      });
}
