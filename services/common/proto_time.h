#ifndef TARGETWATCH_SERVICES_COMMON_PROTO_TIME_H_
#define TARGETWATCH_SERVICES_COMMON_PROTO_TIME_H_

// google.protobuf.Timestamp <-> absl::Time, exact to the nanosecond.

#include "absl/time/time.h"
#include "google/protobuf/timestamp.pb.h"

namespace targetwatch {

inline absl::Time FromTimestamp(const google::protobuf::Timestamp& t) {
  return absl::FromUnixSeconds(t.seconds()) + absl::Nanoseconds(t.nanos());
}

inline void SetTimestamp(absl::Time time, google::protobuf::Timestamp* out) {
  int64_t seconds = absl::ToUnixSeconds(time);
  out->set_seconds(seconds);
  out->set_nanos(static_cast<int32_t>(
      absl::ToInt64Nanoseconds(time - absl::FromUnixSeconds(seconds))));
}

}  // namespace targetwatch

#endif  // TARGETWATCH_SERVICES_COMMON_PROTO_TIME_H_
