#ifndef TARGETWATCH_SERVICES_ALERTING_WEBHOOK_FORMAT_H_
#define TARGETWATCH_SERVICES_ALERTING_WEBHOOK_FORMAT_H_

// Alertmanager's webhook payload (version "4"), so that tools consuming
// Alertmanager webhooks work unchanged.

#include <string>
#include <vector>

#include "targetwatch/v1/alerting.pb.h"

namespace targetwatch {

// One group of alerts for one receiver, as JSON. `group_by` names the
// labels the group shares (groupLabels); commonLabels and
// commonAnnotations are those all alerts agree on.
std::string WebhookJson(const std::string& receiver, const std::vector<std::string>& group_by,
                        const std::vector<v1::Alert>& alerts);

}  // namespace targetwatch

#endif  // TARGETWATCH_SERVICES_ALERTING_WEBHOOK_FORMAT_H_
