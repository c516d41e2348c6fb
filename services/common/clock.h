#ifndef TARGETWATCH_SERVICES_COMMON_CLOCK_H_
#define TARGETWATCH_SERVICES_COMMON_CLOCK_H_

#include <memory>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace targetwatch {

// What time it is for a service. The seed's projects are from 2020: for
// demonstrations and tests a service runs with --now=RFC3339, a clock that
// starts at that moment and runs on. Thread-safe.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual absl::Time Now() const = 0;
};

class RealClock final : public Clock {
 public:
  absl::Time Now() const override { return absl::Now(); }
};

// Starts at `start` when made and advances with real time.
class ShiftedClock final : public Clock {
 public:
  explicit ShiftedClock(absl::Time start) : offset_(start - absl::Now()) {}
  absl::Time Now() const override { return absl::Now() + offset_; }

 private:
  const absl::Duration offset_;
};

// The clock --now asks for: empty means the real clock; otherwise an
// RFC 3339 time ("2020-06-30T09:00:00+08:00"). INVALID_ARGUMENT names --now.
absl::StatusOr<std::unique_ptr<Clock>> ClockFromFlag(absl::string_view now);

// RFC 3339 in UTC with seconds: "2020-06-30T01:00:00Z".
std::string Rfc3339(absl::Time time);
// RFC 3339, any offset; INVALID_ARGUMENT naming `field`.
absl::StatusOr<absl::Time> ParseRfc3339(absl::string_view text, absl::string_view field);

}  // namespace targetwatch

#endif  // TARGETWATCH_SERVICES_COMMON_CLOCK_H_
