#ifndef TARGETWATCH_SERVICES_ALERTING_HTTP_POST_H_
#define TARGETWATCH_SERVICES_ALERTING_HTTP_POST_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace targetwatch {

// POSTs `json` to `url` with libcurl and returns the HTTP status code;
// UNAVAILABLE when the receiver cannot be reached or does not answer
// within `timeout`. Thread-safe.
absl::StatusOr<int> PostJson(const std::string& url, const std::string& json,
                             absl::Duration timeout);

}  // namespace targetwatch

#endif  // TARGETWATCH_SERVICES_ALERTING_HTTP_POST_H_
