#include "services/alerting/alerts.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "services/alerting/alert_filter.h"
#include "services/common/page_token.h"
#include "services/common/proto_time.h"
#include "services/common/resource_name.h"
#include "services/common/status_macros.h"

namespace targetwatch {
namespace {

absl::StatusOr<std::string> Fingerprint(const std::string& name, absl::string_view field) {
  ASSIGN_OR_RETURN(auto ids, ParseName(name, "alerts/*", field));
  return ids[0];
}

}  // namespace

absl::Status Alerts::NotifyProjectChanged(const v1::NotifyProjectChangedRequest& request) {
  ASSIGN_OR_RETURN(auto ids, ParseName(request.project(), "projects/*", "project"));
  (void)ids;
  return evaluator_.EvaluateProject(request.project());
}

absl::StatusOr<v1::ListAlertsResponse> Alerts::ListAlerts(const v1::ListAlertsRequest& request) {
  ASSIGN_OR_RETURN(int size, PageSize(request.page_size(), 50, 1000));
  ASSIGN_OR_RETURN(std::string after,
                   DecodePageToken(request.page_token(), "alerts|" + request.filter()));
  ASSIGN_OR_RETURN(AlertFilter filter, ParseAlertFilter(request.filter()));
  ASSIGN_OR_RETURN(std::vector<v1::Alert> all, store_.All());
  std::sort(all.begin(), all.end(),
            [](const v1::Alert& a, const v1::Alert& b) { return a.fingerprint() < b.fingerprint(); });
  v1::ListAlertsResponse response;
  for (v1::Alert& alert : all) {
    if (alert.fingerprint() <= after) continue;
    bool ok = Matches(alert, filter);
    if (!ok) continue;
    if (response.alerts_size() == size) {
      response.set_next_page_token(EncodePageToken(
          "alerts|" + request.filter(), response.alerts(size - 1).fingerprint()));
      break;
    }
    *response.add_alerts() = std::move(alert);
  }
  return response;
}

absl::StatusOr<v1::Alert> Alerts::GetAlert(const v1::GetAlertRequest& request) {
  ASSIGN_OR_RETURN(std::string fp, Fingerprint(request.name(), "name"));
  ASSIGN_OR_RETURN(std::optional<v1::Alert> alert, store_.Get(fp));
  if (!alert) return absl::NotFoundError(absl::StrCat(request.name(), " does not exist"));
  return *alert;
}

absl::StatusOr<v1::Alert> Alerts::AcknowledgeAlert(const v1::AcknowledgeAlertRequest& request) {
  ASSIGN_OR_RETURN(std::string fp, Fingerprint(request.name(), "name"));
  if (absl::StripAsciiWhitespace(request.by()).empty()) {
    return absl::InvalidArgumentError("by: who acknowledges is required");
  }
  for (int attempt = 0; attempt < 3; ++attempt) {
    ASSIGN_OR_RETURN(std::optional<v1::Alert> alert, store_.Get(fp));
    if (!alert) return absl::NotFoundError(absl::StrCat(request.name(), " does not exist"));
    if (alert->state() != v1::FIRING && alert->state() != v1::PENDING) {
      return absl::FailedPreconditionError(absl::StrCat(
          request.name(), " is ", v1::AlertState_Name(alert->state()),
          "; only pending or firing alerts are acknowledged"));
    }
    AlertStep step;
    step.changed = true;
    step.alert = *alert;
    v1::Acknowledgement* ack = step.alert.mutable_acknowledgement();
    ack->set_by(request.by());
    ack->set_note(request.note());
    SetTimestamp(clock_.Now(), ack->mutable_time());
    SetTimestamp(clock_.Now(), step.alert.mutable_update_time());
    step.alert.set_version(alert->version() + 1);
    std::string project = alert->labels().count("project") ? alert->labels().at("project") : "";
    absl::Status applied = store_.Apply(step, alert->version(), project);
    if (applied.ok()) return step.alert;
    if (!absl::IsAborted(applied)) return applied;
  }
  return absl::AbortedError(absl::StrCat(request.name(), " keeps changing; try again"));
}

absl::StatusOr<v1::ListAlertHistoryResponse> Alerts::ListAlertHistory(
    const v1::ListAlertHistoryRequest& request) {
  ASSIGN_OR_RETURN(std::string fp, Fingerprint(request.name(), "name"));
  ASSIGN_OR_RETURN(auto history, store_.History(fp));
  v1::ListAlertHistoryResponse response;
  for (auto& t : history) *response.add_transitions() = std::move(t);
  return response;
}

absl::StatusOr<v1::ListRulesResponse> Alerts::ListRules(const v1::ListRulesRequest&) {
  v1::ListRulesResponse response;
  for (const v1::Rule& rule : rules_) *response.add_rules() = rule;
  return response;
}

}  // namespace targetwatch
