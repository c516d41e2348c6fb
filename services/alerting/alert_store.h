#ifndef TARGETWATCH_SERVICES_ALERTING_ALERT_STORE_H_
#define TARGETWATCH_SERVICES_ALERTING_ALERT_STORE_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/alerting/alert_state.h"
#include "services/redis/key_space.h"
#include "services/redis/redis_pool.h"
#include "services/redis/redis_script.h"

namespace targetwatch {

// Alerts in Redis, shared by every alerting replica. Keys (tag {alerts}):
//   P{alerts}:a              hash: fingerprint -> alert (protobuf)
//   P{alerts}:p:<project>    set: fingerprints of a project's alerts
//   P{alerts}:h:<fp>         list: the alert's transitions, oldest first
//   P{alerts}:h              list: every transition, oldest first
//   P{alerts}:outbox         list: transitions to notify receivers of
// A step is applied by one Lua script that compares the alert's version:
// when two replicas evaluate the same change, one applies it (with its
// transition, history and notification) and the other is told ABORTED, so
// every transition is recorded and notified exactly once. Applied changes
// are published on the channel AlertChannel. Thread-safe.
class AlertStore {
 public:
  AlertStore(redis::RedisPool& redis, redis::KeySpace keys);

  // Applies `step` if the stored alert still has `expected_version` (0: no
  // alert yet). ABORTED when another replica got there first.
  absl::Status Apply(const AlertStep& step, int64_t expected_version,
                     const std::string& project);

  absl::StatusOr<std::optional<v1::Alert>> Get(const std::string& fingerprint);
  absl::StatusOr<std::vector<v1::Alert>> OfProject(const std::string& project);
  absl::StatusOr<std::vector<v1::Alert>> All();
  absl::StatusOr<std::vector<v1::AlertTransition>> History(const std::string& fingerprint);

 private:
  std::string Key(const std::string& name) const {
    return keys_.Global("{alerts}:" + name);
  }

  redis::RedisPool& redis_;
  const redis::KeySpace keys_;
  redis::RedisScript apply_script_;
};

// The channel on which every applied alert change is published.
std::string AlertChannel(const redis::KeySpace& keys);

}  // namespace targetwatch

#endif  // TARGETWATCH_SERVICES_ALERTING_ALERT_STORE_H_
