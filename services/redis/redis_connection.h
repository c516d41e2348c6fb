#ifndef TARGETWATCH_SERVICES_REDIS_REDIS_CONNECTION_H_
#define TARGETWATCH_SERVICES_REDIS_REDIS_CONNECTION_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/redis/redis_options.h"
#include "services/redis/redis_value.h"

struct redisContext;

namespace targetwatch::redis {

using RedisCommand = std::vector<std::string>;

// One connection to Redis: owns a hiredis redisContext.
//
// Every command goes through redisCommandArgv with explicit lengths, so keys
// and values are binary safe and user data is never formatted into a command.
//
// Errors: UNAVAILABLE when Redis cannot be reached, times out or drops the
// connection; after that broken() is true and the connection must be
// replaced (RedisPool does this). A Redis error reply to a single command is
// mapped by StatusFromRedisError.
//
// Not thread-safe: use one per thread, or lease one from a RedisPool.
class RedisConnection {
 public:
  static absl::StatusOr<std::unique_ptr<RedisConnection>> Connect(
      const RedisOptions& options);

  ~RedisConnection();
  RedisConnection(const RedisConnection&) = delete;
  RedisConnection& operator=(const RedisConnection&) = delete;

  absl::StatusOr<RedisValue> Command(const RedisCommand& command);

  // Sends all commands in one round trip; one reply each, in order. Error
  // replies come back as elements of type kError.
  absl::StatusOr<std::vector<RedisValue>> Pipeline(
      const std::vector<RedisCommand>& commands);

  // Runs the commands atomically (MULTI ... EXEC) in one round trip and
  // returns EXEC's replies. ABORTED when a WATCHed key changed.
  absl::StatusOr<std::vector<RedisValue>> Transaction(
      const std::vector<RedisCommand>& commands);

  bool broken() const { return broken_; }

 private:
  explicit RedisConnection(redisContext* context) : context_(context) {}

  absl::Status Append(const RedisCommand& command);
  absl::StatusOr<RedisValue> ReadReply();
  absl::Status Broken(const char* what);

  redisContext* context_;
  bool broken_ = false;
};

}  // namespace targetwatch::redis

#endif  // TARGETWATCH_SERVICES_REDIS_REDIS_CONNECTION_H_
