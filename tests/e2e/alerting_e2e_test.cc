// The whole chain with the real binaries: a district's report breaks a
// target, progress notifies alerting, the alert fires and reaches a
// WatchAlerts stream; then twctl lists, acknowledges and shows its history.
#include <iostream>
#include <map>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "google/protobuf/util/json_util.h"
#include "grpcpp/create_channel.h"
#include "gtest/gtest.h"
#include "targetwatch/v1/alerting.grpc.pb.h"
#include "targetwatch/v1/registry.pb.h"
#include "tests/testing/command_runner.h"
#include "tests/testing/http_receiver.h"
#include "tests/testing/redis_server.h"
#include "tests/testing/service_process.h"

namespace targetwatch {
namespace {

using testing::CommandResult;

const std::string kSeed =
    std::string(TW_SOURCE_DIR) + "/examples/tables/shanghai-housing-2020-targets.txt";
const char kNow[] = "--now=2020-08-07T12:00:00+08:00";

class AlertingE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto redis = testing::RedisServer::Launch();
    ASSERT_TRUE(redis.ok()) << redis.status();
    redis_ = *std::move(redis);
    auto registry = testing::StartService("registry", redis_->address(), {kNow});
    ASSERT_TRUE(registry.ok()) << registry.status();
    registry_.emplace(*std::move(registry));
    // Progress and alerting call each other: choose both ports first.
    int progress_port = testing::PickFreePort();
    int alerting_port = testing::PickFreePort();
    auto alerting = testing::StartService(
        "alerting", redis_->address(),
        {kNow, absl::StrCat("--progress=127.0.0.1:", progress_port)}, alerting_port);
    ASSERT_TRUE(alerting.ok()) << alerting.status();
    alerting_.emplace(*std::move(alerting));
    auto progress = testing::StartService(
        "progress", redis_->address(),
        {kNow, "--registry=" + registry_->address, "--alerting=" + alerting_->address},
        progress_port);
    ASSERT_TRUE(progress.ok()) << progress.status();
    progress_.emplace(*std::move(progress));
  }

  CommandResult Twctl(const std::string& args) {
    return testing::Twctl(absl::StrCat("--registry=", registry_->address, " --progress=",
                                       progress_->address, " --alerting=", alerting_->address,
                                       " ", args));
  }

  std::unique_ptr<testing::RedisServer> redis_;
  std::optional<testing::ServiceProcess> registry_;
  std::optional<testing::ServiceProcess> alerting_;
  std::optional<testing::ServiceProcess> progress_;
};

TEST_F(AlertingE2eTest, ReportThatBreaksATargetFiresAnAlertWithinASecond) {
  ASSERT_EQ(Twctl("import " + kSeed).exit_code, 0);
  CommandResult list = Twctl("projects list --json");
  v1::ListProjectsResponse projects;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(list.out, &projects).ok());
  std::string project;
  for (const auto& p : projects.projects()) {
    if (p.title() == "房屋物业管理监督管理") project = p.name();
  }
  CommandResult indicators = Twctl("indicators list --json " + project);
  v1::ListIndicatorsResponse inds;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(indicators.out, &inds).ok());
  std::string indicator;
  for (const auto& ind : inds.indicators()) {
    if (ind.title() == "投诉处理及时率") indicator = ind.name();
  }
  ASSERT_FALSE(indicator.empty());

  auto stub = v1::AlertingService::NewStub(
      grpc::CreateChannel(alerting_->address, grpc::InsecureChannelCredentials()));
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(30)));
  v1::WatchAlertsRequest watch;
  watch.set_filter("project=" + project);
  auto stream = stub->WatchAlerts(&context, watch);
  absl::SleepFor(absl::Milliseconds(200));  // the stream is registered

  absl::Time sent = absl::Now();
  CommandResult report = Twctl(absl::StrCat("report measurement --indicator ", indicator,
                                            " --value 50 --district 黄浦区 --note 人手不足"));
  ASSERT_EQ(report.exit_code, 0) << report.err;
  v1::AlertEvent event;
  std::string fired;
  absl::Duration latency;
  while (stream->Read(&event)) {
    if (event.alert().rule() == "rules/indicator-off-track" &&
        event.alert().labels().at("indicator") == indicator &&
        event.transition().to() == v1::FIRING) {
      latency = absl::Now() - sent;
      fired = event.alert().name();
      break;
    }
  }
  ASSERT_FALSE(fired.empty()) << "no alert reached WatchAlerts";
  std::cout << "report -> WatchAlerts: " << absl::FormatDuration(latency)
            << " (including twctl's start)\n";
  EXPECT_LT(latency, absl::Seconds(1));
  context.TryCancel();

  CommandResult alerts = Twctl("alerts list --state firing");
  EXPECT_TRUE(absl::StrContains(alerts.out, "投诉处理及时率")) << alerts.out;
  CommandResult ack = Twctl(absl::StrCat("alerts ack ", fired, " --by 值班员 --note 已处理"));
  EXPECT_EQ(ack.exit_code, 0) << ack.err;
  CommandResult shown = Twctl("alerts list --state firing");
  EXPECT_TRUE(absl::StrContains(shown.out, "值班员")) << shown.out;
  CommandResult history = Twctl("alerts history " + fired);
  EXPECT_TRUE(absl::StrContains(history.out, "-> firing")) << history.out;

  CommandResult created = Twctl(
      "rules create --type disbursement_behind --threshold 20 --severity critical --for 10m"
      " --name 资金严重落后 --json");
  ASSERT_EQ(created.exit_code, 0) << created.err;
  v1::Rule rule;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(created.out, &rule).ok());
  EXPECT_EQ(rule.for_duration().seconds(), 600);
  EXPECT_TRUE(absl::StrContains(Twctl("rules list").out, "资金严重落后"));
  EXPECT_EQ(Twctl("rules delete " + rule.name()).exit_code, 0);
  EXPECT_EQ(Twctl("rules delete rules/disbursement-behind").exit_code, 1);
  EXPECT_EQ(Twctl("rules create --type nonsense").exit_code, 2);

  CommandResult silence = Twctl("silences add --match department=上海市房屋管理局 --hours 2"
                                " --comment 年中调整 --by 值班长");
  ASSERT_EQ(silence.exit_code, 0) << silence.err;
  CommandResult silences = Twctl("silences list");
  EXPECT_TRUE(absl::StrContains(silences.out, "department=上海市房屋管理局")) << silences.out;
  std::string name = silence.out.substr(8, silence.out.find(' ', 8) - 8);
  EXPECT_EQ(Twctl("silences expire " + name).exit_code, 0) << name;
  EXPECT_FALSE(absl::StrContains(Twctl("silences list").out, "年中调整"));

  CommandResult added = Twctl("receivers add --url http://127.0.0.1:1/hook --group-wait 30s"
                              " --send-resolved");
  ASSERT_EQ(added.exit_code, 0) << added.err;
  EXPECT_TRUE(absl::StrContains(Twctl("receivers list").out, "30s"));
  std::string receiver = added.out.substr(8, added.out.find('\n') - 8);
  EXPECT_EQ(Twctl("receivers delete " + receiver).exit_code, 0);
  EXPECT_EQ(Twctl("receivers add --url ftp://x").exit_code, 1);
}

// Two alerting processes on one Redis, both sweeping and both delivering
// to the same webhook: one firing webhook per alert.
TEST(AlertingReplicasTest, TwoAlertingProcessesSendOneWebhookPerTransition) {
  auto redis = testing::RedisServer::Launch();
  ASSERT_TRUE(redis.ok()) << redis.status();
  testing::HttpReceiver receiver;
  auto registry = testing::StartService("registry", (*redis)->address(), {kNow});
  ASSERT_TRUE(registry.ok()) << registry.status();
  int progress_port = testing::PickFreePort();
  std::vector<std::string> alerting_flags = {
      kNow, absl::StrCat("--progress=127.0.0.1:", progress_port), "--webhook=" + receiver.url()};
  auto first = testing::StartService("alerting", (*redis)->address(), alerting_flags);
  ASSERT_TRUE(first.ok()) << first.status();
  auto second = testing::StartService("alerting", (*redis)->address(), alerting_flags);
  ASSERT_TRUE(second.ok()) << second.status();
  auto progress = testing::StartService(
      "progress", (*redis)->address(),
      {kNow, "--registry=" + registry->address, "--alerting=" + first->address}, progress_port);
  ASSERT_TRUE(progress.ok()) << progress.status();
  std::string flags = absl::StrCat("--registry=", registry->address);
  ASSERT_EQ(testing::Twctl(flags + " import " + kSeed).exit_code, 0);

  // Both replicas sweep every project from 5 s after their start; wait
  // until both have swept at least once, then count.
  absl::SleepFor(absl::Seconds(7));
  std::map<std::string, int> firing;  // fingerprint -> firing webhooks
  for (const std::string& body : receiver.bodies()) {
    size_t at = 0;
    while ((at = body.find("{\"status\":\"firing\"", at)) != std::string::npos) {
      size_t fp = body.find("\"fingerprint\":\"", at);
      if (fp == std::string::npos) break;
      firing[body.substr(fp + 15, 16)]++;
      at = fp;
    }
  }
  ASSERT_FALSE(firing.empty()) << "no webhook arrived";
  for (const auto& [fingerprint, count] : firing) {
    EXPECT_EQ(count, 1) << "alerts/" << fingerprint << " was sent " << count << " times";
  }
  std::cout << firing.size() << " alerts fired, each sent once, over "
            << receiver.bodies().size() << " webhooks\n";
}

}  // namespace
}  // namespace targetwatch
