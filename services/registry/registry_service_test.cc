// The registry through a real in-process gRPC server, on the in-memory store.
#include "services/registry/registry_service.h"

#include <atomic>
#include <functional>
#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "grpcpp/create_channel.h"
#include "gtest/gtest.h"
#include "services/registry/memory_registry_store.h"
#include "services/registry/registry.h"
#include "services/server/service_host.h"
#include "tests/testing/examples.h"

namespace targetwatch {
namespace {

using grpc::StatusCode;

class RegistryServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    redis::RedisOptions nowhere;
    nowhere.port = 1;  // health is not what these tests look at
    pool_ = std::make_unique<redis::RedisPool>(nowhere);
    ServerConfig config;
    config.service_name = "registry-test";
    auto host = ServiceHost::Start(
        config, {{&service_, v1::RegistryService::service_full_name()}}, pool_.get());
    ASSERT_TRUE(host.ok()) << host.status();
    host_ = *std::move(host);
    grpc::ChannelArguments args;
    args.SetMaxSendMessageSize(16 << 20);
    stub_ = v1::RegistryService::NewStub(grpc::CreateCustomChannel(
        absl::StrCat("127.0.0.1:", host_->port()), grpc::InsecureChannelCredentials(),
        args));
  }

  grpc::Status Import(const std::string& text, bool dry_run,
                      v1::ImportTargetTableResponse* response,
                      const std::string& request_id = "") {
    grpc::ClientContext context;
    v1::ImportTargetTableRequest request;
    request.set_text(text);
    request.set_dry_run(dry_run);
    request.set_request_id(request_id);
    return stub_->ImportTargetTable(&context, request, response);
  }

  v1::ListProjectsResponse List(const std::string& filter = "", int page_size = 0,
                                const std::string& token = "",
                                grpc::Status* status = nullptr) {
    grpc::ClientContext context;
    v1::ListProjectsRequest request;
    request.set_filter(filter);
    request.set_page_size(page_size);
    request.set_page_token(token);
    v1::ListProjectsResponse response;
    grpc::Status s = stub_->ListProjects(&context, request, &response);
    if (status) *status = s;
    return response;
  }

  v1::Project Get(const std::string& name, grpc::Status* status = nullptr) {
    grpc::ClientContext context;
    v1::GetProjectRequest request;
    request.set_name(name);
    request.set_view(v1::FULL);
    v1::Project project;
    grpc::Status s = stub_->GetProject(&context, request, &project);
    if (status) *status = s;
    return project;
  }

  v1::Project Create(const std::string& title, int year,
                     const std::string& request_id = "",
                     grpc::Status* status = nullptr) {
    grpc::ClientContext context;
    v1::CreateProjectRequest request;
    v1::Project* p = request.mutable_project();
    p->set_title(title);
    p->set_department("某局");
    p->set_fiscal_year(year);
    p->mutable_budget()->set_current_year_fen(100000);
    request.set_request_id(request_id);
    v1::Project created;
    grpc::Status s = stub_->CreateProject(&context, request, &created);
    if (status) *status = s;
    return created;
  }

  int CountIndicators() {
    int count = 0;
    v1::ListProjectsResponse all = List("", 1000);
    for (const v1::Project& p : all.projects()) {
      count += Get(p.name()).indicators_size();
    }
    return count;
  }

  MemoryRegistryStore store_;
  Registry registry_{store_};
  WorkerPool workers_{4, 256};
  RegistryServiceImpl service_{registry_, workers_};
  std::unique_ptr<redis::RedisPool> pool_;
  std::unique_ptr<ServiceHost> host_;  // last: stops before the rest goes
  std::unique_ptr<v1::RegistryService::Stub> stub_;
};

TEST_F(RegistryServiceTest, ImportOfTheSeedCreatesFourProjectsAndEightyEightIndicators) {
  v1::ImportTargetTableResponse response;
  ASSERT_TRUE(Import(testing::ExampleTable(testing::kSeedTable), false, &response).ok());
  ASSERT_EQ(response.changes_size(), 4);
  for (const auto& change : response.changes()) {
    EXPECT_EQ(change.action(), v1::ProjectChange::CREATED);
  }
  EXPECT_EQ(List().projects_size(), 4);
  EXPECT_EQ(CountIndicators(), 88);
  bool warned_82 = false;
  for (const auto& w : response.warnings()) warned_82 |= w.line() == 82;
  EXPECT_TRUE(warned_82);
}

TEST_F(RegistryServiceTest, ImportingAgainCreatesNothingAndSaysSo) {
  v1::ImportTargetTableResponse first, second;
  std::string seed = testing::ExampleTable(testing::kSeedTable);
  ASSERT_TRUE(Import(seed, false, &first).ok());
  v1::Project before = Get(first.changes(1).project());
  ASSERT_TRUE(Import(seed, false, &second).ok());
  for (const auto& change : second.changes()) {
    EXPECT_EQ(change.action(), v1::ProjectChange::UNCHANGED) << change.title();
    EXPECT_EQ(change.changed_fields_size(), 0);
  }
  EXPECT_EQ(List().projects_size(), 4);
  EXPECT_EQ(Get(first.changes(1).project()).etag(), before.etag());
}

TEST_F(RegistryServiceTest, DryRunWritesNothing) {
  v1::ImportTargetTableResponse response;
  ASSERT_TRUE(Import(testing::ExampleTable(testing::kSeedTable), true, &response).ok());
  EXPECT_TRUE(response.dry_run());
  ASSERT_EQ(response.changes_size(), 4);
  EXPECT_EQ(response.changes(0).action(), v1::ProjectChange::CREATED);
  EXPECT_EQ(List().projects_size(), 0);
}

TEST_F(RegistryServiceTest, ChangedTableUpdatesItsProjectAndSaysWhatChanged) {
  std::string seed = testing::ExampleTable(testing::kSeedTable);
  v1::ImportTargetTableResponse first;
  ASSERT_TRUE(Import(seed, false, &first).ok());
  std::string changed = seed;
  changed.replace(changed.find("26,470,288"), 10, "27,000,000");
  changed.replace(changed.find(">93%"), 4, ">95%");
  v1::ImportTargetTableResponse second;
  ASSERT_TRUE(Import(changed, false, &second).ok());
  const v1::ProjectChange& c = second.changes(1);
  EXPECT_EQ(c.action(), v1::ProjectChange::UPDATED);
  std::string fields = absl::StrJoin(c.changed_fields(), ",");
  EXPECT_TRUE(absl::StrContains(fields, "budget")) << fields;
  EXPECT_TRUE(absl::StrContains(fields, "indicators (0 added, 1 changed, 0 removed)")) << fields;
  EXPECT_EQ(second.changes(0).action(), v1::ProjectChange::UNCHANGED);
  EXPECT_EQ(Get(c.project()).budget().total_fen(), 2700000000);
}

TEST_F(RegistryServiceTest, MalformedTableIsRejectedNamingTheLineAndWritesNothing) {
  std::string seed = testing::ExampleTable(testing::kSeedTable);
  seed.replace(seed.find("≤5%"), std::string("≤5%").size(), ">=abc");
  v1::ImportTargetTableResponse response;
  grpc::Status status = Import(seed, false, &response);
  EXPECT_EQ(status.error_code(), StatusCode::INVALID_ARGUMENT);
  EXPECT_TRUE(absl::StrContains(status.error_message(), "line 40:")) << status.error_message();
  EXPECT_EQ(List().projects_size(), 0);
}

TEST_F(RegistryServiceTest, ConcurrentImportsOfOneTableLeaveFourProjects) {
  std::string seed = testing::ExampleTable(testing::kSeedTable);
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&] {
      v1::ImportTargetTableResponse response;
      if (!Import(seed, false, &response).ok()) ++failures;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(List().projects_size(), 4);
  EXPECT_EQ(CountIndicators(), 88);
}

TEST_F(RegistryServiceTest, ImportRequestIdReplaysTheFirstAnswer) {
  std::string seed = testing::ExampleTable(testing::kSeedTable);
  v1::ImportTargetTableResponse first, retry;
  ASSERT_TRUE(Import(seed, false, &first, "import-1").ok());
  ASSERT_TRUE(Import(seed, false, &retry, "import-1").ok());
  EXPECT_EQ(retry.changes(0).action(), v1::ProjectChange::CREATED);
}

TEST_F(RegistryServiceTest, OversizedRequestsAreRefused) {
  v1::ImportTargetTableResponse response;
  std::string big(3 << 20, 'x');
  grpc::Status status = Import(big, false, &response);
  EXPECT_EQ(status.error_code(), StatusCode::INVALID_ARGUMENT);
  EXPECT_TRUE(absl::StartsWith(status.error_message(), "text:"));
  std::string huge(5 << 20, 'x');  // above gRPC's 4 MiB receive limit
  status = Import(huge, false, &response);
  EXPECT_EQ(status.error_code(), StatusCode::RESOURCE_EXHAUSTED);
}

TEST_F(RegistryServiceTest, CreateGetUpdateWithMaskAndEtag) {
  v1::Project created = Create("新项目", 2021);
  ASSERT_FALSE(created.name().empty());
  grpc::ClientContext context;
  v1::UpdateProjectRequest update;
  update.mutable_project()->set_name(created.name());
  update.mutable_project()->set_etag(created.etag());
  update.mutable_project()->set_category("经常性项目");
  update.mutable_project()->set_title("不会改");  // not in the mask
  update.mutable_update_mask()->add_paths("category");
  v1::Project updated;
  ASSERT_TRUE(stub_->UpdateProject(&context, update, &updated).ok());
  EXPECT_EQ(updated.category(), "经常性项目");
  EXPECT_EQ(updated.title(), "新项目");
  EXPECT_NE(updated.etag(), created.etag());

  grpc::ClientContext stale_context;
  v1::Project stale;
  grpc::Status status = stub_->UpdateProject(&stale_context, update, &stale);
  EXPECT_EQ(status.error_code(), StatusCode::ABORTED);
  EXPECT_EQ(Get(created.name()).category(), "经常性项目");
}

TEST_F(RegistryServiceTest, BadUpdateMaskAndInvalidFieldsNameTheField) {
  v1::Project created = Create("项目", 2021);
  struct Case {
    std::function<void(v1::UpdateProjectRequest&)> edit;
    const char* field;
  };
  std::vector<Case> cases = {
      {[](auto& r) { r.mutable_update_mask()->add_paths("etag"); }, "update_mask"},
      {[](auto& r) { r.mutable_update_mask()->add_paths("no_such_field"); }, "update_mask"},
      {[](auto& r) {
         r.mutable_project()->mutable_budget()->set_total_fen(-1);
         r.mutable_update_mask()->add_paths("budget");
       },
       "project.budget.total_fen"},
      {[](auto& r) {
         r.mutable_project()->mutable_planned_start()->set_year(2021);
         r.mutable_project()->mutable_planned_start()->set_month(12);
         r.mutable_project()->mutable_planned_start()->set_day(1);
         r.mutable_project()->mutable_planned_end()->set_year(2021);
         r.mutable_project()->mutable_planned_end()->set_month(1);
         r.mutable_project()->mutable_planned_end()->set_day(1);
         r.mutable_update_mask()->add_paths("planned_start");
         r.mutable_update_mask()->add_paths("planned_end");
       },
       "project.planned_end"},
      {[](auto& r) {
         r.mutable_project()->set_title("");
         r.mutable_update_mask()->add_paths("title");
       },
       "project.title"},
  };
  for (const Case& c : cases) {
    v1::UpdateProjectRequest request;
    request.mutable_project()->set_name(created.name());
    c.edit(request);
    grpc::ClientContext context;
    v1::Project out;
    grpc::Status status = stub_->UpdateProject(&context, request, &out);
    EXPECT_EQ(status.error_code(), StatusCode::INVALID_ARGUMENT) << c.field;
    EXPECT_TRUE(absl::StartsWith(status.error_message(), c.field))
        << status.error_message();
  }
  EXPECT_EQ(Get(created.name()).etag(), created.etag());  // nothing written
}

TEST_F(RegistryServiceTest, UpdateIndicatorWithTargetThatDoesNotParseIsRejected) {
  v1::ImportTargetTableResponse imported;
  ASSERT_TRUE(Import(testing::ExampleTable(testing::kSeedTable), false, &imported).ok());
  v1::Project project = Get(imported.changes(0).project());
  v1::Indicator ind = project.indicators(1);
  grpc::ClientContext context;
  v1::UpdateIndicatorRequest request;
  request.mutable_indicator()->set_name(ind.name());
  request.mutable_indicator()->mutable_target()->set_raw(">=abc");
  request.mutable_update_mask()->add_paths("target");
  v1::Indicator out;
  grpc::Status status = stub_->UpdateIndicator(&context, request, &out);
  EXPECT_EQ(status.error_code(), StatusCode::INVALID_ARGUMENT);
  EXPECT_TRUE(absl::StartsWith(status.error_message(), "indicator.target.raw:"));
  EXPECT_EQ(Get(project.name()).indicators(1).target().raw(), ind.target().raw());

  // A good one is typed by the server.
  grpc::ClientContext ok_context;
  request.mutable_indicator()->mutable_target()->set_raw("≥95%");
  ASSERT_TRUE(stub_->UpdateIndicator(&ok_context, request, &out).ok());
  EXPECT_EQ(out.target().comparator(), v1::GE);
  EXPECT_EQ(out.target().value(), 95);
}

TEST_F(RegistryServiceTest, ListPagesWithTokensAndFilters) {
  for (int i = 0; i < 7; ++i) Create(absl::StrCat("项目", i), i < 5 ? 2020 : 2021);
  std::vector<std::string> names;
  std::string token;
  int pages = 0;
  do {
    v1::ListProjectsResponse page = List("", 3, token);
    for (const auto& p : page.projects()) names.push_back(p.name());
    token = page.next_page_token();
    ++pages;
  } while (!token.empty() && pages < 10);
  EXPECT_EQ(names.size(), 7u);
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(List("fiscal_year=2021").projects_size(), 2);
  EXPECT_EQ(List("fiscal_year=2020 AND department=\"某局\"").projects_size(), 5);

  grpc::Status status;
  std::string other_token = List("", 3).next_page_token();
  List("fiscal_year=2020", 3, other_token, &status);
  EXPECT_EQ(status.error_code(), StatusCode::INVALID_ARGUMENT);
  List("", 3, "made-up-token", &status);
  EXPECT_EQ(status.error_code(), StatusCode::INVALID_ARGUMENT);
  EXPECT_TRUE(absl::StartsWith(status.error_message(), "page_token"));
  List("owner=me", 3, "", &status);
  EXPECT_EQ(status.error_code(), StatusCode::INVALID_ARGUMENT);
  List("", -1, "", &status);
  EXPECT_EQ(status.error_code(), StatusCode::INVALID_ARGUMENT);
}

TEST_F(RegistryServiceTest, CreateRetriedWithRequestIdAnswersTheSame) {
  v1::Project first = Create("重试项目", 2021, "create-1");
  v1::Project again = Create("重试项目", 2021, "create-1");
  EXPECT_EQ(first.name(), again.name());
  EXPECT_EQ(first.etag(), again.etag());
  EXPECT_EQ(List().projects_size(), 1);
  grpc::Status status;
  Create("重试项目", 2021, "create-2", &status);  // same natural key
  EXPECT_EQ(status.error_code(), StatusCode::ALREADY_EXISTS);
}

TEST_F(RegistryServiceTest, DeleteRemovesIndicatorsAndMilestonesAndReplays) {
  v1::ImportTargetTableResponse imported;
  ASSERT_TRUE(Import(testing::ExampleTable(testing::kSeedTable), false, &imported).ok());
  v1::Project project = Get(imported.changes(1).project());
  ASSERT_GT(project.milestones_size(), 0);
  for (int attempt = 0; attempt < 2; ++attempt) {
    grpc::ClientContext context;
    v1::DeleteProjectRequest request;
    request.set_name(project.name());
    request.set_request_id("delete-1");
    v1::DeleteProjectResponse response;
    EXPECT_TRUE(stub_->DeleteProject(&context, request, &response).ok()) << attempt;
  }
  grpc::ClientContext context;
  v1::GetIndicatorRequest get;
  get.set_name(project.indicators(0).name());
  v1::Indicator ind;
  EXPECT_EQ(stub_->GetIndicator(&context, get, &ind).error_code(), StatusCode::NOT_FOUND);
  EXPECT_EQ(List().projects_size(), 3);
  // The project can be imported afresh.
  ASSERT_TRUE(Import(testing::ExampleTable(testing::kSeedTable), false, &imported).ok());
  EXPECT_EQ(imported.changes(1).action(), v1::ProjectChange::CREATED);
}

TEST_F(RegistryServiceTest, UnknownAndMalformedNames) {
  grpc::Status status;
  Get("projects/0000000000000000", &status);
  EXPECT_EQ(status.error_code(), StatusCode::NOT_FOUND);
  Get("project/x", &status);
  EXPECT_EQ(status.error_code(), StatusCode::INVALID_ARGUMENT);
  EXPECT_TRUE(absl::StartsWith(status.error_message(), "name:"));
}

TEST_F(RegistryServiceTest, EditedMilestoneSurvivesReimport) {
  std::string seed = testing::ExampleTable(testing::kSeedTable);
  v1::ImportTargetTableResponse imported;
  ASSERT_TRUE(Import(seed, false, &imported).ok());
  v1::Project project = Get(imported.changes(1).project());
  ASSERT_EQ(project.milestones_size(), 5);
  EXPECT_EQ(project.disbursement_plan_size(), 1);
  grpc::ClientContext context;
  v1::UpdateMilestoneRequest update;
  update.mutable_milestone()->set_name(project.milestones(0).name());
  update.mutable_milestone()->mutable_done_date()->set_year(2020);
  update.mutable_milestone()->mutable_done_date()->set_month(3);
  update.mutable_milestone()->mutable_done_date()->set_day(20);
  update.mutable_update_mask()->add_paths("done_date");
  v1::Milestone edited;
  ASSERT_TRUE(stub_->UpdateMilestone(&context, update, &edited).ok());
  EXPECT_FALSE(edited.inferred());
  ASSERT_TRUE(Import(seed, false, &imported).ok());
  v1::Project after = Get(project.name());
  ASSERT_EQ(after.milestones_size(), 5);
  bool kept = false;
  for (const auto& m : after.milestones()) kept |= m.done_date().day() == 20;
  EXPECT_TRUE(kept);
}

TEST_F(RegistryServiceTest, IndicatorsAreCreatedListedAndDeletedWithTheirService) {
  v1::ImportTargetTableResponse imported;
  ASSERT_TRUE(Import(testing::ExampleTable(testing::kSeedTable), false, &imported).ok());
  v1::Project project = Get(imported.changes(1).project());
  ASSERT_EQ(project.monitored_services_size(), 1);

  grpc::ClientContext create_context;
  v1::CreateIndicatorRequest create;
  create.set_parent(project.name());
  create.set_request_id("ind-1");
  create.mutable_indicator()->set_level1("产出目标");
  create.mutable_indicator()->set_level2("数量");
  create.mutable_indicator()->set_title("新增巡查次数");
  create.mutable_indicator()->mutable_target()->set_raw(">=12次");
  v1::Indicator created, again;
  ASSERT_TRUE(stub_->CreateIndicator(&create_context, create, &created).ok());
  EXPECT_EQ(created.target().unit(), "次");
  grpc::ClientContext retry_context;
  ASSERT_TRUE(stub_->CreateIndicator(&retry_context, create, &again).ok());
  EXPECT_EQ(again.name(), created.name());

  grpc::ClientContext list_context;
  v1::ListIndicatorsRequest list;
  list.set_parent(project.name());
  list.set_filter("level1=产出目标 AND level2=数量");
  v1::ListIndicatorsResponse listed;
  ASSERT_TRUE(stub_->ListIndicators(&list_context, list, &listed).ok());
  EXPECT_EQ(listed.indicators_size(), 5);  // four from the table and the new one

  // Deleting the hotline's AVAILABILITY indicator stops monitoring 962121.
  grpc::ClientContext delete_context;
  v1::DeleteIndicatorRequest del;
  del.set_name(project.monitored_services(0).indicator());
  v1::DeleteIndicatorResponse deleted;
  ASSERT_TRUE(stub_->DeleteIndicator(&delete_context, del, &deleted).ok());
  v1::Project after = Get(project.name());
  EXPECT_EQ(after.monitored_services_size(), 0);
  EXPECT_EQ(after.indicators_size(), project.indicators_size());  // +1 -1

  grpc::ClientContext missing_context;
  EXPECT_EQ(stub_->DeleteIndicator(&missing_context, del, &deleted).error_code(),
            StatusCode::NOT_FOUND);
}

TEST_F(RegistryServiceTest, StoreDownIsUnavailable) {
  store_.SetUnavailable(true);
  grpc::Status status;
  List("", 0, "", &status);
  EXPECT_EQ(status.error_code(), StatusCode::UNAVAILABLE);
  v1::ImportTargetTableResponse response;
  EXPECT_EQ(Import(testing::ExampleTable(testing::kSeedTable), false, &response).error_code(),
            StatusCode::UNAVAILABLE);
}

}  // namespace
}  // namespace targetwatch

namespace targetwatch {
namespace {

TEST(RegistryClockTest, TimesComeFromTheServiceClock) {
  MemoryRegistryStore store;
  ShiftedClock clock(absl::FromCivil(absl::CivilSecond(2020, 3, 1, 9, 0, 0), absl::UTCTimeZone()));
  Registry registry(store, clock);
  v1::CreateProjectRequest request;
  request.mutable_project()->set_title("时间");
  request.mutable_project()->set_department("某局");
  request.mutable_project()->set_fiscal_year(2020);
  absl::StatusOr<v1::Project> created = registry.CreateProject(request);
  ASSERT_TRUE(created.ok()) << created.status();
  EXPECT_EQ(absl::ToCivilYear(absl::FromUnixSeconds(created->create_time().seconds()),
                              absl::UTCTimeZone())
                .year(),
            2020);
}

}  // namespace
}  // namespace targetwatch
