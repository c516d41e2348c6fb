#include "services/alerting/alerting_service.h"

#include "services/common/grpc_status.h"
#include "services/server/blocking_call.h"

namespace targetwatch {

grpc::ServerUnaryReactor* AlertingServiceImpl::NotifyProjectChanged(
    Ctx* ctx, const v1::NotifyProjectChangedRequest* q, v1::NotifyProjectChangedResponse* r) {
  return Answer(ctx, workers_, r, [this, q] { return alerts_.NotifyProjectChanged(*q); });
}

grpc::ServerUnaryReactor* AlertingServiceImpl::ListAlerts(
    Ctx* ctx, const v1::ListAlertsRequest* q, v1::ListAlertsResponse* r) {
  return Answer(ctx, workers_, r, [this, q] { return alerts_.ListAlerts(*q); });
}

grpc::ServerUnaryReactor* AlertingServiceImpl::GetAlert(
    Ctx* ctx, const v1::GetAlertRequest* q, v1::Alert* r) {
  return Answer(ctx, workers_, r, [this, q] { return alerts_.GetAlert(*q); });
}

grpc::ServerUnaryReactor* AlertingServiceImpl::AcknowledgeAlert(
    Ctx* ctx, const v1::AcknowledgeAlertRequest* q, v1::Alert* r) {
  return Answer(ctx, workers_, r, [this, q] { return alerts_.AcknowledgeAlert(*q); });
}

grpc::ServerUnaryReactor* AlertingServiceImpl::ListAlertHistory(
    Ctx* ctx, const v1::ListAlertHistoryRequest* q, v1::ListAlertHistoryResponse* r) {
  return Answer(ctx, workers_, r, [this, q] { return alerts_.ListAlertHistory(*q); });
}

grpc::ServerUnaryReactor* AlertingServiceImpl::ListRules(
    Ctx* ctx, const v1::ListRulesRequest* q, v1::ListRulesResponse* r) {
  return Answer(ctx, workers_, r, [this, q] { return alerts_.ListRules(*q); });
}

grpc::ServerUnaryReactor* AlertingServiceImpl::GetRule(
    Ctx* ctx, const v1::GetRuleRequest* q, v1::Rule* r) {
  return Answer(ctx, workers_, r, [this, q] { return alerts_.GetRule(*q); });
}

grpc::ServerUnaryReactor* AlertingServiceImpl::CreateRule(
    Ctx* ctx, const v1::CreateRuleRequest* q, v1::Rule* r) {
  return Answer(ctx, workers_, r, [this, q] { return alerts_.CreateRule(*q); });
}

grpc::ServerUnaryReactor* AlertingServiceImpl::UpdateRule(
    Ctx* ctx, const v1::UpdateRuleRequest* q, v1::Rule* r) {
  return Answer(ctx, workers_, r, [this, q] { return alerts_.UpdateRule(*q); });
}

grpc::ServerUnaryReactor* AlertingServiceImpl::DeleteRule(
    Ctx* ctx, const v1::DeleteRuleRequest* q, v1::DeleteRuleResponse* r) {
  return Answer(ctx, workers_, r, [this, q] { return alerts_.DeleteRule(*q); });
}

grpc::ServerUnaryReactor* AlertingServiceImpl::CreateSilence(
    Ctx* ctx, const v1::CreateSilenceRequest* q, v1::Silence* r) {
  return Answer(ctx, workers_, r, [this, q] { return alerts_.CreateSilence(*q); });
}

grpc::ServerUnaryReactor* AlertingServiceImpl::ListSilences(
    Ctx* ctx, const v1::ListSilencesRequest* q, v1::ListSilencesResponse* r) {
  return Answer(ctx, workers_, r, [this, q] { return alerts_.ListSilences(*q); });
}

grpc::ServerUnaryReactor* AlertingServiceImpl::ExpireSilence(
    Ctx* ctx, const v1::ExpireSilenceRequest* q, v1::Silence* r) {
  return Answer(ctx, workers_, r, [this, q] { return alerts_.ExpireSilence(*q); });
}

grpc::ServerUnaryReactor* AlertingServiceImpl::CreateReceiver(
    Ctx* ctx, const v1::CreateReceiverRequest* q, v1::Receiver* r) {
  return Answer(ctx, workers_, r, [this, q] { return alerts_.CreateReceiver(*q); });
}

grpc::ServerUnaryReactor* AlertingServiceImpl::GetReceiver(
    Ctx* ctx, const v1::GetReceiverRequest* q, v1::Receiver* r) {
  return Answer(ctx, workers_, r, [this, q] { return alerts_.GetReceiver(*q); });
}

grpc::ServerUnaryReactor* AlertingServiceImpl::ListReceivers(
    Ctx* ctx, const v1::ListReceiversRequest* q, v1::ListReceiversResponse* r) {
  return Answer(ctx, workers_, r, [this, q] { return alerts_.ListReceivers(*q); });
}

grpc::ServerUnaryReactor* AlertingServiceImpl::DeleteReceiver(
    Ctx* ctx, const v1::DeleteReceiverRequest* q, v1::DeleteReceiverResponse* r) {
  return Answer(ctx, workers_, r, [this, q] { return alerts_.DeleteReceiver(*q); });
}

grpc::ServerWriteReactor<v1::AlertEvent>* AlertingServiceImpl::WatchAlerts(
    Ctx*, const v1::WatchAlertsRequest* q) {
  absl::StatusOr<AlertFilter> filter = ParseAlertFilter(q->filter());
  if (!filter.ok()) {
    class Refusal final : public grpc::ServerWriteReactor<v1::AlertEvent> {
     public:
      explicit Refusal(const grpc::Status& status) { Finish(status); }
      void OnDone() override { delete this; }
    };
    return new Refusal(ToGrpcStatus(filter.status()));
  }
  return new AlertWatchReactor(watchers_, *std::move(filter));
}

}  // namespace targetwatch
