#include "services/alerting/alerts.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "services/alerting/alert_filter.h"
#include "absl/strings/match.h"
#include "services/common/page_token.h"
#include "services/common/proto_bytes.h"
#include "services/common/random_id.h"
#include "services/common/stable_hash.h"
#include "services/common/update_mask.h"
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
  ASSIGN_OR_RETURN(std::vector<v1::Silence> silences, silences_.All());
  const absl::Time now = clock_.Now();
  for (v1::Alert& alert : all) {
    alert.set_silenced(alert.state() != v1::RESOLVED && IsSilenced(silences, alert, now));
  }
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
  ASSIGN_OR_RETURN(std::vector<v1::Rule> rules, rules_.All());
  v1::ListRulesResponse response;
  for (v1::Rule& rule : rules) *response.add_rules() = std::move(rule);
  return response;
}

absl::StatusOr<v1::Rule> Alerts::GetRule(const v1::GetRuleRequest& request) {
  ASSIGN_OR_RETURN(auto ids, ParseName(request.name(), "rules/*", "name"));
  (void)ids;
  ASSIGN_OR_RETURN(std::optional<v1::Rule> rule, rules_.Get(request.name()));
  if (!rule) return absl::NotFoundError(absl::StrCat(request.name(), " does not exist"));
  return *rule;
}

absl::StatusOr<v1::Rule> Alerts::CreateRule(const v1::CreateRuleRequest& request) {
  v1::Rule rule = request.rule();
  rule.set_name("rules/" + IdFor("rule", request.request_id()));
  rule.set_builtin(false);
  RETURN_IF_ERROR(ValidateRule(rule, "rule"));
  if (rule.severity() == v1::SEVERITY_UNSPECIFIED) rule.set_severity(v1::WARNING);
  rule.set_etag(RandomId());
  SetTimestamp(clock_.Now(), rule.mutable_create_time());
  *rule.mutable_update_time() = rule.create_time();
  absl::Status put = rules_.Put(rule, "");
  if (absl::IsAlreadyExists(put) && !request.request_id().empty()) {
    ASSIGN_OR_RETURN(std::optional<v1::Rule> existing, rules_.Get(rule.name()));
    if (existing) return *existing;  // a retried create answers as the first did
  }
  RETURN_IF_ERROR(put);
  return rule;
}

absl::StatusOr<v1::Rule> Alerts::UpdateRule(const v1::UpdateRuleRequest& request) {
  ASSIGN_OR_RETURN(auto ids, ParseName(request.rule().name(), "rules/*", "rule.name"));
  (void)ids;
  ASSIGN_OR_RETURN(std::optional<v1::Rule> current, rules_.Get(request.rule().name()));
  if (!current) return absl::NotFoundError(absl::StrCat(request.rule().name(), " does not exist"));
  if (!request.rule().etag().empty() && request.rule().etag() != current->etag()) {
    return absl::AbortedError(absl::StrCat("etag \"", request.rule().etag(),
                                           "\" is stale; the rule has changed"));
  }
  static const std::set<std::string> kMutable = {
      "display_name", "scope", "threshold", "severity", "for_duration", "keep_firing_for",
      "labels", "annotations", "disabled"};
  v1::Rule merged = *current;
  RETURN_IF_ERROR(ApplyUpdateMask(request.rule(), request.update_mask(), kMutable, &merged));
  RETURN_IF_ERROR(ValidateRule(merged, "rule"));
  std::string read_etag = current->etag();
  merged.set_etag(RandomId());
  SetTimestamp(clock_.Now(), merged.mutable_update_time());
  // A built-in rule is stored the first time it is changed.
  RETURN_IF_ERROR(rules_.Put(merged, read_etag.empty() ? "" : read_etag));
  return merged;
}

absl::Status Alerts::DeleteRule(const v1::DeleteRuleRequest& request) {
  ASSIGN_OR_RETURN(auto ids, ParseName(request.name(), "rules/*", "name"));
  (void)ids;
  ASSIGN_OR_RETURN(std::optional<v1::Rule> current, rules_.Get(request.name()));
  if (!current) return absl::NotFoundError(absl::StrCat(request.name(), " does not exist"));
  if (current->builtin()) {
    return absl::FailedPreconditionError(
        absl::StrCat(request.name(), " is built in: disable it (update disabled=true) instead"));
  }
  return rules_.Delete(request.name(), request.etag());
}

absl::StatusOr<v1::Silence> Alerts::CreateSilence(const v1::CreateSilenceRequest& request) {
  v1::Silence silence = request.silence();
  if (!silence.has_start_time()) SetTimestamp(clock_.Now(), silence.mutable_start_time());
  RETURN_IF_ERROR(ValidateSilence(silence));
  silence.set_name("silences/" + IdFor("silence", request.request_id()));
  silence.set_expired(false);
  RETURN_IF_ERROR(silences_.Put(silence));
  return silence;
}

absl::StatusOr<v1::ListSilencesResponse> Alerts::ListSilences(
    const v1::ListSilencesRequest& request) {
  ASSIGN_OR_RETURN(std::vector<v1::Silence> all, silences_.All());
  absl::Time now = clock_.Now();
  v1::ListSilencesResponse response;
  for (v1::Silence& s : all) {
    bool over = s.expired() || FromTimestamp(s.end_time()) <= now;
    if (over && !request.include_expired()) continue;
    *response.add_silences() = std::move(s);
  }
  return response;
}

absl::StatusOr<v1::Silence> Alerts::ExpireSilence(const v1::ExpireSilenceRequest& request) {
  ASSIGN_OR_RETURN(auto ids, ParseName(request.name(), "silences/*", "name"));
  (void)ids;
  ASSIGN_OR_RETURN(std::vector<v1::Silence> all, silences_.All());
  for (v1::Silence& s : all) {
    if (s.name() != request.name()) continue;
    s.set_expired(true);
    absl::Time now = clock_.Now();
    if (FromTimestamp(s.end_time()) > now) SetTimestamp(now, s.mutable_end_time());
    RETURN_IF_ERROR(silences_.Put(s));
    return s;
  }
  return absl::NotFoundError(absl::StrCat(request.name(), " does not exist"));
}

absl::StatusOr<v1::Receiver> Alerts::CreateReceiver(const v1::CreateReceiverRequest& request) {
  v1::Receiver r = request.receiver();
  if (!absl::StartsWith(r.url(), "http://") && !absl::StartsWith(r.url(), "https://")) {
    return absl::InvalidArgumentError("receiver.url: must be an http:// or https:// URL");
  }
  r.set_name("receivers/" + IdFor("receiver", request.request_id()));
  ASSIGN_OR_RETURN(redis::RedisValue reply,
                   redis_.Command({"HSET", keys_.Global("{alerts}:receivers"), r.name(),
                                   Encode(r)}));
  (void)reply;
  return r;
}

absl::StatusOr<v1::Receiver> Alerts::GetReceiver(const v1::GetReceiverRequest& request) {
  for (v1::Receiver& r : Receivers()) {
    if (r.name() == request.name()) return r;
  }
  return absl::NotFoundError(absl::StrCat(request.name(), " does not exist"));
}

absl::StatusOr<v1::ListReceiversResponse> Alerts::ListReceivers(const v1::ListReceiversRequest&) {
  v1::ListReceiversResponse response;
  for (v1::Receiver& r : Receivers()) *response.add_receivers() = std::move(r);
  return response;
}

absl::Status Alerts::DeleteReceiver(const v1::DeleteReceiverRequest& request) {
  ASSIGN_OR_RETURN(redis::RedisValue reply,
                   redis_.Command({"HDEL", keys_.Global("{alerts}:receivers"), request.name()}));
  if (reply.integer == 0) {
    return absl::NotFoundError(absl::StrCat(request.name(), " does not exist (receivers given "
                                            "with --webhook are not deleted through the API)"));
  }
  return absl::OkStatus();
}

void Alerts::AddStartupReceiver(const std::string& url) {
  v1::Receiver r;
  r.set_name("receivers/flag-" + StableId(url).substr(0, 8));
  r.set_url(url);
  r.set_send_resolved(true);
  r.add_group_by("department");
  startup_receivers_.push_back(r);
}

std::vector<v1::Receiver> Alerts::Receivers() {
  std::vector<v1::Receiver> receivers = startup_receivers_;
  absl::StatusOr<redis::RedisValue> all =
      redis_.Command({"HVALS", keys_.Global("{alerts}:receivers")});
  if (all.ok()) {
    for (const auto& e : all->elements) {
      absl::StatusOr<v1::Receiver> r = Decode<v1::Receiver>(e.str);
      if (r.ok()) receivers.push_back(*r);
    }
  }
  return receivers;
}

absl::Status ValidateRule(const v1::Rule& rule, absl::string_view field) {
  auto bad = [&field](absl::string_view name, absl::string_view why) {
    return absl::InvalidArgumentError(absl::StrCat(field, ".", name, ": ", why));
  };
  if (rule.type() == v1::RULE_TYPE_UNSPECIFIED) return bad("type", "is required");
  if (!std::isfinite(rule.threshold()) || rule.threshold() < 0) {
    return bad("threshold", "must be a number of at least 0");
  }
  for (const auto& [name, d] : {std::pair{"for_duration", &rule.for_duration()},
                                {"keep_firing_for", &rule.keep_firing_for()}}) {
    if (d->seconds() < 0 || d->nanos() < 0 || d->seconds() > 30 * 24 * 3600) {
      return bad(name, "must be 0 to 30 days");
    }
  }
  if (!rule.scope().project().empty()) {
    absl::StatusOr<std::vector<std::string>> p =
        ParseName(rule.scope().project(), "projects/*", absl::StrCat(field, ".scope.project"));
    if (!p.ok()) return p.status();
  }
  if (rule.display_name().size() > 200) return bad("display_name", "is longer than 200 bytes");
  for (const auto& [key, value] : rule.labels()) {
    bool ok = !key.empty() && (std::isalpha(static_cast<unsigned char>(key[0])) || key[0] == '_');
    for (char c : key) ok = ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '_');
    if (!ok) return bad("labels", absl::StrCat("\"", key, "\" is not a label name"));
    if (key == "alertname" || key == "project" || key == "department" || key == "severity") {
      return bad("labels", absl::StrCat("\"", key, "\" is set by the service"));
    }
  }
  for (const auto& [key, value] : rule.annotations()) {
    if (value.size() > 2000) return bad("annotations", absl::StrCat(key, " is too long"));
  }
  return absl::OkStatus();
}

}  // namespace targetwatch
