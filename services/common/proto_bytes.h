#ifndef TARGETWATCH_SERVICES_COMMON_PROTO_BYTES_H_
#define TARGETWATCH_SERVICES_COMMON_PROTO_BYTES_H_

// Messages kept in Redis as their wire bytes.

#include <string>

#include "absl/status/statusor.h"

namespace targetwatch {

template <typename T>
std::string Encode(const T& message) {
  std::string bytes;
  message.SerializeToString(&bytes);
  return bytes;
}

// DATA_LOSS when the bytes are not a T.
template <typename T>
absl::StatusOr<T> Decode(const std::string& bytes) {
  T message;
  if (!message.ParseFromString(bytes)) {
    return absl::DataLossError("a stored record is corrupt");
  }
  return message;
}

}  // namespace targetwatch

#endif  // TARGETWATCH_SERVICES_COMMON_PROTO_BYTES_H_
