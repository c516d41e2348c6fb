#ifndef TARGETWATCH_SERVICES_TABLES_NUMBER_PARSE_H_
#define TARGETWATCH_SERVICES_TABLES_NUMBER_PARSE_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace targetwatch::tables {

// A decimal number at the start of `text`: digits with optional thousands
// separators in groups of three ("26,470,288") and an optional fraction.
// Sets *rest to what follows. NOT_FOUND when `text` does not start with a
// digit; INVALID_ARGUMENT for a malformed number ("12,3x4", "1,23").
absl::StatusOr<double> ParseLeadingNumber(absl::string_view text,
                                          absl::string_view* rest);

// An amount of money as written in a table, in 元 times `yuan_per_unit`
// (1 for 元, 10000 for 万元), to exact fen. The whole text must be the
// amount: "260,000,000", "250", "2.61". INVALID_ARGUMENT names the text.
absl::StatusOr<int64_t> ParseAmountFen(absl::string_view text,
                                       int64_t yuan_per_unit);

}  // namespace targetwatch::tables

#endif  // TARGETWATCH_SERVICES_TABLES_NUMBER_PARSE_H_
