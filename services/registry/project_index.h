#ifndef TARGETWATCH_SERVICES_REGISTRY_PROJECT_INDEX_H_
#define TARGETWATCH_SERVICES_REGISTRY_PROJECT_INDEX_H_

// What ListProjects can filter on, and how a project is identified across
// imports.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "targetwatch/v1/registry.pb.h"

namespace targetwatch {

// One indexed value: ("fiscal_year", "2020"), ("department", "上海市房屋管理局"),
// ("district", "浦东新区"), ("category", "其他一次性项目").
struct IndexTerm {
  std::string field;
  std::string value;
  bool operator==(const IndexTerm& o) const {
    return field == o.field && value == o.value;
  }
  bool operator<(const IndexTerm& o) const {
    return field != o.field ? field < o.field : value < o.value;
  }
};

// The terms a project is listed under, sorted.
std::vector<IndexTerm> IndexTermsOf(const v1::Project& project);

// Parses a List filter: terms `field=value` (value optionally in double
// quotes) joined by " AND ", on fiscal_year, department, district and
// category. INVALID_ARGUMENT names the filter and the offending term.
absl::StatusOr<std::vector<IndexTerm>> ParseProjectFilter(absl::string_view filter);

// True when the project carries every term.
bool Matches(const v1::Project& project, const std::vector<IndexTerm>& terms);

// department + title + fiscal year, the identity of a project across imports.
std::string NaturalKeyOf(const v1::Project& project);

}  // namespace targetwatch

#endif  // TARGETWATCH_SERVICES_REGISTRY_PROJECT_INDEX_H_
