#ifndef TARGETWATCH_SERVICES_ALERTING_ALERT_FILTER_H_
#define TARGETWATCH_SERVICES_ALERTING_ALERT_FILTER_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "targetwatch/v1/alerting.pb.h"

namespace targetwatch {

using AlertFilter = std::vector<std::pair<std::string, std::string>>;

// Terms joined by " AND ": state=, severity= (any case), project=,
// department=. INVALID_ARGUMENT names the filter and the term.
absl::StatusOr<AlertFilter> ParseAlertFilter(const std::string& filter);

bool Matches(const v1::Alert& alert, const AlertFilter& filter);

}  // namespace targetwatch

#endif  // TARGETWATCH_SERVICES_ALERTING_ALERT_FILTER_H_
