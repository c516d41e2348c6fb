// Progress through real in-process registry and progress gRPC servers on a
// private redis-server, with the seed imported and the clock in 2020.
#include "services/progress/progress_service.h"

#include <functional>
#include <iostream>
#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "grpcpp/create_channel.h"
#include "gtest/gtest.h"
#include "services/progress/progress_watchers.h"
#include "services/progress/registry_client.h"
#include "services/redis/redis_subscriber.h"
#include "services/progress/self_evaluation.h"
#include "services/registry/redis_registry_store.h"
#include "services/registry/registry.h"
#include "services/registry/registry_service.h"
#include "services/registry/table_import.h"
#include "services/server/service_host.h"
#include "tests/testing/examples.h"
#include "tests/testing/redis_server.h"

namespace targetwatch {
namespace {

using grpc::StatusCode;

const absl::TimeZone kZone = absl::FixedTimeZone(8 * 3600);

absl::Time At(int y, int m, int d, int h = 12) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, h, 0, 0), kZone);
}

void SetTime(google::protobuf::Timestamp* t, absl::Time time) {
  int64_t seconds = absl::ToUnixSeconds(time);
  t->set_seconds(seconds);
  t->set_nanos(static_cast<int32_t>(absl::ToInt64Nanoseconds(time - absl::FromUnixSeconds(seconds))));
}

class ProgressServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto redis = testing::RedisServer::Launch();
    ASSERT_TRUE(redis.ok()) << redis.status();
    redis_server_ = *std::move(redis);
    pool_ = std::make_unique<redis::RedisPool>(redis_server_->options());
    clock_ = std::make_unique<ShiftedClock>(At(2020, 8, 7));
    registry_store_ = std::make_unique<RedisRegistryStore>(*pool_, keys_);
    registry_ = std::make_unique<Registry>(*registry_store_);
    registry_service_ = std::make_unique<RegistryServiceImpl>(*registry_, workers_);
    registry_host_ = Host(registry_service_.get(), v1::RegistryService::service_full_name());

    registry_client_ = std::make_unique<RegistryClient>(
        grpc::CreateChannel(absl::StrCat("127.0.0.1:", registry_host_->port()),
                            grpc::InsecureChannelCredentials()),
        redis_server_->options(), ChangeChannel(keys_));
    store_ = std::make_unique<ProgressStore>(*pool_, keys_);
    progress_ = std::make_unique<Progress>(
        *registry_client_, *store_, *clock_, CalcOptions{},
        [this](const std::string& project, int64_t version) {
          absl::MutexLock lock(&mu_);
          changes_.push_back(absl::StrCat(project, "@", version));
        });
    changes_subscriber_ = std::make_unique<redis::RedisSubscriber>(
        redis_server_->options(), ProgressChannel(keys_),
        [this](const std::string& id) { watchers_.Notify(id); },
        [this] { watchers_.NotifyAll(); });
    absl::Time subscribed_by = absl::Now() + absl::Seconds(5);
    while (!changes_subscriber_->subscribed() && absl::Now() < subscribed_by) {
      absl::SleepFor(absl::Milliseconds(5));
    }
    ASSERT_TRUE(changes_subscriber_->subscribed());
    service_ = std::make_unique<ProgressServiceImpl>(*progress_, workers_, watchers_);
    host_ = Host(service_.get(), v1::ProgressService::service_full_name());
    stub_ = v1::ProgressService::NewStub(grpc::CreateChannel(
        absl::StrCat("127.0.0.1:", host_->port()), grpc::InsecureChannelCredentials()));

    v1::ImportTargetTableRequest import;
    import.set_text(testing::ExampleTable(testing::kSeedTable));
    auto imported = ImportTable(*registry_, import);
    ASSERT_TRUE(imported.ok()) << imported.status();
    imported_ = *imported;
    project_ = registry_store_->Get(LastId(imported->changes(1).project())).value();
    ASSERT_EQ(project_.title(), "房屋物业管理监督管理");
  }

  void TearDown() override {
    host_.reset();
    changes_subscriber_.reset();
    registry_host_.reset();
  }

  std::unique_ptr<ServiceHost> Host(grpc::Service* service, const std::string& name) {
    ServerConfig config;
    config.service_name = name;
    auto host = ServiceHost::Start(config, {{service, name}}, pool_.get());
    EXPECT_TRUE(host.ok()) << host.status();
    return host.ok() ? *std::move(host) : nullptr;
  }

  const v1::Indicator& Indicator(const std::string& title) {
    for (const auto& ind : project_.indicators()) {
      if (ind.title() == title) return ind;
    }
    ADD_FAILURE() << title;
    return project_.indicators(0);
  }

  v1::ReportContext Context(const std::string& request_id = "") {
    v1::ReportContext c;
    c.set_district("黄浦区");
    c.set_request_id(request_id);
    return c;
  }

  grpc::Status Disburse(int64_t fen, const std::string& request_id = "",
                        bool allow_over = false, v1::Disbursement* out = nullptr) {
    grpc::ClientContext context;
    v1::ReportDisbursementRequest r;
    r.set_project(project_.name());
    r.set_amount_fen(fen);
    r.mutable_payment_date()->set_year(2020);
    r.mutable_payment_date()->set_month(7);
    r.mutable_payment_date()->set_day(15);
    r.set_allow_over_budget(allow_over);
    *r.mutable_context() = Context(request_id);
    v1::Disbursement d;
    grpc::Status s = stub_->ReportDisbursement(&context, r, out ? out : &d);
    return s;
  }

  grpc::Status Measure(const v1::ReportMeasurementRequest& r, v1::Measurement* out = nullptr) {
    grpc::ClientContext context;
    v1::Measurement m;
    return stub_->ReportMeasurement(&context, r, out ? out : &m);
  }

  v1::ProjectProgress Status(absl::Time as_of) {
    grpc::ClientContext context;
    v1::GetProjectProgressRequest r;
    r.set_name(project_.name());
    SetTime(r.mutable_as_of(), as_of);
    v1::ProjectProgress p;
    grpc::Status s = stub_->GetProjectProgress(&context, r, &p);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return p;
  }

  std::unique_ptr<testing::RedisServer> redis_server_;
  std::unique_ptr<redis::RedisPool> pool_;
  redis::KeySpace keys_{"ptest:"};
  std::unique_ptr<Clock> clock_;
  WorkerPool workers_{4, 256};
  std::unique_ptr<RedisRegistryStore> registry_store_;
  std::unique_ptr<Registry> registry_;
  std::unique_ptr<RegistryServiceImpl> registry_service_;
  std::unique_ptr<ServiceHost> registry_host_;
  std::unique_ptr<RegistryClient> registry_client_;
  std::unique_ptr<ProgressStore> store_;
  std::unique_ptr<Progress> progress_;
  ProgressWatchers watchers_;
  std::unique_ptr<redis::RedisSubscriber> changes_subscriber_;
  std::unique_ptr<ProgressServiceImpl> service_;
  std::unique_ptr<ServiceHost> host_;
  std::unique_ptr<v1::ProgressService::Stub> stub_;
  absl::Mutex mu_;
  std::vector<std::string> changes_;
  v1::ImportTargetTableResponse imported_;
  v1::Project project_;
};

TEST_F(ProgressServiceTest, ThirtyPercentPaidWhereThePlanSaysSixtyIsThirtyPointsBehind) {
  // Without the proposed checkpoint the plan is linear over 2020.
  v1::UpdateProjectRequest update;
  update.mutable_project()->set_name(project_.name());
  update.mutable_update_mask()->add_paths("disbursement_plan");
  ASSERT_TRUE(registry_->UpdateProject(update).ok());
  ASSERT_TRUE(Disburse(project_.budget().current_year_fen() * 3 / 10).ok());
  absl::Time start = At(2020, 1, 1, 0);
  absl::Time sixty = start + 0.6 * (At(2021, 1, 1, 0) - start);
  v1::ProjectProgress p = Status(sixty);
  EXPECT_NEAR(p.budget().executed_percent(), 30, 1e-6);
  EXPECT_NEAR(p.budget().planned_percent(), 60, 1e-6);
  EXPECT_NEAR(p.budget().lag_points(), -30, 1e-6);
}

TEST_F(ProgressServiceTest, RetriedRequestIdDoesNotCountMoneyTwice) {
  v1::Disbursement first, second;
  ASSERT_TRUE(Disburse(1000000, "pay-1", false, &first).ok());
  ASSERT_TRUE(Disburse(1000000, "pay-1", false, &second).ok());
  EXPECT_EQ(first.name(), second.name());
  EXPECT_EQ(Status(At(2020, 8, 7)).budget().disbursed_fen(), 1000000);
  absl::MutexLock lock(&mu_);
  EXPECT_EQ(changes_.size(), 1u) << "a replay is not a change";
}

TEST_F(ProgressServiceTest, DisbursementsAboveTheBudgetNeedExplicitConsent) {
  int64_t budget = project_.budget().current_year_fen();
  ASSERT_TRUE(Disburse(budget - 100).ok());
  grpc::Status over = Disburse(101);
  EXPECT_EQ(over.error_code(), StatusCode::FAILED_PRECONDITION);
  EXPECT_TRUE(absl::StartsWith(over.error_message(), "amount_fen:")) << over.error_message();
  EXPECT_EQ(Status(At(2020, 8, 7)).budget().disbursed_fen(), budget - 100);
  EXPECT_TRUE(Disburse(101, "", true).ok());
  EXPECT_EQ(Disburse(-5).error_code(), StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Disburse(0).error_code(), StatusCode::INVALID_ARGUMENT);
}

TEST_F(ProgressServiceTest, HotlineOutagesBringAvailabilityUnderTarget) {
  grpc::ClientContext context;
  v1::ReportOutageRequest r;
  r.set_project(project_.name());
  r.set_service("962121");
  SetTime(r.mutable_start_time(), At(2020, 8, 1, 8));
  *r.mutable_context() = Context();
  v1::Outage open;
  ASSERT_TRUE(stub_->ReportOutage(&context, r, &open).ok());
  EXPECT_TRUE(Status(At(2020, 8, 1, 10)).services(0).down_now());

  grpc::ClientContext close_context;
  v1::ReportOutageRequest close;
  close.set_project(project_.name());
  close.set_service("962121");
  close.set_outage(open.name());
  SetTime(close.mutable_end_time(), At(2020, 8, 1, 20));
  *close.mutable_context() = Context();
  v1::Outage closed;
  ASSERT_TRUE(stub_->ReportOutage(&close_context, close, &closed).ok());
  EXPECT_EQ(closed.name(), open.name());
  v1::ProjectProgress p = Status(At(2020, 8, 7));
  ASSERT_EQ(p.services_size(), 1);
  EXPECT_FALSE(p.services(0).down_now());
  EXPECT_NEAR(p.services(0).last_30_days_percent(), 100 * (1 - 12.0 / (30 * 24)), 1e-6);
  EXPECT_EQ(p.services(0).status(), v1::OFF_TRACK);

  grpc::ClientContext bad_context;
  r.set_service("12345");
  grpc::Status bad = stub_->ReportOutage(&bad_context, r, &open);
  EXPECT_EQ(bad.error_code(), StatusCode::INVALID_ARGUMENT);
  EXPECT_TRUE(absl::StrContains(bad.error_message(), "962121")) << bad.error_message();
}

TEST_F(ProgressServiceTest, QualitativeGradeMovesTheScore) {
  double before = Status(clock_->Now()).score();
  v1::ReportMeasurementRequest r;
  r.set_indicator(Indicator("长效管理机制健全性").name());
  r.set_grade(v1::ACHIEVED);
  *r.mutable_context() = Context();
  ASSERT_TRUE(Measure(r).ok());
  EXPECT_GT(Status(clock_->Now()).score(), before);
}

TEST_F(ProgressServiceTest, EachValidationRuleNamesItsField) {
  struct Case {
    const char* name;
    std::function<void(v1::ReportMeasurementRequest&)> edit;
    StatusCode code;
    const char* prefix;
  };
  std::string percent = Indicator("投诉处理及时率").name();
  std::string qualitative = Indicator("长效管理机制健全性").name();
  std::vector<Case> cases = {
      {"value for a grade", [&](auto& r) { r.set_indicator(qualitative); r.set_value(1); },
       StatusCode::INVALID_ARGUMENT, "value:"},
      {"grade for a value", [&](auto& r) { r.set_grade(v1::ACHIEVED); },
       StatusCode::INVALID_ARGUMENT, "grade:"},
      {"percent above 100", [&](auto& r) { r.set_value(120); },
       StatusCode::INVALID_ARGUMENT, "value:"},
      {"no actual", [&](auto& r) { r.clear_actual(); }, StatusCode::INVALID_ARGUMENT, "actual:"},
      {"grade percent outside band",
       [&](auto& r) { r.set_indicator(qualitative); r.set_grade(v1::ACHIEVED); r.set_grade_percent(50); },
       StatusCode::INVALID_ARGUMENT, "grade_percent:"},
      {"no district", [&](auto& r) { r.mutable_context()->clear_district(); },
       StatusCode::INVALID_ARGUMENT, "context.district:"},
      {"future time",
       [&](auto& r) { SetTime(r.mutable_context()->mutable_time(), At(2020, 8, 8)); },
       StatusCode::INVALID_ARGUMENT, "context.time:"},
      {"unknown indicator",
       [&](auto& r) { r.set_indicator(project_.name() + "/indicators/nope"); },
       StatusCode::NOT_FOUND, "indicator:"},
      {"malformed name", [&](auto& r) { r.set_indicator("indicators/x"); },
       StatusCode::INVALID_ARGUMENT, "indicator:"},
  };
  for (const Case& c : cases) {
    v1::ReportMeasurementRequest r;
    r.set_indicator(percent);
    r.set_value(95);
    *r.mutable_context() = Context();
    c.edit(r);
    grpc::Status s = Measure(r);
    EXPECT_EQ(s.error_code(), c.code) << c.name << ": " << s.error_message();
    EXPECT_TRUE(absl::StartsWith(s.error_message(), c.prefix)) << c.name << ": " << s.error_message();
  }
  EXPECT_EQ(Status(At(2020, 8, 7)).version(), 0) << "nothing was stored";
}

TEST_F(ProgressServiceTest, MeasurementsCountFromTheirValidTime) {
  v1::ReportMeasurementRequest r;
  r.set_indicator(Indicator("投诉处理及时率").name());
  r.set_value(90);
  *r.mutable_context() = Context();
  SetTime(r.mutable_context()->mutable_time(), At(2020, 7, 1));
  ASSERT_TRUE(Measure(r).ok());
  r.set_value(96);
  SetTime(r.mutable_context()->mutable_time(), At(2020, 8, 1));
  ASSERT_TRUE(Measure(r).ok());
  auto value_at = [&](absl::Time t) {
    v1::ProjectProgress p = Status(t);
    for (const auto& ind : p.indicators()) {
      if (ind.title() == "投诉处理及时率") return ind.has_actual() ? ind.actual_value() : -1.0;
    }
    return -2.0;
  };
  EXPECT_EQ(value_at(At(2020, 6, 1)), -1);
  EXPECT_EQ(value_at(At(2020, 7, 15)), 90);
  EXPECT_EQ(value_at(At(2020, 8, 7)), 96);
}

TEST_F(ProgressServiceTest, MilestoneReportCompletesIt) {
  const v1::Milestone& first = project_.milestones(0);  // due 2020-03-31
  EXPECT_EQ(Status(At(2020, 8, 7)).milestones_overdue(), 2);
  grpc::ClientContext context;
  v1::ReportMilestoneRequest r;
  r.set_milestone(first.name());
  r.mutable_done_date()->set_year(2020);
  r.mutable_done_date()->set_month(3);
  r.mutable_done_date()->set_day(28);
  *r.mutable_context() = Context();
  v1::MilestoneReport report;
  ASSERT_TRUE(stub_->ReportMilestone(&context, r, &report).ok());
  v1::ProjectProgress p = Status(At(2020, 8, 7));
  EXPECT_EQ(p.milestones_done(), 1);
  EXPECT_EQ(p.milestones_overdue(), 1);
}

TEST_F(ProgressServiceTest, RegistryChangesReachTheProgressService) {
  // Warm the cache, then change the budget in the registry.
  Status(At(2020, 8, 7));
  absl::SleepFor(absl::Milliseconds(300));  // the subscription is up by now
  Status(At(2020, 8, 7));
  int64_t fetches = registry_client_->fetches();
  EXPECT_GE(registry_client_->hits(), 1);
  v1::UpdateProjectRequest update;
  update.mutable_project()->set_name(project_.name());
  update.mutable_project()->mutable_budget()->set_current_year_fen(1000000);
  update.mutable_update_mask()->add_paths("budget.current_year_fen");
  ASSERT_TRUE(registry_->UpdateProject(update).ok());
  absl::Time deadline = absl::Now() + absl::Seconds(5);
  int64_t seen = 0;
  while (absl::Now() < deadline) {
    seen = Status(At(2020, 8, 7)).budget().current_year_fen();
    if (seen == 1000000) break;
    absl::SleepFor(absl::Milliseconds(20));
  }
  EXPECT_EQ(seen, 1000000);
  EXPECT_GT(registry_client_->fetches(), fetches);
}

TEST_F(ProgressServiceTest, RegistryDownRejectsReportsUnavailableNothingWritten) {
  registry_host_.reset();  // the registry stops
  grpc::Status s = Disburse(1000, "pay-down");
  EXPECT_EQ(s.error_code(), StatusCode::UNAVAILABLE) << s.error_message();
  EXPECT_EQ(store_->PaidFen(LastId(project_.name())).value(), 0);
  EXPECT_FALSE(store_->Replay(LastId(project_.name()), "pay-down").value().has_value());
}

TEST_F(ProgressServiceTest, DashboardListsSummariesKeptUpToDateByReports) {
  ASSERT_EQ(progress_->RefreshSummaries().value_or(-1), 4);
  auto list = [&](const std::string& filter, int size, const std::string& token,
                  grpc::Status* status = nullptr) {
    grpc::ClientContext context;
    v1::ListProjectProgressRequest r;
    r.set_filter(filter);
    r.set_page_size(size);
    r.set_page_token(token);
    v1::ListProjectProgressResponse response;
    grpc::Status s = stub_->ListProjectProgress(&context, r, &response);
    if (status) *status = s;
    return response;
  };
  v1::ListProjectProgressResponse first = list("", 3, "");
  ASSERT_EQ(first.summaries_size(), 3);
  ASSERT_FALSE(first.next_page_token().empty());
  v1::ListProjectProgressResponse second = list("", 3, first.next_page_token());
  EXPECT_EQ(second.summaries_size(), 1);
  EXPECT_TRUE(second.next_page_token().empty());
  EXPECT_EQ(list("department=上海市房屋管理局 AND fiscal_year=2020", 0, "").summaries_size(), 4);

  // A payment moves 房屋物业管理监督管理's line at once, without a refresh.
  ASSERT_TRUE(Disburse(project_.budget().current_year_fen() / 2).ok());
  v1::ProgressSummary line;
  v1::ListProjectProgressResponse everything = list("", 0, "");
  for (const auto& s : everything.summaries()) {
    if (s.project() == project_.name()) line = s;
  }
  EXPECT_NEAR(line.executed_percent(), 50, 1e-6);
  EXPECT_EQ(line.version(), 1);

  grpc::Status status;
  list("status=SOMEWHERE", 0, "", &status);
  EXPECT_EQ(status.error_code(), StatusCode::INVALID_ARGUMENT);
  list("", 0, first.next_page_token() + "x", &status);
  EXPECT_EQ(status.error_code(), StatusCode::INVALID_ARGUMENT);
  int by_status = 0;
  for (const char* s : {"MET", "ON_TRACK", "AT_RISK", "OFF_TRACK", "NO_DATA"}) {
    by_status += list(absl::StrCat("status=", s), 0, "").summaries_size();
  }
  EXPECT_EQ(by_status, 4);
}

TEST_F(ProgressServiceTest, WatchSendsProgressNowAndAfterEachReport) {
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(20)));
  v1::WatchProgressRequest request;
  request.set_name(project_.name());
  auto stream = stub_->WatchProgress(&context, request);
  v1::ProjectProgress first;
  ASSERT_TRUE(stream->Read(&first));
  EXPECT_EQ(first.version(), 0);
  absl::Time sent = absl::Now();
  ASSERT_TRUE(Disburse(1000000).ok());
  v1::ProjectProgress second;
  ASSERT_TRUE(stream->Read(&second));
  std::cout << "WatchProgress: a report reached the stream in "
            << absl::FormatDuration(absl::Now() - sent) << "\n";
  EXPECT_EQ(second.version(), 1);
  EXPECT_EQ(second.budget().disbursed_fen(), 1000000);
  context.TryCancel();
  v1::ProjectProgress ignored;
  while (stream->Read(&ignored)) {
  }
  stream->Finish();
  absl::Time deadline = absl::Now() + absl::Seconds(2);
  while (watchers_.size() > 0 && absl::Now() < deadline) absl::SleepFor(absl::Milliseconds(10));
  EXPECT_EQ(watchers_.size(), 0u) << "a cancelled watch leaves no watcher";
}

TEST_F(ProgressServiceTest, WatchOfAnUnknownProjectEndsNotFound) {
  grpc::ClientContext context;
  v1::WatchProgressRequest request;
  request.set_name("projects/0000000000000000");
  auto stream = stub_->WatchProgress(&context, request);
  v1::ProjectProgress p;
  EXPECT_FALSE(stream->Read(&p));
  EXPECT_EQ(stream->Finish().error_code(), StatusCode::NOT_FOUND);
  grpc::ClientContext bad_context;
  request.set_name("nonsense");
  auto bad = stub_->WatchProgress(&bad_context, request);
  EXPECT_FALSE(bad->Read(&p));
  EXPECT_EQ(bad->Finish().error_code(), StatusCode::INVALID_ARGUMENT);
}

TEST_F(ProgressServiceTest, SelfEvaluationMatchesAHandComputedOne) {
  // 网络基础设施（交易中心） (运维): 17 indicators, of which 12 投入与管理 (not
  // scored), 3 产出 (50 points), 1 满意度 (10) and 1 影响力 (30).
  project_ = registry_store_->Get(LastId(imported_.changes(3).project())).value();
  ASSERT_EQ(project_.indicators_size(), 17);
  ASSERT_TRUE(Disburse(413670800).ok());  // 80% of 5,170,885 元
  auto report = [&](const std::string& title, std::function<void(v1::ReportMeasurementRequest&)> set,
                    const std::string& note = "") {
    v1::ReportMeasurementRequest r;
    r.set_indicator(Indicator(title).name());
    set(r);
    *r.mutable_context() = Context();
    r.mutable_context()->set_note(note);
    grpc::Status s = Measure(r);
    ASSERT_TRUE(s.ok()) << title << ": " << s.error_message();
  };
  report("设备重复故障率", [](auto& r) { r.set_value(6); }, "一批硬盘同批次故障");
  report("运维总结报告", [](auto& r) { r.set_grade(v1::ACHIEVED); });
  report("维护完成及时性", [](auto& r) { r.set_grade(v1::PARTIALLY_ACHIEVED); });
  report("用户满意度", [](auto& r) { r.set_value(96); });
  report("运维管理能力水平", [](auto& r) {
    r.set_grade(v1::NOT_ACHIEVED);
    r.set_grade_percent(30);
  });

  grpc::ClientContext context;
  v1::GetSelfEvaluationRequest request;
  request.set_name(project_.name());
  v1::SelfEvaluation e;
  ASSERT_TRUE(stub_->GetSelfEvaluation(&context, request, &e).ok());
  EXPECT_EQ(e.executed_fen(), 413670800);
  EXPECT_NEAR(e.execution_rate(), 80, 1e-9);
  EXPECT_NEAR(e.budget_points(), 10, 1e-9);
  EXPECT_NEAR(e.budget_score(), 8, 1e-9);  // 10 x 80%
  auto row = [&](const std::string& title) {
    for (const auto& r : e.rows()) {
      if (r.title() == title) return r;
    }
    ADD_FAILURE() << title;
    return v1::SelfEvaluationRow();
  };
  // 产出: 50 points over 3 indicators.
  EXPECT_NEAR(row("设备重复故障率").points(), 50.0 / 3, 1e-9);
  EXPECT_NEAR(row("设备重复故障率").score(), 50.0 / 3 * 0.8, 1e-9);  // 1 - (6-5)/5
  EXPECT_NEAR(row("运维总结报告").score(), 50.0 / 3, 1e-9);
  EXPECT_NEAR(row("维护完成及时性").score(), 50.0 / 3 * 0.8, 1e-9);
  EXPECT_NEAR(row("用户满意度").score(), 10, 1e-9);
  EXPECT_NEAR(row("运维管理能力水平").score(), 30 * 0.3, 1e-9);
  EXPECT_EQ(row("预算执行率").points(), 0);  // 投入与管理 is not scored
  EXPECT_EQ(row("运维总结报告").actual(), "达成");
  EXPECT_EQ(row("设备重复故障率").actual(), "6%");
  ASSERT_EQ(row("设备重复故障率").deviation_notes_size(), 1);
  EXPECT_EQ(row("设备重复故障率").deviation_notes(0), "一批硬盘同批次故障");
  double hand = 8 + 50.0 / 3 * 0.8 + 50.0 / 3 + 50.0 / 3 * 0.8 + 10 + 9;
  EXPECT_NEAR(e.total_score(), hand, 1e-9);  // 70.33
  EXPECT_EQ(e.grade(), v1::FAIR);

  std::string csv = SelfEvaluationCsv(e);
  EXPECT_TRUE(absl::StrContains(csv, "设备重复故障率,<=5%,6%,16.67,13.33,一批硬盘同批次故障"))
      << csv;
  EXPECT_TRUE(absl::StrContains(SelfEvaluationMarkdown(e), "评价等级 中"));
}

}  // namespace
}  // namespace targetwatch
