// Starts each real server binary against a private redis-server and checks
// what every Targetwatch server promises: health that follows Redis,
// reflection, and a clean exit on SIGTERM.
#include <signal.h>

#include <algorithm>
#include <iostream>
#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "tests/testing/command_runner.h"
#include "tests/testing/grpc_probe.h"
#include "tests/testing/redis_server.h"
#include "tests/testing/subprocess.h"

namespace targetwatch {
namespace {

using ::targetwatch::testing::AwaitHealth;
using ::targetwatch::testing::CheckHealth;
using ::targetwatch::testing::ListServices;
using ::targetwatch::testing::RedisServer;
using ::targetwatch::testing::Subprocess;

struct Binary {
  const char* name;
  const char* service;  // full name of its targetwatch.v1 service
};

class ServerPlumbingTest : public ::testing::TestWithParam<Binary> {
 protected:
  void SetUp() override {
    auto redis = RedisServer::Launch();
    ASSERT_TRUE(redis.ok()) << redis.status();
    redis_ = *std::move(redis);
    port_ = targetwatch::testing::PickFreePort();
    address_ = absl::StrCat("127.0.0.1:", port_);
    auto server = Subprocess::Start(
        {testing::BinaryPath(GetParam().name),
         absl::StrCat("--port=", port_), "--redis=" + redis_->address(),
         "--key_prefix=plumbing:"});
    ASSERT_TRUE(server.ok()) << server.status();
    server_.emplace(*std::move(server));
  }

  std::unique_ptr<RedisServer> redis_;
  int port_ = 0;
  std::string address_;
  std::optional<Subprocess> server_;
};

TEST_P(ServerPlumbingTest, ServesHealthThatFollowsRedis) {
  auto up = AwaitHealth(address_, "SERVING", absl::Seconds(10));
  ASSERT_TRUE(up.ok()) << up.status();
  EXPECT_EQ(CheckHealth(address_, GetParam().service).value_or("error"),
            "SERVING");

  redis_->Stop();
  auto down = AwaitHealth(address_, "NOT_SERVING", absl::Seconds(5));
  ASSERT_TRUE(down.ok()) << down.status();
  std::cout << GetParam().name << ": NOT_SERVING "
            << absl::FormatDuration(*down) << " after Redis stopped\n";
  EXPECT_EQ(CheckHealth(address_, GetParam().service).value_or("error"),
            "NOT_SERVING");

  ASSERT_TRUE(redis_->Start().ok());
  auto back = AwaitHealth(address_, "SERVING", absl::Seconds(5));
  EXPECT_TRUE(back.ok()) << back.status();
}

TEST_P(ServerPlumbingTest, ListsItsServiceThroughReflection) {
  ASSERT_TRUE(AwaitHealth(address_, "SERVING", absl::Seconds(10)).ok());
  auto services = ListServices(address_);
  ASSERT_TRUE(services.ok()) << services.status();
  EXPECT_NE(std::find(services->begin(), services->end(), GetParam().service),
            services->end());
  EXPECT_NE(std::find(services->begin(), services->end(),
                      "grpc.health.v1.Health"),
            services->end());
}

TEST_P(ServerPlumbingTest, ExitsZeroSoonAfterSigterm) {
  ASSERT_TRUE(AwaitHealth(address_, "SERVING", absl::Seconds(10)).ok());
  absl::Time start = absl::Now();
  server_->Signal(SIGTERM);
  std::optional<int> code = server_->Wait(absl::Seconds(5));
  ASSERT_TRUE(code.has_value()) << "still running 5 s after SIGTERM";
  EXPECT_EQ(*code, 0);
  std::cout << GetParam().name << ": exited " << absl::FormatDuration(absl::Now() - start)
            << " after SIGTERM\n";
}

TEST_P(ServerPlumbingTest, StartsNotServingWhenRedisIsAbsent) {
  // Restart the server with Redis gone from the start.
  server_.reset();
  redis_->Stop();
  auto server = Subprocess::Start(
      {testing::BinaryPath(GetParam().name),
       absl::StrCat("--port=", port_), "--redis=" + redis_->address()});
  ASSERT_TRUE(server.ok());
  auto answer = AwaitHealth(address_, "NOT_SERVING", absl::Seconds(10));
  EXPECT_TRUE(answer.ok()) << answer.status();
}

TEST_P(ServerPlumbingTest, RejectsABadFlagWithExitTwo) {
  auto bad = Subprocess::Start(
      {testing::BinaryPath(GetParam().name),
       "--port=0", "--redis=nohostport"},
      "/dev/null");
  ASSERT_TRUE(bad.ok());
  std::optional<int> code = bad->Wait(absl::Seconds(5));
  ASSERT_TRUE(code.has_value());
  EXPECT_EQ(*code, 2);
}

INSTANTIATE_TEST_SUITE_P(
    AllServers, ServerPlumbingTest,
    ::testing::Values(Binary{"registry", "targetwatch.v1.RegistryService"},
                      Binary{"progress", "targetwatch.v1.ProgressService"},
                      Binary{"alerting", "targetwatch.v1.AlertingService"}),
    [](const ::testing::TestParamInfo<Binary>& info) {
      return std::string(info.param.name);
    });

}  // namespace
}  // namespace targetwatch
