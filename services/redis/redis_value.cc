#include "services/redis/redis_value.h"

#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace targetwatch::redis {

absl::Status StatusFromRedisError(const std::string& message) {
  static const std::pair<absl::string_view, absl::StatusCode> kCoded[] = {
      {"INVALID_ARGUMENT ", absl::StatusCode::kInvalidArgument},
      {"NOT_FOUND ", absl::StatusCode::kNotFound},
      {"ALREADY_EXISTS ", absl::StatusCode::kAlreadyExists},
      {"ABORTED ", absl::StatusCode::kAborted},
      {"FAILED_PRECONDITION ", absl::StatusCode::kFailedPrecondition},
      {"OUT_OF_RANGE ", absl::StatusCode::kOutOfRange},
      {"RESOURCE_EXHAUSTED ", absl::StatusCode::kResourceExhausted},
  };
  for (const auto& [prefix, code] : kCoded) {
    if (absl::StartsWith(message, prefix)) {
      return absl::Status(code, message.substr(prefix.size()));
    }
  }
  static const absl::string_view kPassing[] = {
      "LOADING", "BUSY", "MASTERDOWN", "TRYAGAIN", "CLUSTERDOWN", "READONLY"};
  for (absl::string_view prefix : kPassing) {
    if (absl::StartsWith(message, prefix)) {
      return absl::UnavailableError(absl::StrCat("redis: ", message));
    }
  }
  return absl::InternalError(absl::StrCat("redis: ", message));
}

}  // namespace targetwatch::redis
