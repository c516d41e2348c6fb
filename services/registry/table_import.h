#ifndef TARGETWATCH_SERVICES_REGISTRY_TABLE_IMPORT_H_
#define TARGETWATCH_SERVICES_REGISTRY_TABLE_IMPORT_H_

#include "absl/status/statusor.h"
#include "services/registry/registry.h"
#include "targetwatch/v1/registry.pb.h"

namespace targetwatch {

// The largest table text the registry reads.
inline constexpr size_t kMaxTableBytes = 2 << 20;

// ParseTargetTable: what the tables library understood, with the schedule
// the registry would propose; stores nothing.
absl::StatusOr<v1::ParseTargetTableResponse> ParseTable(
    const v1::ParseTargetTableRequest& request);

// ImportTargetTable. A project is identified by department + title +
// fiscal year: importing a table again creates nothing, a changed table
// updates its projects and says which fields changed. All or nothing as
// far as the text goes: any error in it and nothing is written; each
// project is then written atomically. A dry run writes nothing.
absl::StatusOr<v1::ImportTargetTableResponse> ImportTable(
    Registry& registry, const v1::ImportTargetTableRequest& request);

}  // namespace targetwatch

#endif  // TARGETWATCH_SERVICES_REGISTRY_TABLE_IMPORT_H_
