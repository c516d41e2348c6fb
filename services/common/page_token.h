#ifndef TARGETWATCH_SERVICES_COMMON_PAGE_TOKEN_H_
#define TARGETWATCH_SERVICES_COMMON_PAGE_TOKEN_H_

// Opaque page tokens (AIP-158). A token carries where the next page starts
// and a fingerprint of the query it belongs to, so that a token used with
// another filter, or made up, is INVALID_ARGUMENT rather than a wrong page.

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace targetwatch {

// `query` is everything that must stay the same between pages (the method,
// the parent, the filter); `position` where the next page starts.
std::string EncodePageToken(absl::string_view query, absl::string_view position);

// The position in `token`; INVALID_ARGUMENT naming page_token when the
// token is malformed or was made for another query. An empty token is the
// first page (empty position).
absl::StatusOr<std::string> DecodePageToken(absl::string_view token,
                                            absl::string_view query);

// page_size as AIP-158 wants it: 0 means `default_size`; above `max_size`
// is clamped; negative is INVALID_ARGUMENT.
absl::StatusOr<int> PageSize(int requested, int default_size, int max_size);

}  // namespace targetwatch

#endif  // TARGETWATCH_SERVICES_COMMON_PAGE_TOKEN_H_
