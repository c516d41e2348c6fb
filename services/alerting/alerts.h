#ifndef TARGETWATCH_SERVICES_ALERTING_ALERTS_H_
#define TARGETWATCH_SERVICES_ALERTING_ALERTS_H_

#include <vector>

#include "absl/status/statusor.h"
#include "services/alerting/alert_evaluator.h"
#include "services/alerting/alert_store.h"
#include "services/alerting/rule_store.h"
#include "services/common/clock.h"
#include "targetwatch/v1/alerting.pb.h"

namespace targetwatch {

// The alerting service's operations without gRPC. Thread-safe.
class Alerts {
 public:
  Alerts(AlertStore& store, RuleStore& rules, AlertEvaluator& evaluator, const Clock& clock)
      : store_(store), rules_(rules), evaluator_(evaluator), clock_(clock) {}

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

 private:
  AlertStore& store_;
  RuleStore& rules_;
  AlertEvaluator& evaluator_;
  const Clock& clock_;
};

// Field checks of a rule; INVALID_ARGUMENT names the field.
absl::Status ValidateRule(const v1::Rule& rule, absl::string_view field);

}  // namespace targetwatch

#endif  // TARGETWATCH_SERVICES_ALERTING_ALERTS_H_
