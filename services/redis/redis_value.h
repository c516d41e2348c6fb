#ifndef TARGETWATCH_SERVICES_REDIS_REDIS_VALUE_H_
#define TARGETWATCH_SERVICES_REDIS_REDIS_VALUE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"

namespace targetwatch::redis {

// A Redis reply, copied out of hiredis' redisReply so that it outlives the
// connection it came from. Error replies only appear as elements of
// pipelines and transactions; a single command's error becomes a Status.
struct RedisValue {
  enum class Type { kNil, kInteger, kString, kStatus, kArray, kError };

  Type type = Type::kNil;
  int64_t integer = 0;
  std::string str;  // kString, kStatus and kError
  std::vector<RedisValue> elements;

  bool is_nil() const { return type == Type::kNil; }
  bool is_error() const { return type == Type::kError; }
};

// The Status a Redis error reply stands for. Lua scripts of ours signal
// domain errors by starting the message with a canonical code name
// ("ABORTED etag mismatch", "NOT_FOUND projects/x"); server states that
// pass (LOADING, BUSY, MASTERDOWN, ...) are UNAVAILABLE; the rest INTERNAL.
absl::Status StatusFromRedisError(const std::string& message);

}  // namespace targetwatch::redis

#endif  // TARGETWATCH_SERVICES_REDIS_REDIS_VALUE_H_
