// Evaluation and the alert lifecycle on a private redis-server, with the
// progress service faked: what fires, resolves, is acknowledged, and that
// two replicas record and notify each transition once.
#include "services/alerting/alert_evaluator.h"

#include <thread>

#include "absl/strings/match.h"
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
    rule_store_ = std::make_unique<RuleStore>(*pool_, redis::KeySpace("at:"));
    evaluator_ = std::make_unique<AlertEvaluator>(progress_, *store_, clock_,
                                                  [this] { return rule_store_->All(); });
    silences_ = std::make_unique<SilenceStore>(*pool_, redis::KeySpace("at:"));
    alerts_ = std::make_unique<Alerts>(*store_, *rule_store_, *silences_, *evaluator_, clock_,
                                       *pool_, redis::KeySpace("at:"));
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
  std::unique_ptr<RuleStore> rule_store_;
  std::unique_ptr<SilenceStore> silences_;
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
            "房屋物业管理监督管理：预算执行落后计划 30 个百分点");
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
  AlertEvaluator other(progress_, other_store, clock_, [this] { return rule_store_->All(); });
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

TEST_F(AlertEvaluatorTest, CustomRuleForDelaysFiringAndDeletingItResolves) {
  v1::CreateRuleRequest create;
  v1::Rule* rule = create.mutable_rule();
  rule->set_display_name("浦东资金严重落后");
  rule->set_type(v1::DISBURSEMENT_BEHIND);
  rule->set_threshold(20);
  rule->set_severity(v1::CRITICAL);
  rule->mutable_for_duration()->set_seconds(600);
  (*rule->mutable_labels())["team"] = "finance";
  (*rule->mutable_annotations())["summary"] = "{{project_title}} 落后 {{value}} 点";
  create.set_request_id("rule-1");
  auto created = alerts_->CreateRule(create);
  ASSERT_TRUE(created.ok()) << created.status();
  EXPECT_EQ(alerts_->CreateRule(create)->name(), created->name()) << "retried create";

  progress_.Set(Behind(-30));
  ASSERT_TRUE(evaluator_->EvaluateProject("projects/p").ok());
  auto custom = [&](v1::AlertState state) {
    int n = 0;
    for (const auto& a : Listed("")) n += a.rule() == created->name() && a.state() == state;
    return n;
  };
  EXPECT_EQ(custom(v1::PENDING), 1);
  clock_.Set(kT0 + absl::Minutes(10));
  ASSERT_TRUE(evaluator_->EvaluateProject("projects/p").ok());
  EXPECT_EQ(custom(v1::FIRING), 1);

  v1::DeleteRuleRequest del;
  del.set_name(created->name());
  ASSERT_TRUE(alerts_->DeleteRule(del).ok());
  clock_.Set(kT0 + absl::Minutes(11));
  ASSERT_TRUE(evaluator_->EvaluateProject("projects/p").ok());
  EXPECT_EQ(custom(v1::RESOLVED), 1);

  del.set_name("rules/disbursement-behind");
  EXPECT_EQ(alerts_->DeleteRule(del).code(), absl::StatusCode::kFailedPrecondition);
}

TEST_F(AlertEvaluatorTest, DisablingABuiltinRuleStopsItsAlerts) {
  progress_.Set(Behind(-30));
  ASSERT_TRUE(evaluator_->EvaluateProject("projects/p").ok());
  ASSERT_EQ(Listed("state=firing").size(), 1u);
  v1::UpdateRuleRequest update;
  update.mutable_rule()->set_name("rules/disbursement-behind");
  update.mutable_rule()->set_disabled(true);
  update.mutable_update_mask()->add_paths("disabled");
  auto updated = alerts_->UpdateRule(update);
  ASSERT_TRUE(updated.ok()) << updated.status();
  clock_.Set(kT0 + absl::Minutes(1));
  ASSERT_TRUE(evaluator_->EvaluateProject("projects/p").ok());
  EXPECT_TRUE(Listed("state=firing").empty());
  v1::ListRulesRequest list;
  int disabled = 0;
  absl::StatusOr<v1::ListRulesResponse> rules = alerts_->ListRules(list);
  ASSERT_TRUE(rules.ok());
  for (const auto& r : rules->rules()) disabled += r.disabled();
  EXPECT_EQ(disabled, 1);
}

TEST_F(AlertEvaluatorTest, InvalidRulesNameTheirField) {
  v1::CreateRuleRequest create;
  EXPECT_EQ(alerts_->CreateRule(create).status().message(), "rule.type: is required");
  create.mutable_rule()->set_type(v1::REPORT_STALE);
  create.mutable_rule()->set_threshold(-1);
  EXPECT_EQ(alerts_->CreateRule(create).status().code(), absl::StatusCode::kInvalidArgument);
  create.mutable_rule()->set_threshold(3);
  (*create.mutable_rule()->mutable_labels())["severity"] = "x";
  EXPECT_TRUE(absl::StartsWith(alerts_->CreateRule(create).status().message(), "rule.labels:"));
}

TEST_F(AlertEvaluatorTest, BadFilterNamesTheFilter) {
  v1::ListAlertsRequest request;
  request.set_filter("owner=me");
  EXPECT_EQ(alerts_->ListAlerts(request).status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace targetwatch
