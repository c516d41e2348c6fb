#ifndef TARGETWATCH_SERVICES_ALERTING_SILENCES_H_
#define TARGETWATCH_SERVICES_ALERTING_SILENCES_H_

// Silences suppress notifications, not evaluation: a silenced alert still
// lists (marked silenced) but no receiver hears of it.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/redis/key_space.h"
#include "services/redis/redis_pool.h"
#include "targetwatch/v1/alerting.pb.h"

namespace targetwatch {

// Whether `silence` covers `alert` at `now`: every matcher matches the
// alert's labels, now is within [start, end) and, when the silence has
// weekly windows, within one of them (local time, UTC+8).
bool Covers(const v1::Silence& silence, const v1::Alert& alert, absl::Time now);
bool IsSilenced(const std::vector<v1::Silence>& silences, const v1::Alert& alert,
                absl::Time now);

// INVALID_ARGUMENT naming the field.
absl::Status ValidateSilence(const v1::Silence& silence);

// Silences in Redis: P{alerts}:silences, a hash of name -> silence.
class SilenceStore {
 public:
  SilenceStore(redis::RedisPool& redis, redis::KeySpace keys);
  absl::StatusOr<std::vector<v1::Silence>> All();
  absl::Status Put(const v1::Silence& silence);

 private:
  redis::RedisPool& redis_;
  const redis::KeySpace keys_;
};

}  // namespace targetwatch

#endif  // TARGETWATCH_SERVICES_ALERTING_SILENCES_H_
