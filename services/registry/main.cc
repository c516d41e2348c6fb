// The registry server: projects, indicators, targets, schedules.
#include <memory>

#include "services/redis/key_space.h"
#include "services/registry/redis_registry_store.h"
#include "services/registry/registry.h"
#include "services/registry/registry_service.h"
#include "services/server/server_main.h"

namespace {

struct RegistryState {
  explicit RegistryState(targetwatch::ServerResources resources)
      : store(resources.redis,
              targetwatch::redis::KeySpace(resources.config.key_prefix)),
        registry(store, resources.clock) {}
  targetwatch::RedisRegistryStore store;
  targetwatch::Registry registry;
};

}  // namespace

int main(int argc, char** argv) {
  using namespace targetwatch;
  return ServerMain(
      argc, argv, "registry", 7001,
      [](ServerResources resources) -> absl::StatusOr<std::vector<OwnedService>> {
        auto state = std::make_shared<RegistryState>(resources);
        std::vector<OwnedService> services;
        services.push_back(
            {state, std::make_unique<RegistryServiceImpl>(state->registry, resources.workers),
             v1::RegistryService::service_full_name()});
        return services;
      });
}
