#ifndef TARGETWATCH_SERVICES_COMMON_RANDOM_ID_H_
#define TARGETWATCH_SERVICES_COMMON_RANDOM_ID_H_

#include <string>

#include "absl/strings/string_view.h"

namespace targetwatch {

// 16 random hex digits: a resource id or an etag. Thread-safe.
std::string RandomId();

// The id of a resource created by a request: derived from the request id
// when there is one (so a retried create finds what the first made), else
// random. `kind` keeps ids of different resources apart.
std::string IdFor(absl::string_view kind, absl::string_view request_id);

}  // namespace targetwatch

#endif  // TARGETWATCH_SERVICES_COMMON_RANDOM_ID_H_
