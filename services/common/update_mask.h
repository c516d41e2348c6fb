#ifndef TARGETWATCH_SERVICES_COMMON_UPDATE_MASK_H_
#define TARGETWATCH_SERVICES_COMMON_UPDATE_MASK_H_

// Update with update_mask (AIP-134).

#include <set>
#include <string>

#include "absl/status/status.h"
#include "google/protobuf/field_mask.pb.h"
#include "google/protobuf/message.h"

namespace targetwatch {

// Copies the fields `mask` names from `source` onto `target` (messages and
// repeated fields replaced whole). An empty mask means every field `source`
// sets, among `mutable_fields`. A path outside `mutable_fields` (by its
// first segment) or naming no field is INVALID_ARGUMENT naming update_mask.
absl::Status ApplyUpdateMask(const google::protobuf::Message& source,
                             const google::protobuf::FieldMask& mask,
                             const std::set<std::string>& mutable_fields,
                             google::protobuf::Message* target);

}  // namespace targetwatch

#endif  // TARGETWATCH_SERVICES_COMMON_UPDATE_MASK_H_
