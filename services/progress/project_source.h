#ifndef TARGETWATCH_SERVICES_PROGRESS_PROJECT_SOURCE_H_
#define TARGETWATCH_SERVICES_PROGRESS_PROJECT_SOURCE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "targetwatch/v1/registry.pb.h"

namespace targetwatch {

// Where the progress service reads what was planned.
class ProjectSource {
 public:
  virtual ~ProjectSource() = default;
  // The project (FULL view) of `project_id`. NOT_FOUND names it;
  // UNAVAILABLE when the registry cannot be reached.
  virtual absl::StatusOr<v1::Project> GetProject(const std::string& project_id) = 0;
  // The ids of every project the registry has.
  virtual absl::StatusOr<std::vector<std::string>> ListProjectIds() = 0;
};

}  // namespace targetwatch

#endif  // TARGETWATCH_SERVICES_PROGRESS_PROJECT_SOURCE_H_
