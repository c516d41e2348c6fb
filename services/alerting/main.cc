// The alerting server: rules, alert lifecycle, notifications.
#include "services/alerting/alerting_service.h"
#include "services/server/server_main.h"

int main(int argc, char** argv) {
  return targetwatch::ServerMain(
      argc, argv, "alerting", 7003,
      [](targetwatch::ServerResources)
          -> absl::StatusOr<std::vector<targetwatch::OwnedService>> {
        std::vector<targetwatch::OwnedService> services;
        services.push_back(
            {nullptr, std::make_unique<targetwatch::AlertingServiceImpl>(),
             targetwatch::v1::AlertingService::service_full_name()});
        return services;
      });
}
