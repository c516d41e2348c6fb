#include "services/redis/redis_pool.h"

#include <utility>

#include "absl/strings/str_cat.h"

namespace targetwatch::redis {

RedisPool::Lease::~Lease() {
  if (pool_ != nullptr && connection_ != nullptr) {
    pool_->Release(std::move(connection_));
  }
}

RedisPool::RedisPool(RedisOptions options) : options_(std::move(options)) {}

absl::StatusOr<RedisPool::Lease> RedisPool::Acquire() {
  {
    absl::MutexLock lock(&mu_);
    if (!mu_.AwaitWithTimeout(absl::Condition(this, &RedisPool::HasRoom),
                              options_.pool_wait)) {
      return absl::UnavailableError(absl::StrCat(
          "redis: all ", options_.pool_size, " connections busy for ",
          absl::FormatDuration(options_.pool_wait)));
    }
    ++leased_;
    if (!idle_.empty()) {
      std::unique_ptr<RedisConnection> connection = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(connection));
    }
  }
  // Connecting happens outside the lock: it may take connect_timeout.
  absl::StatusOr<std::unique_ptr<RedisConnection>> connection =
      RedisConnection::Connect(options_);
  if (!connection.ok()) {
    absl::MutexLock lock(&mu_);
    --leased_;
    return connection.status();
  }
  return Lease(this, *std::move(connection));
}

bool RedisPool::HasRoom() const {
  return !idle_.empty() || leased_ < options_.pool_size;
}

void RedisPool::Release(std::unique_ptr<RedisConnection> connection) {
  absl::MutexLock lock(&mu_);
  --leased_;
  if (!connection->broken()) idle_.push_back(std::move(connection));
}

absl::StatusOr<RedisValue> RedisPool::Command(const RedisCommand& command) {
  absl::StatusOr<Lease> lease = Acquire();
  if (!lease.ok()) return lease.status();
  return (*lease)->Command(command);
}

absl::StatusOr<std::vector<RedisValue>> RedisPool::Pipeline(
    const std::vector<RedisCommand>& commands) {
  absl::StatusOr<Lease> lease = Acquire();
  if (!lease.ok()) return lease.status();
  return (*lease)->Pipeline(commands);
}

absl::StatusOr<std::vector<RedisValue>> RedisPool::Transaction(
    const std::vector<RedisCommand>& commands) {
  absl::StatusOr<Lease> lease = Acquire();
  if (!lease.ok()) return lease.status();
  return (*lease)->Transaction(commands);
}

absl::Status RedisPool::Ping() {
  absl::StatusOr<RedisValue> reply = Command({"PING"});
  if (!reply.ok()) return reply.status();
  if (reply->str != "PONG") {
    return absl::UnavailableError(absl::StrCat("redis: PING answered ", reply->str));
  }
  return absl::OkStatus();
}

}  // namespace targetwatch::redis
