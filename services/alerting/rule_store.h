#ifndef TARGETWATCH_SERVICES_ALERTING_RULE_STORE_H_
#define TARGETWATCH_SERVICES_ALERTING_RULE_STORE_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/redis/key_space.h"
#include "services/redis/redis_pool.h"
#include "services/redis/redis_script.h"
#include "targetwatch/v1/alerting.pb.h"

namespace targetwatch {

// Alert rules in Redis: P{alerts}:rules, a hash of rule name -> rule.
// The built-in rules exist without being stored; a stored rule of the same
// name overrides one (to disable it or change its threshold). Writes
// compare the rule's etag in a Lua script. Thread-safe.
class RuleStore {
 public:
  RuleStore(redis::RedisPool& redis, redis::KeySpace keys);

  // Built-ins (with their stored overrides) and custom rules, by name.
  absl::StatusOr<std::vector<v1::Rule>> All();
  absl::StatusOr<std::optional<v1::Rule>> Get(const std::string& name);
  // Writes `rule` if the stored etag is `expected_etag` ("" for a new
  // rule; "*" for any). ABORTED on a stale etag, ALREADY_EXISTS /
  // NOT_FOUND as the case may be.
  absl::Status Put(const v1::Rule& rule, const std::string& expected_etag);
  absl::Status Delete(const std::string& name, const std::string& expected_etag);

 private:
  redis::RedisPool& redis_;
  const redis::KeySpace keys_;
  redis::RedisScript put_script_;
};

}  // namespace targetwatch

#endif  // TARGETWATCH_SERVICES_ALERTING_RULE_STORE_H_
