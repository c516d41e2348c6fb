#ifndef TARGETWATCH_SERVICES_COMMON_RESOURCE_NAME_H_
#define TARGETWATCH_SERVICES_COMMON_RESOURCE_NAME_H_

// Resource names after AIP-122: "projects/{project}",
// "projects/{project}/indicators/{indicator}", ...

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace targetwatch {

// The ids of `name` matched against `pattern`, whose variable segments are
// written "*": ParseName("projects/p1/indicators/i2", "projects/*/indicators/*")
// gives {"p1", "i2"}. INVALID_ARGUMENT names `field` and the expected form.
// An id is 1-64 characters of [a-z0-9-].
absl::StatusOr<std::vector<std::string>> ParseName(absl::string_view name,
                                                   absl::string_view pattern,
                                                   absl::string_view field);

bool IsValidId(absl::string_view id);

std::string ProjectName(absl::string_view project);
std::string IndicatorName(absl::string_view project, absl::string_view indicator);
std::string MilestoneName(absl::string_view project, absl::string_view milestone);

}  // namespace targetwatch

#endif  // TARGETWATCH_SERVICES_COMMON_RESOURCE_NAME_H_
