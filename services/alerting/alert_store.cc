#include "services/alerting/alert_store.h"

#include "absl/strings/str_cat.h"
#include "services/common/proto_bytes.h"
#include "services/common/status_macros.h"

namespace targetwatch {
namespace {

// KEYS: alerts hash, project set, alert history, all history, outbox.
// ARGV: fingerprint, expected version, alert bytes, transition bytes ('' if
// none), notify ('1' or '0'), channel, event bytes.
constexpr char kApplyScript[] = R"lua(
local stored = redis.call('HGET', KEYS[1], ARGV[1] .. ':v')
local version = tonumber(stored or '0')
if version ~= tonumber(ARGV[2]) then
  return redis.error_reply('ABORTED alert ' .. ARGV[1] .. ' changed (version ' .. version .. ')')
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3], ARGV[1] .. ':v', tonumber(ARGV[2]) + 1)
redis.call('SADD', KEYS[2], ARGV[1])
if ARGV[4] ~= '' then
  redis.call('RPUSH', KEYS[3], ARGV[4])
  redis.call('RPUSH', KEYS[4], ARGV[4])
  if ARGV[5] == '1' then redis.call('RPUSH', KEYS[5], ARGV[7]) end
end
redis.call('PUBLISH', ARGV[6], ARGV[7])
return 1
)lua";

}  // namespace

std::string AlertChannel(const redis::KeySpace& keys) {
  return keys.Global("alerting:changes");
}

AlertStore::AlertStore(redis::RedisPool& redis, redis::KeySpace keys)
    : redis_(redis), keys_(std::move(keys)), apply_script_(kApplyScript) {}

absl::Status AlertStore::Apply(const AlertStep& step, int64_t expected_version,
                               const std::string& project) {
  const std::string& fp = step.alert.fingerprint();
  v1::AlertEvent event;
  *event.mutable_alert() = step.alert;
  bool notify = false;
  std::string transition;
  if (step.transition) {
    *event.mutable_transition() = *step.transition;
    transition = Encode(*step.transition);
    // Receivers hear of firing and of resolving what had fired.
    notify = step.transition->to() == v1::FIRING ||
             (step.transition->to() == v1::RESOLVED && step.transition->from() == v1::FIRING);
  }
  ASSIGN_OR_RETURN(redis::RedisPool::Lease lease, redis_.Acquire());
  // The stored version counter is the number of applied steps; the alert
  // message carries its own version for readers.
  ASSIGN_OR_RETURN(redis::RedisValue reply,
                   apply_script_.Run(*lease,
                                     {Key("a"), Key("p:" + project), Key("h:" + fp), Key("h"),
                                      Key("outbox")},
                                     {fp, std::to_string(expected_version),
                                      Encode(step.alert), transition, notify ? "1" : "0",
                                      AlertChannel(keys_), Encode(event)}));
  (void)reply;
  return absl::OkStatus();
}

absl::StatusOr<std::optional<v1::Alert>> AlertStore::Get(const std::string& fingerprint) {
  ASSIGN_OR_RETURN(redis::RedisValue reply, redis_.Command({"HGET", Key("a"), fingerprint}));
  if (reply.is_nil()) return std::nullopt;
  ASSIGN_OR_RETURN(v1::Alert alert, Decode<v1::Alert>(reply.str));
  return alert;
}

absl::StatusOr<std::vector<v1::Alert>> AlertStore::OfProject(const std::string& project) {
  ASSIGN_OR_RETURN(redis::RedisValue members, redis_.Command({"SMEMBERS", Key("p:" + project)}));
  std::vector<v1::Alert> alerts;
  if (members.elements.empty()) return alerts;
  redis::RedisCommand get = {"HMGET", Key("a")};
  for (const auto& m : members.elements) get.push_back(m.str);
  ASSIGN_OR_RETURN(redis::RedisValue values, redis_.Command(get));
  for (const auto& v : values.elements) {
    if (v.is_nil()) continue;
    ASSIGN_OR_RETURN(v1::Alert alert, Decode<v1::Alert>(v.str));
    alerts.push_back(std::move(alert));
  }
  return alerts;
}

absl::StatusOr<std::vector<v1::Alert>> AlertStore::All() {
  ASSIGN_OR_RETURN(redis::RedisValue all, redis_.Command({"HGETALL", Key("a")}));
  std::vector<v1::Alert> alerts;
  for (size_t i = 0; i + 1 < all.elements.size(); i += 2) {
    const std::string& field = all.elements[i].str;
    if (field.size() > 2 && field.compare(field.size() - 2, 2, ":v") == 0) continue;
    ASSIGN_OR_RETURN(v1::Alert alert, Decode<v1::Alert>(all.elements[i + 1].str));
    alerts.push_back(std::move(alert));
  }
  return alerts;
}

absl::StatusOr<std::vector<v1::AlertTransition>> AlertStore::History(
    const std::string& fingerprint) {
  ASSIGN_OR_RETURN(redis::RedisValue list,
                   redis_.Command({"LRANGE", Key("h:" + fingerprint), "0", "-1"}));
  std::vector<v1::AlertTransition> out;
  for (const auto& e : list.elements) {
    ASSIGN_OR_RETURN(v1::AlertTransition t, Decode<v1::AlertTransition>(e.str));
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace targetwatch
