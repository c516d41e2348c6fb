#include "services/redis/redis_pool.h"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "tests/testing/redis_server.h"

namespace targetwatch::redis {
namespace {

class RedisPoolTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto server = targetwatch::testing::RedisServer::Launch();
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
  }

  RedisOptions Options(int pool_size) const {
    RedisOptions options = server_->options();
    options.pool_size = pool_size;
    options.pool_wait = absl::Milliseconds(200);
    options.command_timeout = absl::Milliseconds(500);
    return options;
  }

  std::unique_ptr<targetwatch::testing::RedisServer> server_;
};

TEST_F(RedisPoolTest, ConcurrentHandlersShareABoundedPool) {
  RedisPool pool(Options(4));
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 16; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 200; ++i) {
        if (!pool.Command({"INCR", "counter"}).ok()) ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(pool.Command({"GET", "counter"})->str, "3200");
  auto clients = pool.Command({"CLIENT", "LIST"});
  ASSERT_TRUE(clients.ok());
  // At most pool_size connections were ever opened at once.
  EXPECT_LE(std::count(clients->str.begin(), clients->str.end(), '\n'), 4);
}

TEST_F(RedisPoolTest, WaitsThenFailsUnavailableWhenAllConnectionsLeased) {
  RedisPool pool(Options(1));
  auto lease = pool.Acquire();
  ASSERT_TRUE(lease.ok());
  absl::Time start = absl::Now();
  auto reply = pool.Command({"PING"});
  EXPECT_EQ(reply.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_GE(absl::Now() - start, absl::Milliseconds(150));
}

TEST_F(RedisPoolTest, LeaseReturnsConnectionForReuse) {
  RedisPool pool(Options(1));
  { ASSERT_TRUE(pool.Acquire().ok()); }
  EXPECT_TRUE(pool.Ping().ok());
}

TEST_F(RedisPoolTest, ReportsUnavailableWhileRedisIsDownAndRecoversAfter) {
  RedisPool pool(Options(2));
  ASSERT_TRUE(pool.Command({"SET", "k", "before"}).ok());

  server_->Stop();
  EXPECT_EQ(pool.Ping().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(pool.Command({"GET", "k"}).status().code(),
            absl::StatusCode::kUnavailable);

  ASSERT_TRUE(server_->Start().ok());
  // No restart of the client: the pool reconnects on the next lease.
  EXPECT_TRUE(pool.Ping().ok());
  auto reply = pool.Command({"SET", "k", "after"});
  EXPECT_TRUE(reply.ok()) << reply.status();
}

TEST_F(RedisPoolTest, LeaseAllowsWatchThenTransactionOnOneConnection) {
  RedisPool pool(Options(2));
  auto lease = pool.Acquire();
  ASSERT_TRUE(lease.ok());
  ASSERT_TRUE((*lease)->Command({"WATCH", "x"}).ok());
  auto replies = (*lease)->Transaction({{"SET", "x", "1"}});
  ASSERT_TRUE(replies.ok()) << replies.status();
  EXPECT_EQ(pool.Command({"GET", "x"})->str, "1");
}

}  // namespace
}  // namespace targetwatch::redis
