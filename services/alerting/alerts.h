#ifndef TARGETWATCH_SERVICES_ALERTING_ALERTS_H_
#define TARGETWATCH_SERVICES_ALERTING_ALERTS_H_

#include <vector>

#include "absl/status/statusor.h"
#include "services/alerting/alert_evaluator.h"
#include "services/alerting/alert_store.h"
#include "services/common/clock.h"
#include "targetwatch/v1/alerting.pb.h"

namespace targetwatch {

// The alerting service's operations without gRPC. Thread-safe.
class Alerts {
 public:
  Alerts(AlertStore& store, AlertEvaluator& evaluator, const Clock& clock,
         std::vector<v1::Rule> rules)
      : store_(store), evaluator_(evaluator), clock_(clock), rules_(std::move(rules)) {}

  absl::Status NotifyProjectChanged(const v1::NotifyProjectChangedRequest& request);
  // Filter terms (joined by " AND "): state=, severity=, project=, department=.
  absl::StatusOr<v1::ListAlertsResponse> ListAlerts(const v1::ListAlertsRequest& request);
  absl::StatusOr<v1::Alert> GetAlert(const v1::GetAlertRequest& request);
  absl::StatusOr<v1::Alert> AcknowledgeAlert(const v1::AcknowledgeAlertRequest& request);
  absl::StatusOr<v1::ListAlertHistoryResponse> ListAlertHistory(
      const v1::ListAlertHistoryRequest& request);
  absl::StatusOr<v1::ListRulesResponse> ListRules(const v1::ListRulesRequest& request);

 private:
  AlertStore& store_;
  AlertEvaluator& evaluator_;
  const Clock& clock_;
  const std::vector<v1::Rule> rules_;
};

}  // namespace targetwatch

#endif  // TARGETWATCH_SERVICES_ALERTING_ALERTS_H_
