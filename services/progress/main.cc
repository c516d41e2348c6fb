// The progress server: district reports in, progress and scores out.
#include "services/progress/progress_service.h"
#include "services/server/server_main.h"

int main(int argc, char** argv) {
  return targetwatch::ServerMain(
      argc, argv, "progress", 7002,
      [](targetwatch::ServerResources)
          -> absl::StatusOr<std::vector<targetwatch::OwnedService>> {
        std::vector<targetwatch::OwnedService> services;
        services.push_back(
            {nullptr, std::make_unique<targetwatch::ProgressServiceImpl>(),
             targetwatch::v1::ProgressService::service_full_name()});
        return services;
      });
}
