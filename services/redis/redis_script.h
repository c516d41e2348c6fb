#ifndef TARGETWATCH_SERVICES_REDIS_REDIS_SCRIPT_H_
#define TARGETWATCH_SERVICES_REDIS_REDIS_SCRIPT_H_

#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "services/redis/redis_connection.h"

namespace targetwatch::redis {

// A Lua script run with EVALSHA, loaded on first use and again whenever the
// server has lost it (restart, SCRIPT FLUSH). A script's error reply that
// starts with a code name ("ABORTED ...") becomes that code.
// Thread-safe; share one per script.
class RedisScript {
 public:
  explicit RedisScript(std::string source) : source_(std::move(source)) {}

  absl::StatusOr<RedisValue> Run(RedisConnection& connection,
                                 const std::vector<std::string>& keys,
                                 const std::vector<std::string>& args);

 private:
  absl::StatusOr<std::string> Load(RedisConnection& connection);

  const std::string source_;
  absl::Mutex mu_;
  std::string sha_ ABSL_GUARDED_BY(mu_);
};

}  // namespace targetwatch::redis

#endif  // TARGETWATCH_SERVICES_REDIS_REDIS_SCRIPT_H_
