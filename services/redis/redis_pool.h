#ifndef TARGETWATCH_SERVICES_REDIS_REDIS_POOL_H_
#define TARGETWATCH_SERVICES_REDIS_REDIS_POOL_H_

#include <memory>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "services/redis/redis_connection.h"

namespace targetwatch::redis {

// A bounded pool of RedisConnections, safe for concurrent handlers.
//
// Connections are made lazily, up to options.pool_size; a caller that finds
// all of them leased waits up to options.pool_wait, then gets UNAVAILABLE.
// A connection that broke is dropped when returned, so the next lease
// reconnects: the pool recovers by itself when Redis comes back.
class RedisPool {
 public:
  // Returns a connection to the pool when destroyed.
  class Lease {
   public:
    Lease(Lease&& other) noexcept
        : pool_(other.pool_), connection_(std::move(other.connection_)) {}
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    RedisConnection* operator->() const { return connection_.get(); }
    RedisConnection& operator*() const { return *connection_; }

   private:
    friend class RedisPool;
    Lease(RedisPool* pool, std::unique_ptr<RedisConnection> connection)
        : pool_(pool), connection_(std::move(connection)) {}
    RedisPool* pool_;
    std::unique_ptr<RedisConnection> connection_;
  };

  explicit RedisPool(RedisOptions options);
  RedisPool(const RedisPool&) = delete;
  RedisPool& operator=(const RedisPool&) = delete;

  // For several steps on one connection (WATCH, then a transaction).
  absl::StatusOr<Lease> Acquire();

  // One-shot helpers on a leased connection.
  absl::StatusOr<RedisValue> Command(const RedisCommand& command);
  absl::StatusOr<std::vector<RedisValue>> Pipeline(
      const std::vector<RedisCommand>& commands);
  absl::StatusOr<std::vector<RedisValue>> Transaction(
      const std::vector<RedisCommand>& commands);

  // OK when Redis answers PING.
  absl::Status Ping();

  const RedisOptions& options() const { return options_; }

 private:
  void Release(std::unique_ptr<RedisConnection> connection);
  bool HasRoom() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const RedisOptions options_;
  absl::Mutex mu_;
  std::vector<std::unique_ptr<RedisConnection>> idle_ ABSL_GUARDED_BY(mu_);
  int leased_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace targetwatch::redis

#endif  // TARGETWATCH_SERVICES_REDIS_REDIS_POOL_H_
