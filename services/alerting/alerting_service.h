#ifndef TARGETWATCH_SERVICES_ALERTING_ALERTING_SERVICE_H_
#define TARGETWATCH_SERVICES_ALERTING_ALERTING_SERVICE_H_

#include "services/alerting/alert_watch.h"
#include "services/alerting/alerts.h"
#include "services/common/worker_pool.h"
#include "targetwatch/v1/alerting.grpc.pb.h"

namespace targetwatch {

// The alerting service's gRPC handlers, on the worker pool.
class AlertingServiceImpl final : public v1::AlertingService::CallbackService {
 public:
  AlertingServiceImpl(Alerts& alerts, WorkerPool& workers, AlertWatchers& watchers)
      : alerts_(alerts), workers_(workers), watchers_(watchers) {}

  using Ctx = grpc::CallbackServerContext;
  using Reactor = grpc::ServerUnaryReactor;

  Reactor* NotifyProjectChanged(Ctx*, const v1::NotifyProjectChangedRequest*,
                                v1::NotifyProjectChangedResponse*) override;
  Reactor* ListAlerts(Ctx*, const v1::ListAlertsRequest*, v1::ListAlertsResponse*) override;
  Reactor* GetAlert(Ctx*, const v1::GetAlertRequest*, v1::Alert*) override;
  Reactor* AcknowledgeAlert(Ctx*, const v1::AcknowledgeAlertRequest*, v1::Alert*) override;
  Reactor* ListAlertHistory(Ctx*, const v1::ListAlertHistoryRequest*,
                            v1::ListAlertHistoryResponse*) override;
  Reactor* ListRules(Ctx*, const v1::ListRulesRequest*, v1::ListRulesResponse*) override;
  Reactor* GetRule(Ctx*, const v1::GetRuleRequest*, v1::Rule*) override;
  Reactor* CreateRule(Ctx*, const v1::CreateRuleRequest*, v1::Rule*) override;
  Reactor* UpdateRule(Ctx*, const v1::UpdateRuleRequest*, v1::Rule*) override;
  Reactor* DeleteRule(Ctx*, const v1::DeleteRuleRequest*, v1::DeleteRuleResponse*) override;
  Reactor* CreateSilence(Ctx*, const v1::CreateSilenceRequest*, v1::Silence*) override;
  Reactor* ListSilences(Ctx*, const v1::ListSilencesRequest*, v1::ListSilencesResponse*) override;
  Reactor* ExpireSilence(Ctx*, const v1::ExpireSilenceRequest*, v1::Silence*) override;
  Reactor* CreateReceiver(Ctx*, const v1::CreateReceiverRequest*, v1::Receiver*) override;
  Reactor* GetReceiver(Ctx*, const v1::GetReceiverRequest*, v1::Receiver*) override;
  Reactor* ListReceivers(Ctx*, const v1::ListReceiversRequest*,
                         v1::ListReceiversResponse*) override;
  Reactor* DeleteReceiver(Ctx*, const v1::DeleteReceiverRequest*,
                          v1::DeleteReceiverResponse*) override;
  grpc::ServerWriteReactor<v1::AlertEvent>* WatchAlerts(Ctx*,
                                                        const v1::WatchAlertsRequest*) override;

 private:
  Alerts& alerts_;
  WorkerPool& workers_;
  AlertWatchers& watchers_;
};

}  // namespace targetwatch

#endif  // TARGETWATCH_SERVICES_ALERTING_ALERTING_SERVICE_H_
