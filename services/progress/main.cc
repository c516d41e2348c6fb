// The progress server: district reports in, progress and scores out.
#include <memory>

#include "services/common/log.h"
#include "services/common/periodic_task.h"
#include "services/progress/alert_notifier.h"
#include "services/progress/progress.h"
#include "services/progress/progress_service.h"
#include "services/progress/progress_store.h"
#include "services/progress/progress_watchers.h"
#include "services/progress/registry_client.h"
#include "services/redis/redis_subscriber.h"
#include "services/redis/key_space.h"
#include "services/registry/change_channel.h"
#include "services/server/internal_channel.h"
#include "services/server/server_main.h"

namespace {

struct ProgressState {
  explicit ProgressState(targetwatch::ServerResources r)
      : keys(r.config.key_prefix),
        registry(targetwatch::InternalChannel(r.config.registry_address),
                 r.config.redis, targetwatch::ChangeChannel(keys)),
        store(r.redis, keys),
        notifier(targetwatch::InternalChannel(r.config.alerting_address),
                 targetwatch::AlertNotifier::Options{}),
        progress(registry, store, r.clock, targetwatch::CalcOptions{},
                 [this](const std::string& project, int64_t version) {
                   notifier.Notify(project, version);
                 }),
        // Time alone moves a project (plans advance, milestones fall due):
        // recompute every dashboard line regularly.
        changes(r.config.redis, targetwatch::ProgressChannel(keys),
                [this](const std::string& id) { watchers.Notify(id); },
                [this] { watchers.NotifyAll(); }),
        refresher(absl::Seconds(2), absl::Seconds(60), [this] {
          absl::StatusOr<int> refreshed = progress.RefreshSummaries();
          if (!refreshed.ok()) {
            targetwatch::LogWarning("summary refresh: ", refreshed.status().message());
          }
        }) {}
  targetwatch::redis::KeySpace keys;
  targetwatch::RegistryClient registry;
  targetwatch::ProgressStore store;
  targetwatch::AlertNotifier notifier;
  targetwatch::Progress progress;
  targetwatch::ProgressWatchers watchers;
  targetwatch::redis::RedisSubscriber changes;  // feeds the watchers
  targetwatch::PeriodicTask refresher;  // last: it uses the members above
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
            {state, std::make_unique<ProgressServiceImpl>(state->progress, resources.workers,
                                                  state->watchers),
             v1::ProgressService::service_full_name()});
        return services;
      });
}
