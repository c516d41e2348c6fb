// The alerting server: rules, alert lifecycle, notifications.
#include <memory>
#include <string>
#include <vector>


#include "services/alerting/alert_evaluator.h"
#include "services/alerting/alert_store.h"
#include "services/alerting/alerting_service.h"
#include "services/alerting/alerts.h"
#include "services/alerting/dispatcher.h"
#include "services/alerting/silences.h"
#include "services/common/random_id.h"
#include "services/alerting/rule_store.h"
#include "services/common/log.h"
#include "services/common/periodic_task.h"
#include "services/alerting/alert_watch.h"
#include "services/redis/key_space.h"
#include "services/redis/redis_subscriber.h"
#include "services/server/internal_channel.h"
#include "services/server/server_main.h"

namespace {

struct AlertingState {
  explicit AlertingState(targetwatch::ServerResources r)
      : progress(targetwatch::InternalChannel(r.config.progress_address)),
        store(r.redis, targetwatch::redis::KeySpace(r.config.key_prefix)),
        rules(r.redis, targetwatch::redis::KeySpace(r.config.key_prefix)),
        silences(r.redis, targetwatch::redis::KeySpace(r.config.key_prefix)),
        evaluator(progress, store, r.clock, [this] { return rules.All(); }),
        alerts(store, rules, silences, evaluator, r.clock, r.redis,
               targetwatch::redis::KeySpace(r.config.key_prefix)),
        dispatcher(r.redis, targetwatch::redis::KeySpace(r.config.key_prefix), silences,
                   [this] { return alerts.Receivers(); }, r.clock,
                   targetwatch::RandomId(),
                   [this] {
                     auto all = store.All();
                     return all.ok() ? *all : std::vector<targetwatch::v1::Alert>();
                   }),
        changes(r.config.redis, targetwatch::AlertChannel(targetwatch::redis::KeySpace(r.config.key_prefix)),
                [this](const std::string& bytes) {
                  targetwatch::v1::AlertEvent event;
                  if (event.ParseFromString(bytes)) watchers.Publish(event);
                },
                [] {}),
        // Time alone makes milestones overdue and reports stale.
        sweep(absl::Seconds(5), absl::Seconds(30), [this] {
          absl::StatusOr<int> swept = evaluator.Sweep();
          if (!swept.ok()) targetwatch::LogWarning("sweep: ", swept.status().message());
        }) {}
  targetwatch::ProgressClient progress;
  targetwatch::AlertStore store;
  targetwatch::RuleStore rules;
  targetwatch::SilenceStore silences;
  targetwatch::AlertEvaluator evaluator;
  targetwatch::Alerts alerts;
  targetwatch::Dispatcher dispatcher;
  targetwatch::AlertWatchers watchers;
  targetwatch::redis::RedisSubscriber changes;  // feeds the watchers
  targetwatch::PeriodicTask sweep;  // last: it uses the members above
};

}  // namespace

// --webhook=URL may be given several times, which absl flags do not
// collect: take them out of argv before the flags are parsed.
std::vector<std::string> TakeWebhooks(int* argc, char** argv) {
  std::vector<std::string> urls;
  int kept = 1;
  for (int i = 1; i < *argc; ++i) {
    std::string arg = argv[i];
    if (arg.rfind("--webhook=", 0) == 0) {
      urls.push_back(arg.substr(10));
    } else if (arg == "--webhook" && i + 1 < *argc) {
      urls.push_back(argv[++i]);
    } else {
      argv[kept++] = argv[i];
    }
  }
  *argc = kept;
  return urls;
}

int main(int argc, char** argv) {
  using namespace targetwatch;
  std::vector<std::string> webhooks = TakeWebhooks(&argc, argv);
  return ServerMain(
      argc, argv, "alerting", 7003,
      [&webhooks](ServerResources resources) -> absl::StatusOr<std::vector<OwnedService>> {
        auto state = std::make_shared<AlertingState>(resources);
        for (const std::string& url : webhooks) {
          state->alerts.AddStartupReceiver(url);
          LogInfo("webhook receiver ", url, " (--webhook)");
        }
        state->dispatcher.Start();
        std::vector<OwnedService> services;
        services.push_back(
            {state, std::make_unique<AlertingServiceImpl>(state->alerts, resources.workers,
                                                  state->watchers),
             v1::AlertingService::service_full_name()});
        return services;
      });
}
