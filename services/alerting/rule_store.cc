#include "services/alerting/rule_store.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "services/alerting/rule_eval.h"
#include "services/common/proto_bytes.h"
#include "services/common/status_macros.h"

namespace targetwatch {
namespace {

// KEYS: rules hash. ARGV: name, expected etag ('' new, '*' any, else
// exact), new etag, bytes ('' deletes).
constexpr char kPutScript[] = R"lua(
local current = redis.call('HGET', KEYS[1], ARGV[1] .. ':etag')
if ARGV[2] == '' and current then
  return redis.error_reply('ALREADY_EXISTS ' .. ARGV[1] .. ' exists')
end
if ARGV[2] ~= '' and ARGV[2] ~= '*' then
  if not current then return redis.error_reply('NOT_FOUND ' .. ARGV[1] .. ' does not exist') end
  if current ~= ARGV[2] then
    return redis.error_reply('ABORTED etag "' .. ARGV[2] .. '" is stale; the rule has changed')
  end
end
if ARGV[4] == '' then
  if not current then return redis.error_reply('NOT_FOUND ' .. ARGV[1] .. ' does not exist') end
  redis.call('HDEL', KEYS[1], ARGV[1], ARGV[1] .. ':etag')
else
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[4], ARGV[1] .. ':etag', ARGV[3])
end
return 1
)lua";

}  // namespace

RuleStore::RuleStore(redis::RedisPool& redis, redis::KeySpace keys)
    : redis_(redis), keys_(std::move(keys)), put_script_(kPutScript) {}

absl::StatusOr<std::vector<v1::Rule>> RuleStore::All() {
  ASSIGN_OR_RETURN(redis::RedisValue all,
                   redis_.Command({"HGETALL", keys_.Global("{alerts}:rules")}));
  std::map<std::string, v1::Rule> stored;
  for (size_t i = 0; i + 1 < all.elements.size(); i += 2) {
    const std::string& field = all.elements[i].str;
    if (field.size() > 5 && field.compare(field.size() - 5, 5, ":etag") == 0) continue;
    ASSIGN_OR_RETURN(v1::Rule rule, Decode<v1::Rule>(all.elements[i + 1].str));
    stored[field] = std::move(rule);
  }
  std::vector<v1::Rule> rules;
  for (v1::Rule& builtin : BuiltinRules()) {
    auto it = stored.find(builtin.name());
    if (it != stored.end()) {
      rules.push_back(std::move(it->second));
      stored.erase(it);
    } else {
      rules.push_back(std::move(builtin));
    }
  }
  for (auto& [name, rule] : stored) rules.push_back(std::move(rule));
  return rules;
}

absl::StatusOr<std::optional<v1::Rule>> RuleStore::Get(const std::string& name) {
  ASSIGN_OR_RETURN(std::vector<v1::Rule> rules, All());
  for (v1::Rule& rule : rules) {
    if (rule.name() == name) return std::optional<v1::Rule>(std::move(rule));
  }
  return std::optional<v1::Rule>();
}

absl::Status RuleStore::Put(const v1::Rule& rule, const std::string& expected_etag) {
  ASSIGN_OR_RETURN(redis::RedisPool::Lease lease, redis_.Acquire());
  ASSIGN_OR_RETURN(redis::RedisValue reply,
                   put_script_.Run(*lease, {keys_.Global("{alerts}:rules")},
                                   {rule.name(), expected_etag, rule.etag(), Encode(rule)}));
  (void)reply;
  return absl::OkStatus();
}

absl::Status RuleStore::Delete(const std::string& name, const std::string& expected_etag) {
  ASSIGN_OR_RETURN(redis::RedisPool::Lease lease, redis_.Acquire());
  ASSIGN_OR_RETURN(redis::RedisValue reply,
                   put_script_.Run(*lease, {keys_.Global("{alerts}:rules")},
                                   {name, expected_etag.empty() ? "*" : expected_etag, "", ""}));
  (void)reply;
  return absl::OkStatus();
}

}  // namespace targetwatch
