#include "services/alerting/alert_state.h"

#include "services/common/proto_time.h"

namespace targetwatch {
namespace {

absl::Duration FromProto(const google::protobuf::Duration& d) {
  return absl::Seconds(d.seconds()) + absl::Nanoseconds(d.nanos());
}

// CRITICAL (1) is the most severe; unspecified the least.
int Rank(v1::Severity s) { return s == v1::SEVERITY_UNSPECIFIED ? 99 : static_cast<int>(s); }

void Move(AlertStep& step, v1::AlertState to, absl::Time now) {
  v1::AlertTransition t;
  t.set_alert(step.alert.name());
  t.set_from(step.alert.state());
  t.set_to(to);
  SetTimestamp(now, t.mutable_time());
  t.set_severity(step.alert.severity());
  t.set_value(step.alert.value());
  step.alert.set_state(to);
  step.transition = t;
  step.changed = true;
}

}  // namespace

AlertStep Advance(const std::optional<v1::Alert>& current, const Condition* condition,
                  const v1::Rule& rule, absl::Time now) {
  AlertStep step;
  const absl::Duration pending_for = FromProto(rule.for_duration());
  const absl::Duration keep_for = FromProto(rule.keep_firing_for());
  const bool active = current && (current->state() == v1::PENDING ||
                                  current->state() == v1::FIRING);
  if (!active) {
    if (condition == nullptr) return step;  // nothing, and nothing to do
    // A new episode (after a resolve the same fingerprint starts afresh).
    v1::Alert& a = step.alert;
    a.set_name("alerts/" + condition->fingerprint);
    a.set_fingerprint(condition->fingerprint);
    a.set_rule(condition->rule);
    a.set_state(current ? current->state() : v1::ALERT_STATE_UNSPECIFIED);
    a.set_severity(condition->severity);
    a.mutable_labels()->insert(condition->labels.begin(), condition->labels.end());
    a.mutable_annotations()->insert(condition->annotations.begin(),
                                    condition->annotations.end());
    a.set_value(condition->value);
    SetTimestamp(now, a.mutable_active_time());
    SetTimestamp(now, a.mutable_last_held_time());
    SetTimestamp(now, a.mutable_update_time());
    a.set_version(current ? current->version() + 1 : 1);
    if (pending_for <= absl::ZeroDuration()) {
      SetTimestamp(now, a.mutable_fire_time());
      Move(step, v1::FIRING, now);
    } else {
      Move(step, v1::PENDING, now);
    }
    return step;
  }

  step.alert = *current;
  v1::Alert& a = step.alert;
  if (condition != nullptr) {
    // Kept on every evaluation: keep_firing_for counts from it.
    SetTimestamp(now, a.mutable_last_held_time());
    step.changed = true;
    a.set_value(condition->value);
    a.mutable_annotations()->clear();
    a.mutable_annotations()->insert(condition->annotations.begin(),
                                    condition->annotations.end());
    if (Rank(condition->severity) < Rank(a.severity())) {
      // Escalated: an acknowledgement no longer covers it.
      a.set_severity(condition->severity);
      auto severity = condition->labels.find("severity");
      if (severity != condition->labels.end()) (*a.mutable_labels())["severity"] = severity->second;
      a.clear_acknowledgement();
    }
    if (a.state() == v1::PENDING && now - FromTimestamp(a.active_time()) >= pending_for) {
      SetTimestamp(now, a.mutable_fire_time());
      Move(step, v1::FIRING, now);
    }
  } else if (a.state() == v1::PENDING) {
    // It never fired: it ends quietly.
    SetTimestamp(now, a.mutable_resolve_time());
    Move(step, v1::RESOLVED, now);
  } else if (now - FromTimestamp(a.last_held_time()) >= keep_for) {
    SetTimestamp(now, a.mutable_resolve_time());
    a.clear_acknowledgement();
    Move(step, v1::RESOLVED, now);
  }
  if (step.changed) {
    SetTimestamp(now, a.mutable_update_time());
    a.set_version(current->version() + 1);
  }
  return step;
}

}  // namespace targetwatch
