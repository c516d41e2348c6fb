#ifndef TARGETWATCH_SERVICES_REGISTRY_REGISTRY_VALIDATION_H_
#define TARGETWATCH_SERVICES_REGISTRY_REGISTRY_VALIDATION_H_

// Field checks of the registry's resources. Every error is INVALID_ARGUMENT
// and names the field ("project.budget.total_fen: must not be negative").

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "targetwatch/v1/registry.pb.h"

namespace targetwatch {

absl::Status ValidateDate(const v1::Date& date, absl::string_view field);

// The project's own fields; its indicators and milestones are checked by
// the functions below, one by one.
absl::Status ValidateProject(const v1::Project& project, absl::string_view field);

// Also types the target from target.raw (the server types targets, not the
// client): INVALID_ARGUMENT "indicator.target.raw: ..." when it does not parse.
absl::Status ValidateAndTypeIndicator(v1::Indicator& indicator,
                                      absl::string_view field);

absl::Status ValidateMilestone(const v1::Milestone& milestone,
                               absl::string_view field);

}  // namespace targetwatch

#endif  // TARGETWATCH_SERVICES_REGISTRY_REGISTRY_VALIDATION_H_
