#ifndef TARGETWATCH_SERVICES_REGISTRY_REGISTRY_H_
#define TARGETWATCH_SERVICES_REGISTRY_REGISTRY_H_

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "services/common/clock.h"
#include "services/registry/registry_store.h"
#include "targetwatch/v1/registry.pb.h"

namespace targetwatch {

// The registry's operations, without gRPC: validation, names, etags,
// update masks, paging and request-id replay over a RegistryStore.
// Errors follow the API's codes: INVALID_ARGUMENT naming the field,
// NOT_FOUND, ABORTED for a stale etag, ALREADY_EXISTS, UNAVAILABLE.
// Thread-safe (the store is).
class Registry {
 public:
  // `clock` stamps create and update times (--now in demonstrations).
  explicit Registry(RegistryStore& store, const Clock& clock = DefaultClock())
      : store_(store), clock_(clock) {}

  absl::StatusOr<v1::Project> GetProject(const v1::GetProjectRequest& request);
  absl::StatusOr<v1::ListProjectsResponse> ListProjects(
      const v1::ListProjectsRequest& request);
  absl::StatusOr<v1::Project> CreateProject(const v1::CreateProjectRequest& request);
  absl::StatusOr<v1::Project> UpdateProject(const v1::UpdateProjectRequest& request);
  absl::Status DeleteProject(const v1::DeleteProjectRequest& request);

  absl::StatusOr<v1::Indicator> GetIndicator(const v1::GetIndicatorRequest& request);
  absl::StatusOr<v1::ListIndicatorsResponse> ListIndicators(
      const v1::ListIndicatorsRequest& request);
  absl::StatusOr<v1::Indicator> CreateIndicator(
      const v1::CreateIndicatorRequest& request);
  absl::StatusOr<v1::Indicator> UpdateIndicator(
      const v1::UpdateIndicatorRequest& request);
  absl::Status DeleteIndicator(const v1::DeleteIndicatorRequest& request);

  absl::StatusOr<v1::Milestone> GetMilestone(const v1::GetMilestoneRequest& request);
  absl::StatusOr<v1::ListMilestonesResponse> ListMilestones(
      const v1::ListMilestonesRequest& request);
  absl::StatusOr<v1::Milestone> CreateMilestone(
      const v1::CreateMilestoneRequest& request);
  absl::StatusOr<v1::Milestone> UpdateMilestone(
      const v1::UpdateMilestoneRequest& request);
  absl::Status DeleteMilestone(const v1::DeleteMilestoneRequest& request);

  // Changes one project document with compare-and-set: reads it, lets
  // `change` edit it (the new etag is already set) and say what the call
  // answers, and writes it. Retries on a concurrent change unless the
  // caller gave `expected_etag`. With a request id seen before, answers
  // what the first call answered. Returns the answer, serialized.
  using Change = std::function<absl::Status(v1::Project& document,
                                            std::string* response)>;
  absl::StatusOr<std::string> Mutate(const std::string& project_id,
                                     const std::string& expected_etag,
                                     const std::string& request_id,
                                     const Change& change);

  RegistryStore& store() { return store_; }
  // Sets `time` to the registry clock's now.
  void Stamp(google::protobuf::Timestamp* time) const;

 private:
  template <typename T>
  absl::StatusOr<T> GetChild(const std::string& name);
  template <typename T>
  absl::StatusOr<std::pair<std::vector<T>, std::string>> ListChildren(
      const std::string& parent, const std::string& filter, int page_size,
      const std::string& page_token);
  template <typename T>
  absl::StatusOr<T> CreateChild(const std::string& parent, T child,
                                const std::string& request_id);
  template <typename T>
  absl::StatusOr<T> UpdateChild(const T& update, const google::protobuf::FieldMask& mask,
                                const std::string& request_id);
  template <typename T>
  absl::Status DeleteChild(const std::string& name, const std::string& etag,
                           const std::string& request_id);

  static const Clock& DefaultClock();

  RegistryStore& store_;
  const Clock& clock_;
};


}  // namespace targetwatch

#endif  // TARGETWATCH_SERVICES_REGISTRY_REGISTRY_H_
