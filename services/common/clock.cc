#include "services/common/clock.h"

#include <string>

#include "absl/strings/str_cat.h"

namespace targetwatch {

absl::StatusOr<absl::Time> ParseRfc3339(absl::string_view text, absl::string_view field) {
  absl::Time time;
  std::string error;
  if (!absl::ParseTime(absl::RFC3339_full, std::string(text), &time, &error)) {
    return absl::InvalidArgumentError(absl::StrCat(
        field, ": \"", text, "\" is not an RFC 3339 time such as 2020-06-30T09:00:00+08:00"));
  }
  return time;
}

std::string Rfc3339(absl::Time time) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", time, absl::UTCTimeZone());
}

absl::StatusOr<std::unique_ptr<Clock>> ClockFromFlag(absl::string_view now) {
  if (now.empty()) return std::unique_ptr<Clock>(new RealClock());
  absl::StatusOr<absl::Time> start = ParseRfc3339(now, "--now");
  if (!start.ok()) return start.status();
  return std::unique_ptr<Clock>(new ShiftedClock(*start));
}

}  // namespace targetwatch
