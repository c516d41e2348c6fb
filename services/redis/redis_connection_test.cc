#include "services/redis/redis_connection.h"
#include "services/redis/redis_script.h"

#include <string>

#include "gtest/gtest.h"
#include "tests/testing/redis_server.h"

namespace targetwatch::redis {
namespace {

class RedisConnectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto server = targetwatch::testing::RedisServer::Launch();
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
    auto connection = RedisConnection::Connect(server_->options());
    ASSERT_TRUE(connection.ok()) << connection.status();
    connection_ = *std::move(connection);
  }

  std::unique_ptr<targetwatch::testing::RedisServer> server_;
  std::unique_ptr<RedisConnection> connection_;
};

TEST_F(RedisConnectionTest, StoresBinaryValuesExactly) {
  const std::string value("a\0b\r\n%s \xe4\xb8\xad", 11);
  ASSERT_TRUE(connection_->Command({"SET", "k", value}).ok());
  auto reply = connection_->Command({"GET", "k"});
  ASSERT_TRUE(reply.ok()) << reply.status();
  EXPECT_EQ(reply->type, RedisValue::Type::kString);
  EXPECT_EQ(reply->str, value);
}

TEST_F(RedisConnectionTest, ReturnsNilForMissingKey) {
  auto reply = connection_->Command({"GET", "missing"});
  ASSERT_TRUE(reply.ok());
  EXPECT_TRUE(reply->is_nil());
}

TEST_F(RedisConnectionTest, MapsErrorReplyToStatus) {
  ASSERT_TRUE(connection_->Command({"SET", "s", "x"}).ok());
  auto reply = connection_->Command({"INCR", "s"});
  EXPECT_EQ(reply.status().code(), absl::StatusCode::kInternal);
  EXPECT_FALSE(connection_->broken());
  // The connection is still usable after an error reply.
  EXPECT_TRUE(connection_->Command({"PING"}).ok());
}

TEST_F(RedisConnectionTest, MapsCodedScriptErrorsToTheirCode) {
  auto reply = connection_->Command(
      {"EVAL", "return redis.error_reply('ABORTED etag mismatch')", "0"});
  EXPECT_EQ(reply.status().code(), absl::StatusCode::kAborted);
  EXPECT_EQ(reply.status().message(), "etag mismatch");
}

TEST_F(RedisConnectionTest, PipelineKeepsOrderAndReportsErrorsPerCommand) {
  auto replies = connection_->Pipeline(
      {{"SET", "a", "1"}, {"INCR", "a"}, {"HSET", "a", "f", "v"}, {"GET", "a"}});
  ASSERT_TRUE(replies.ok()) << replies.status();
  ASSERT_EQ(replies->size(), 4u);
  EXPECT_EQ((*replies)[1].integer, 2);
  EXPECT_TRUE((*replies)[2].is_error());  // WRONGTYPE
  EXPECT_EQ((*replies)[3].str, "2");
}

TEST_F(RedisConnectionTest, TransactionAppliesAllCommands) {
  auto replies = connection_->Transaction(
      {{"HSET", "h", "x", "1"}, {"SADD", "set", "m"}, {"HGET", "h", "x"}});
  ASSERT_TRUE(replies.ok()) << replies.status();
  ASSERT_EQ(replies->size(), 3u);
  EXPECT_EQ((*replies)[2].str, "1");
}

TEST_F(RedisConnectionTest, TransactionWithBadCommandWritesNothing) {
  auto replies = connection_->Transaction(
      {{"SET", "t", "1"}, {"NOSUCHCOMMAND"}});
  EXPECT_FALSE(replies.ok());
  auto get = connection_->Command({"EXISTS", "t"});
  ASSERT_TRUE(get.ok());
  EXPECT_EQ(get->integer, 0);
}

TEST_F(RedisConnectionTest, TransactionAbortsWhenWatchedKeyChanges) {
  ASSERT_TRUE(connection_->Command({"WATCH", "w"}).ok());
  auto other = RedisConnection::Connect(server_->options());
  ASSERT_TRUE(other.ok());
  ASSERT_TRUE((*other)->Command({"SET", "w", "theirs"}).ok());
  auto replies = connection_->Transaction({{"SET", "w", "mine"}});
  EXPECT_EQ(replies.status().code(), absl::StatusCode::kAborted);
  EXPECT_EQ((*other)->Command({"GET", "w"})->str, "theirs");
}

TEST_F(RedisConnectionTest, ConnectToClosedPortIsUnavailable) {
  RedisOptions options = server_->options();
  server_->Stop();
  auto connection = RedisConnection::Connect(options);
  EXPECT_EQ(connection.status().code(), absl::StatusCode::kUnavailable);
}

TEST_F(RedisConnectionTest, ServerGoneMarksConnectionBroken) {
  server_->Stop();
  auto reply = connection_->Command({"PING"});
  EXPECT_EQ(reply.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_TRUE(connection_->broken());
}

TEST_F(RedisConnectionTest, SlowCommandTimesOutUnavailable) {
  RedisOptions options = server_->options();
  options.command_timeout = absl::Milliseconds(100);
  auto connection = RedisConnection::Connect(options);
  ASSERT_TRUE(connection.ok());
  auto reply = (*connection)->Command({"DEBUG", "SLEEP", "0.5"});
  EXPECT_EQ(reply.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_TRUE((*connection)->broken());
}

TEST(ParseRedisAddressTest, AcceptsHostPortAndRejectsTheRest) {
  auto ok = ParseRedisAddress("redis.local:6380");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->host, "redis.local");
  EXPECT_EQ(ok->port, 6380);
  for (const char* bad : {"", "redis", ":6379", "redis:", "redis:0",
                          "redis:70000", "redis:12a"}) {
    EXPECT_EQ(ParseRedisAddress(bad).status().code(),
              absl::StatusCode::kInvalidArgument)
        << bad;
  }
}

}  // namespace
}  // namespace targetwatch::redis

namespace targetwatch::redis {
namespace {

TEST_F(RedisConnectionTest, ScriptReloadsAfterTheServerForgetsIt) {
  RedisScript script("return redis.call('INCR', KEYS[1])");
  auto first = script.Run(*connection_, {"n"}, {});
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(first->integer, 1);
  ASSERT_TRUE(connection_->Command({"SCRIPT", "FLUSH"}).ok());
  auto second = script.Run(*connection_, {"n"}, {});
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(second->integer, 2);
}

}  // namespace
}  // namespace targetwatch::redis
