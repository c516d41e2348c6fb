// Evaluation and the alert lifecycle on a private redis-server, with the
// progress service faked: what fires, resolves, is acknowledged, and that
// two replicas record and notify each transition once.
#include "services/alerting/alert_evaluator.h"

#include <thread>

#include "absl/synchronization/mutex.h"
#include "gtest/gtest.h"
#include "services/alerting/alerts.h"
#include "services/alerting/rule_eval.h"
#include "tests/testing/redis_server.h"

namespace targetwatch {
namespace {

const absl::Time kT0 =
    absl::FromCivil(absl::CivilSecond(2020, 8, 7, 12, 0, 0), absl::FixedTimeZone(8 * 3600));

class FakeProgress final : public ProgressSource {
 public:
  absl::StatusOr<v1::ProjectProgress> GetProgress(const std::string& project) override {
    absl::MutexLock lock(&mu_);
    if (progress_.project() != project) return absl::NotFoundError(project);
    return progress_;
  }
  absl::StatusOr<std::vector<std::string>> ListProjects() override {
    absl::MutexLock lock(&mu_);
    return std::vector<std::string>{progress_.project()};
  }
  void Set(v1::ProjectProgress p) {
    absl::MutexLock lock(&mu_);
    progress_ = std::move(p);
  }

 private:
  absl::Mutex mu_;
  v1::ProjectProgress progress_;
};

// A clock the test moves.
class ManualClock final : public Clock {
 public:
  absl::Time Now() const override {
    absl::MutexLock lock(&mu_);
    return now_;
  }
  void Set(absl::Time t) {
    absl::MutexLock lock(&mu_);
    now_ = t;
  }

 private:
  mutable absl::Mutex mu_;
  absl::Time now_ = kT0;
};

v1::ProjectProgress Behind(double lag) {
  v1::ProjectProgress p;
  p.set_project("projects/p");
  p.set_title("房屋物业管理监督管理");
  p.set_department("上海市房屋管理局");
  p.mutable_budget()->set_current_year_fen(100);
  p.mutable_budget()->set_lag_points(lag);
  return p;
}

class AlertEvaluatorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto server = testing::RedisServer::Launch();
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
    pool_ = std::make_unique<redis::RedisPool>(server_->options());
    store_ = std::make_unique<AlertStore>(*pool_, redis::KeySpace("at:"));
    rules_ = BuiltinRules();
    evaluator_ = std::make_unique<AlertEvaluator>(progress_, *store_, clock_, rules_);
    alerts_ = std::make_unique<Alerts>(*store_, *evaluator_, clock_, rules_);
  }

  std::vector<v1::Alert> Listed(const std::string& filter) {
    v1::ListAlertsRequest request;
    request.set_filter(filter);
    absl::StatusOr<v1::ListAlertsResponse> response = alerts_->ListAlerts(request);
    EXPECT_TRUE(response.ok()) << response.status();
    if (!response.ok()) return {};
    return {response->alerts().begin(), response->alerts().end()};
  }

  int64_t OutboxLength() {
    return pool_->Command({"LLEN", "at:{alerts}:outbox"})->integer;
  }

  std::unique_ptr<testing::RedisServer> server_;
  std::unique_ptr<redis::RedisPool> pool_;
  std::unique_ptr<AlertStore> store_;
  FakeProgress progress_;
  ManualClock clock_;
  std::vector<v1::Rule> rules_;
  std::unique_ptr<AlertEvaluator> evaluator_;
  std::unique_ptr<Alerts> alerts_;
};

TEST_F(AlertEvaluatorTest, DisbursementBehindFiresThenResolves) {
  progress_.Set(Behind(-30));
  ASSERT_TRUE(evaluator_->EvaluateProject("projects/p").ok());
  std::vector<v1::Alert> firing = Listed("state=firing");
  ASSERT_EQ(firing.size(), 1u);
  EXPECT_EQ(firing[0].rule(), "rules/disbursement-behind");
  EXPECT_EQ(firing[0].annotations().at("summary"),
            "房屋物业管理监督管理：预算执行落后计划 30.00 个百分点");
  EXPECT_EQ(OutboxLength(), 1);

  // Evaluated again and again: still one alert, no new notification.
  ASSERT_TRUE(evaluator_->EvaluateProject("projects/p").ok());
  ASSERT_TRUE(evaluator_->EvaluateProject("projects/p").ok());
  EXPECT_EQ(Listed("").size(), 1u);
  EXPECT_EQ(OutboxLength(), 1);

  progress_.Set(Behind(-2));
  clock_.Set(kT0 + absl::Minutes(5));
  ASSERT_TRUE(evaluator_->EvaluateProject("projects/p").ok());
  EXPECT_TRUE(Listed("state=firing").empty());
  EXPECT_EQ(Listed("state=resolved").size(), 1u);
  EXPECT_EQ(OutboxLength(), 2) << "one firing, one resolved";

  v1::ListAlertHistoryRequest history;
  history.set_name(firing[0].name());
  auto transitions = alerts_->ListAlertHistory(history);
  ASSERT_TRUE(transitions.ok());
  ASSERT_EQ(transitions->transitions_size(), 2);
  EXPECT_EQ(transitions->transitions(0).to(), v1::FIRING);
  EXPECT_EQ(transitions->transitions(1).to(), v1::RESOLVED);
}

TEST_F(AlertEvaluatorTest, AcknowledgementShowsAndNeedsAFiringAlert) {
  progress_.Set(Behind(-30));
  ASSERT_TRUE(evaluator_->EvaluateProject("projects/p").ok());
  std::string name = Listed("")[0].name();
  v1::AcknowledgeAlertRequest ack;
  ack.set_name(name);
  ack.set_by("值班员小王");
  ack.set_note("已联系区房管局");
  auto acked = alerts_->AcknowledgeAlert(ack);
  ASSERT_TRUE(acked.ok()) << acked.status();
  v1::GetAlertRequest get;
  get.set_name(name);
  EXPECT_EQ(alerts_->GetAlert(get)->acknowledgement().by(), "值班员小王");
  // Still acknowledged after more evaluations of the same condition.
  ASSERT_TRUE(evaluator_->EvaluateProject("projects/p").ok());
  EXPECT_EQ(alerts_->GetAlert(get)->acknowledgement().note(), "已联系区房管局");
  ack.set_by("");
  EXPECT_EQ(alerts_->AcknowledgeAlert(ack).status().code(), absl::StatusCode::kInvalidArgument);
  get.set_name("alerts/0000000000000000");
  EXPECT_EQ(alerts_->GetAlert(get).status().code(), absl::StatusCode::kNotFound);
}

TEST_F(AlertEvaluatorTest, TwoReplicasGiveOneAlertAndOneNotificationPerTransition) {
  AlertStore other_store(*pool_, redis::KeySpace("at:"));
  AlertEvaluator other(progress_, other_store, clock_, rules_);
  progress_.Set(Behind(-30));
  for (int round = 0; round < 20; ++round) {
    std::thread a([&] { EXPECT_TRUE(evaluator_->EvaluateProject("projects/p").ok()); });
    std::thread b([&] { EXPECT_TRUE(other.EvaluateProject("projects/p").ok()); });
    a.join();
    b.join();
  }
  EXPECT_EQ(Listed("").size(), 1u);
  EXPECT_EQ(OutboxLength(), 1);
  progress_.Set(Behind(0));
  clock_.Set(kT0 + absl::Minutes(1));
  std::thread a([&] { EXPECT_TRUE(evaluator_->EvaluateProject("projects/p").ok()); });
  std::thread b([&] { EXPECT_TRUE(other.EvaluateProject("projects/p").ok()); });
  a.join();
  b.join();
  EXPECT_EQ(OutboxLength(), 2);
  v1::ListAlertHistoryRequest history;
  history.set_name(Listed("")[0].name());
  EXPECT_EQ(alerts_->ListAlertHistory(history)->transitions_size(), 2);
}

TEST_F(AlertEvaluatorTest, SweepEvaluatesEveryProjectAndUnknownProjectsResolve) {
  progress_.Set(Behind(-30));
  EXPECT_EQ(evaluator_->Sweep().value_or(-1), 1);
  EXPECT_EQ(Listed("state=firing").size(), 1u);
  // The project is gone from progress: its alerts resolve.
  v1::ProjectProgress gone;
  gone.set_project("projects/other");
  progress_.Set(gone);
  clock_.Set(kT0 + absl::Minutes(1));
  ASSERT_TRUE(evaluator_->EvaluateProject("projects/p").ok());
  EXPECT_EQ(Listed("state=resolved").size(), 1u);
}

TEST_F(AlertEvaluatorTest, BadFilterNamesTheFilter) {
  v1::ListAlertsRequest request;
  request.set_filter("owner=me");
  EXPECT_EQ(alerts_->ListAlerts(request).status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace targetwatch
