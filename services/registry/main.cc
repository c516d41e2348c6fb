// The registry server: projects, indicators, targets, schedules.
#include "services/registry/registry_service.h"
#include "services/server/server_main.h"

int main(int argc, char** argv) {
  return targetwatch::ServerMain(
      argc, argv, "registry", 7001,
      [](targetwatch::ServerResources)
          -> absl::StatusOr<std::vector<targetwatch::OwnedService>> {
        std::vector<targetwatch::OwnedService> services;
        services.push_back(
            {std::make_unique<targetwatch::RegistryServiceImpl>(),
             targetwatch::v1::RegistryService::service_full_name()});
        return services;
      });
}
