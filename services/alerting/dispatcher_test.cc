// Webhooks: Alertmanager's format, silences, a receiver that was down,
// and two replicas posting each transition once.
#include "services/alerting/dispatcher.h"

#include <thread>

#include "absl/strings/match.h"
#include "gtest/gtest.h"
#include "services/alerting/alert_evaluator.h"
#include "services/alerting/alerts.h"
#include "services/alerting/webhook_format.h"
#include "services/common/proto_time.h"
#include "tests/testing/http_receiver.h"
#include "tests/testing/redis_server.h"
#include "tests/testing/subprocess.h"

namespace targetwatch {
namespace {

const absl::Time kT0 =
    absl::FromCivil(absl::CivilSecond(2020, 8, 7, 12, 0, 0), absl::FixedTimeZone(8 * 3600));

class OneProject final : public ProgressSource {
 public:
  absl::StatusOr<v1::ProjectProgress> GetProgress(const std::string&) override {
    absl::MutexLock lock(&mu_);
    return progress_;
  }
  absl::StatusOr<std::vector<std::string>> ListProjects() override {
    return std::vector<std::string>{"projects/p"};
  }
  void AddOffTrackIndicator() {
    absl::MutexLock lock(&mu_);
    v1::IndicatorProgress* ind = progress_.add_indicators();
    ind->set_indicator("projects/p/indicators/a");
    ind->set_title("投诉处理及时率");
    ind->set_status(v1::OFF_TRACK);
    ind->set_has_actual(true);
    ind->set_actual_value(50);
  }
  void SetLag(double lag) {
    absl::MutexLock lock(&mu_);
    progress_.set_project("projects/p");
    progress_.set_title("房屋物业管理监督管理");
    progress_.set_department("上海市房屋管理局");
    progress_.mutable_budget()->set_current_year_fen(100);
    progress_.mutable_budget()->set_lag_points(lag);
  }

 private:
  absl::Mutex mu_;
  v1::ProjectProgress progress_;
};

class Fixed final : public Clock {
 public:
  absl::Time Now() const override { return now; }
  absl::Time now = kT0;
};

class DispatcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto server = testing::RedisServer::Launch();
    ASSERT_TRUE(server.ok());
    server_ = *std::move(server);
    pool_ = std::make_unique<redis::RedisPool>(server_->options());
    store_ = std::make_unique<AlertStore>(*pool_, keys_);
    rules_ = std::make_unique<RuleStore>(*pool_, keys_);
    silences_ = std::make_unique<SilenceStore>(*pool_, keys_);
    evaluator_ = std::make_unique<AlertEvaluator>(progress_, *store_, clock_,
                                                  [this] { return rules_->All(); });
    alerts_ = std::make_unique<Alerts>(*store_, *rules_, *silences_, *evaluator_, clock_, *pool_,
                                       keys_);
  }

  std::unique_ptr<Dispatcher> MakeDispatcher(const std::string& replica) {
    return std::make_unique<Dispatcher>(*pool_, keys_, *silences_,
                                        [this] { return alerts_->Receivers(); }, clock_, replica);
  }

  void Fire() {
    progress_.SetLag(-30);
    ASSERT_TRUE(evaluator_->EvaluateProject("projects/p").ok());
  }
  void Resolve() {
    progress_.SetLag(0);
    clock_.now += absl::Minutes(1);
    ASSERT_TRUE(evaluator_->EvaluateProject("projects/p").ok());
  }

  std::unique_ptr<testing::RedisServer> server_;
  std::unique_ptr<redis::RedisPool> pool_;
  redis::KeySpace keys_{"dt:"};
  std::unique_ptr<AlertStore> store_;
  std::unique_ptr<RuleStore> rules_;
  std::unique_ptr<SilenceStore> silences_;
  OneProject progress_;
  Fixed clock_;
  std::unique_ptr<AlertEvaluator> evaluator_;
  std::unique_ptr<Alerts> alerts_;
};

TEST_F(DispatcherTest, PostsFiringAndResolvedInAlertmanagerFormat) {
  testing::HttpReceiver receiver;
  alerts_->AddStartupReceiver(receiver.url());
  auto dispatcher = MakeDispatcher("r1");
  Fire();
  EXPECT_EQ(dispatcher->RunOnce(), 1);
  Resolve();
  EXPECT_EQ(dispatcher->RunOnce(), 1);
  std::vector<std::string> bodies = receiver.bodies();
  ASSERT_EQ(bodies.size(), 2u);
  EXPECT_TRUE(absl::StrContains(bodies[0], "\"version\":\"4\"")) << bodies[0];
  EXPECT_TRUE(absl::StrContains(bodies[0], "\"status\":\"firing\""));
  EXPECT_TRUE(absl::StrContains(bodies[0], "\"groupLabels\":{\"department\":\"上海市房屋管理局\"}"))
      << bodies[0];
  EXPECT_TRUE(absl::StrContains(bodies[0], "\"endsAt\":\"0001-01-01T00:00:00Z\""));
  EXPECT_TRUE(absl::StrContains(bodies[1], "\"status\":\"resolved\""));
  EXPECT_EQ(dispatcher->RunOnce(), 0) << "nothing twice";
}

TEST_F(DispatcherTest, SilenceSuppressesTheWebhookWhileTheAlertStillLists) {
  testing::HttpReceiver receiver;
  alerts_->AddStartupReceiver(receiver.url());
  v1::CreateSilenceRequest silence;
  v1::SilenceMatcher* m = silence.mutable_silence()->add_matchers();
  m->set_label("department");
  m->set_value("上海市房屋管理局");
  SetTimestamp(kT0 - absl::Hours(1), silence.mutable_silence()->mutable_start_time());
  SetTimestamp(kT0 + absl::Hours(1), silence.mutable_silence()->mutable_end_time());
  silence.mutable_silence()->set_created_by("值班长");
  silence.mutable_silence()->set_comment("年中调整，已知落后");
  ASSERT_TRUE(alerts_->CreateSilence(silence).ok());
  auto dispatcher = MakeDispatcher("r1");
  Fire();
  EXPECT_EQ(dispatcher->RunOnce(), 0);
  EXPECT_TRUE(receiver.bodies().empty());
  v1::ListAlertsRequest list;
  auto listed = alerts_->ListAlerts(list);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->alerts_size(), 1);
  EXPECT_TRUE(listed->alerts(0).silenced());
  EXPECT_EQ(listed->alerts(0).state(), v1::FIRING);
}

TEST_F(DispatcherTest, ReceiverThatWasDownGetsItsNotificationOnceBack) {
  int port = testing::PickFreePort();
  alerts_->AddStartupReceiver("http://127.0.0.1:" + std::to_string(port) + "/hook");
  auto dispatcher = MakeDispatcher("r1");
  Fire();
  EXPECT_EQ(dispatcher->RunOnce(), 0);  // nobody listening
  testing::HttpReceiver receiver(port);
  int delivered = 0;
  absl::Time deadline = absl::Now() + absl::Seconds(10);
  while (delivered == 0 && absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(100));
    delivered += dispatcher->RunOnce();
  }
  EXPECT_EQ(delivered, 1);
  EXPECT_EQ(receiver.bodies().size(), 1u);
}

TEST_F(DispatcherTest, TwoReplicasPostEachTransitionOnce) {
  testing::HttpReceiver receiver;
  alerts_->AddStartupReceiver(receiver.url());
  auto a = MakeDispatcher("a");
  auto b = MakeDispatcher("b");
  auto both = [&] {
    for (int round = 0; round < 10; ++round) {
      std::thread ta([&] { a->RunOnce(); });
      std::thread tb([&] { b->RunOnce(); });
      ta.join();
      tb.join();
    }
  };
  Fire();
  both();
  Resolve();
  both();
  ASSERT_EQ(receiver.bodies().size(), 2u);
  EXPECT_TRUE(absl::StrContains(receiver.bodies()[0], "\"status\":\"firing\""));
  EXPECT_TRUE(absl::StrContains(receiver.bodies()[1], "\"status\":\"resolved\""));
}

TEST_F(DispatcherTest, GroupsWaitIntervalAndRepeat) {
  testing::HttpReceiver receiver;
  v1::CreateReceiverRequest create;
  v1::Receiver* r = create.mutable_receiver();
  r->set_url(receiver.url());
  r->add_group_by("department");
  r->set_send_resolved(true);
  r->mutable_group_wait()->set_seconds(30);
  r->mutable_group_interval()->set_seconds(300);
  r->mutable_repeat_interval()->set_seconds(4 * 3600);
  ASSERT_TRUE(alerts_->CreateReceiver(create).ok());
  auto dispatcher = std::make_unique<Dispatcher>(
      *pool_, keys_, *silences_, [this] { return alerts_->Receivers(); }, clock_, "r1",
      [this] { return *store_->All(); });

  // Two alerts of one department fire together: one webhook after group_wait.
  progress_.SetLag(-30);
  progress_.AddOffTrackIndicator();
  ASSERT_TRUE(evaluator_->EvaluateProject("projects/p").ok());
  EXPECT_EQ(dispatcher->RunOnce(), 0) << "waiting group_wait";
  clock_.now += absl::Seconds(30);
  EXPECT_EQ(dispatcher->RunOnce(), 1);
  ASSERT_EQ(receiver.bodies().size(), 1u);
  EXPECT_TRUE(absl::StrContains(receiver.bodies()[0], "资金支付落后计划"));
  EXPECT_TRUE(absl::StrContains(receiver.bodies()[0], "指标偏离目标"));

  // One resolves: told after group_interval from the last notification.
  progress_.SetLag(0);
  clock_.now += absl::Minutes(1);
  ASSERT_TRUE(evaluator_->EvaluateProject("projects/p").ok());
  EXPECT_EQ(dispatcher->RunOnce(), 0) << "within group_interval";
  clock_.now += absl::Minutes(4);
  EXPECT_EQ(dispatcher->RunOnce(), 1);
  EXPECT_TRUE(absl::StrContains(receiver.bodies()[1], "\"status\":\"resolved\""));

  // Still firing: repeated every repeat_interval, and not before.
  clock_.now += absl::Hours(1);
  EXPECT_EQ(dispatcher->RunOnce(), 0);
  clock_.now += absl::Hours(3);
  EXPECT_EQ(dispatcher->RunOnce(), 1);
  ASSERT_EQ(receiver.bodies().size(), 3u);
  EXPECT_TRUE(absl::StrContains(receiver.bodies()[2], "指标偏离目标"));
  EXPECT_FALSE(absl::StrContains(receiver.bodies()[2], "资金支付落后计划"));
}

TEST(WebhookFormatTest, CommonLabelsAreThoseAllAlertsShare) {
  v1::Alert one, two;
  (*one.mutable_labels())["department"] = "甲";
  (*one.mutable_labels())["project"] = "projects/a";
  one.set_state(v1::FIRING);
  (*two.mutable_labels())["department"] = "甲";
  (*two.mutable_labels())["project"] = "projects/b";
  two.set_state(v1::RESOLVED);
  std::string json = WebhookJson("receivers/x", {"department"}, {one, two});
  EXPECT_TRUE(absl::StrContains(json, "\"commonLabels\":{\"department\":\"甲\"}")) << json;
  EXPECT_TRUE(absl::StrContains(json, "\"groupKey\":\"{}:{department=\\\"甲\\\"}\"")) << json;
  EXPECT_TRUE(absl::StrContains(json, "\"status\":\"firing\",\"receiver\""));
}

}  // namespace
}  // namespace targetwatch
