#ifndef TARGETWATCH_SERVICES_ALERTING_ALERT_STATE_H_
#define TARGETWATCH_SERVICES_ALERTING_ALERT_STATE_H_

// The lifecycle of one alert: pending -> firing -> resolved, with `for`
// (how long a condition must hold before it fires) and `keep_firing_for`
// (how long a firing alert outlives its condition, against flapping).
// Pure: the store applies the result with compare-and-set.

#include <optional>

#include "absl/time/time.h"
#include "services/alerting/rule_eval.h"
#include "targetwatch/v1/alerting.pb.h"

namespace targetwatch {

struct AlertStep {
  bool changed = false;  // whether `alert` differs from what was stored
  v1::Alert alert;
  // Set when the state moved (pending, firing, resolved); acknowledgements
  // and value updates are changes without a transition.
  std::optional<v1::AlertTransition> transition;
};

// The next state of the alert of one fingerprint. `current` is what is
// stored (nullopt: nothing yet); `condition` is set when the rule's
// condition holds now.
AlertStep Advance(const std::optional<v1::Alert>& current, const Condition* condition,
                  const v1::Rule& rule, absl::Time now);

}  // namespace targetwatch

#endif  // TARGETWATCH_SERVICES_ALERTING_ALERT_STATE_H_
