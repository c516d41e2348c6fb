#ifndef TARGETWATCH_SERVICES_ALERTING_ALERTS_H_
#define TARGETWATCH_SERVICES_ALERTING_ALERTS_H_

#include <vector>

#include "absl/status/statusor.h"
#include "services/alerting/alert_evaluator.h"
#include "services/alerting/alert_store.h"
#include "services/alerting/rule_store.h"
#include "services/alerting/silences.h"
#include "services/common/clock.h"
#include "targetwatch/v1/alerting.pb.h"

namespace targetwatch {

// The alerting service's operations without gRPC. Thread-safe.
class Alerts {
 public:
  Alerts(AlertStore& store, RuleStore& rules, SilenceStore& silences, AlertEvaluator& evaluator,
         const Clock& clock, redis::RedisPool& redis, redis::KeySpace keys)
      : store_(store),
        rules_(rules),
        silences_(silences),
        evaluator_(evaluator),
        clock_(clock),
        redis_(redis),
        keys_(std::move(keys)) {}

  absl::Status NotifyProjectChanged(const v1::NotifyProjectChangedRequest& request);
  // Filter terms (joined by " AND "): state=, severity=, project=, department=.
  absl::StatusOr<v1::ListAlertsResponse> ListAlerts(const v1::ListAlertsRequest& request);
  absl::StatusOr<v1::Alert> GetAlert(const v1::GetAlertRequest& request);
  absl::StatusOr<v1::Alert> AcknowledgeAlert(const v1::AcknowledgeAlertRequest& request);
  absl::StatusOr<v1::ListAlertHistoryResponse> ListAlertHistory(
      const v1::ListAlertHistoryRequest& request);
  absl::StatusOr<v1::ListRulesResponse> ListRules(const v1::ListRulesRequest& request);
  absl::StatusOr<v1::Rule> GetRule(const v1::GetRuleRequest& request);
  absl::StatusOr<v1::Rule> CreateRule(const v1::CreateRuleRequest& request);
  // Built-in rules can be updated (disabled, thresholds) but not deleted.
  absl::StatusOr<v1::Rule> UpdateRule(const v1::UpdateRuleRequest& request);
  absl::Status DeleteRule(const v1::DeleteRuleRequest& request);

  absl::StatusOr<v1::Silence> CreateSilence(const v1::CreateSilenceRequest& request);
  absl::StatusOr<v1::ListSilencesResponse> ListSilences(const v1::ListSilencesRequest& request);
  absl::StatusOr<v1::Silence> ExpireSilence(const v1::ExpireSilenceRequest& request);

  // Receivers made through the API (P{alerts}:receivers) and those given
  // at start-up (--webhook), which are not stored.
  absl::StatusOr<v1::Receiver> CreateReceiver(const v1::CreateReceiverRequest& request);
  absl::StatusOr<v1::Receiver> GetReceiver(const v1::GetReceiverRequest& request);
  absl::StatusOr<v1::ListReceiversResponse> ListReceivers(const v1::ListReceiversRequest& request);
  absl::Status DeleteReceiver(const v1::DeleteReceiverRequest& request);
  void AddStartupReceiver(const std::string& url);
  std::vector<v1::Receiver> Receivers();

 private:
  AlertStore& store_;
  RuleStore& rules_;
  SilenceStore& silences_;
  AlertEvaluator& evaluator_;
  const Clock& clock_;
  redis::RedisPool& redis_;
  const redis::KeySpace keys_;
  std::vector<v1::Receiver> startup_receivers_;  // set before serving
};

// Field checks of a rule; INVALID_ARGUMENT names the field.
absl::Status ValidateRule(const v1::Rule& rule, absl::string_view field);

}  // namespace targetwatch

#endif  // TARGETWATCH_SERVICES_ALERTING_ALERTS_H_
