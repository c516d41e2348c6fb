#include "services/redis/redis_script.h"

#include "absl/strings/match.h"

namespace targetwatch::redis {

absl::StatusOr<std::string> RedisScript::Load(RedisConnection& connection) {
  absl::StatusOr<RedisValue> sha = connection.Command({"SCRIPT", "LOAD", source_});
  if (!sha.ok()) return sha.status();
  absl::MutexLock lock(&mu_);
  sha_ = sha->str;
  return sha_;
}

absl::StatusOr<RedisValue> RedisScript::Run(RedisConnection& connection,
                                            const std::vector<std::string>& keys,
                                            const std::vector<std::string>& args) {
  std::string sha;
  {
    absl::MutexLock lock(&mu_);
    sha = sha_;
  }
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (sha.empty()) {
      absl::StatusOr<std::string> loaded = Load(connection);
      if (!loaded.ok()) return loaded.status();
      sha = *loaded;
    }
    RedisCommand command = {"EVALSHA", sha, std::to_string(keys.size())};
    command.insert(command.end(), keys.begin(), keys.end());
    command.insert(command.end(), args.begin(), args.end());
    absl::StatusOr<RedisValue> reply = connection.Command(command);
    if (reply.ok() || !absl::StartsWith(reply.status().message(), "redis: NOSCRIPT")) {
      return reply;
    }
    sha.clear();  // the server lost it: load again
  }
  return absl::InternalError("redis: script could not be loaded");
}

}  // namespace targetwatch::redis
