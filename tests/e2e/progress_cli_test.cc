// twctl against real registry and progress binaries on a private
// redis-server, with the clock in 2020 and no alerting running.
#include <signal.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "targetwatch/v1/progress.pb.h"
#include "targetwatch/v1/registry.pb.h"
#include "tests/testing/command_runner.h"
#include "tests/testing/redis_server.h"
#include "tests/testing/service_process.h"

namespace targetwatch {
namespace {

using testing::CommandResult;

const std::string kSeed =
    std::string(TW_SOURCE_DIR) + "/examples/tables/shanghai-housing-2020-targets.txt";

class ProgressCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto redis = testing::RedisServer::Launch();
    ASSERT_TRUE(redis.ok()) << redis.status();
    redis_ = *std::move(redis);
    auto registry = testing::StartService("registry", redis_->address());
    ASSERT_TRUE(registry.ok()) << registry.status();
    registry_.emplace(*std::move(registry));
    auto progress = testing::StartService(
        "progress", redis_->address(),
        {"--registry=" + registry_->address, "--alerting=127.0.0.1:1",
         "--now=2020-08-07T12:00:00+08:00"});
    ASSERT_TRUE(progress.ok()) << progress.status();
    progress_.emplace(*std::move(progress));
    ASSERT_EQ(Twctl("import " + kSeed).exit_code, 0);
    CommandResult list = Twctl("projects list --json");
    v1::ListProjectsResponse projects;
    ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(list.out, &projects).ok());
    for (const auto& p : projects.projects()) {
      if (p.title() == "房屋物业管理监督管理") project_ = p.name();
    }
    ASSERT_FALSE(project_.empty());
  }

  CommandResult Twctl(const std::string& args) {
    return testing::Twctl(absl::StrCat("--registry=", registry_->address,
                                       " --progress=", progress_->address, " ", args));
  }

  v1::ProjectProgress Status() {
    CommandResult run = Twctl("status --json " + project_);
    EXPECT_EQ(run.exit_code, 0) << run.err;
    v1::ProjectProgress p;
    EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(run.out, &p).ok()) << run.out;
    return p;
  }

  std::unique_ptr<testing::RedisServer> redis_;
  std::optional<testing::ServiceProcess> registry_;
  std::optional<testing::ServiceProcess> progress_;
  std::string project_;
};

TEST_F(ProgressCliTest, ReportsAreAcceptedWhileAlertingIsDownAndCountedOnce) {
  std::string pay = absl::StrCat("report disbursement --project ", project_,
                                 " --amount-yuan 7941086.40 --date 2020-08-01 --district 黄浦区"
                                 " --request-id pay-0801");
  CommandResult first = Twctl(pay);
  ASSERT_EQ(first.exit_code, 0) << first.err;
  CommandResult retry = Twctl(pay);
  ASSERT_EQ(retry.exit_code, 0) << retry.err;
  EXPECT_EQ(first.out, retry.out);
  v1::ProjectProgress p = Status();
  EXPECT_NEAR(p.budget().executed_percent(), 30, 1e-6);
  EXPECT_LT(p.budget().lag_points(), -25);

  CommandResult outage = Twctl(absl::StrCat(
      "report outage --project ", project_,
      " --service 962121 --start 2020-08-01T08:00:00+08:00 --end 2020-08-01T20:00:00+08:00"
      " --district 徐汇区"));
  ASSERT_EQ(outage.exit_code, 0) << outage.err;
  p = Status();
  ASSERT_EQ(p.services_size(), 1);
  EXPECT_LT(p.services(0).year_to_date_percent(), 100);

  CommandResult table = Twctl("status " + project_);
  EXPECT_TRUE(absl::StrContains(table.out, "service 962121")) << table.out;
  // Projects without reports join the dashboard at the first refresh,
  // two seconds after the start.
  CommandResult all;
  absl::Time deadline = absl::Now() + absl::Seconds(10);
  do {
    all = Twctl("status --all");
    if (absl::StrContains(all.out, "4 project(s)")) break;
    absl::SleepFor(absl::Milliseconds(200));
  } while (absl::Now() < deadline);
  EXPECT_TRUE(absl::StrContains(all.out, "4 project(s)")) << all.out << all.err;
}

TEST_F(ProgressCliTest, BadReportsExitNonZeroNamingTheField) {
  CommandResult future = Twctl(absl::StrCat("report disbursement --project ", project_,
                                            " --amount-yuan 1 --date 2020-09-01 --district 黄浦区"));
  EXPECT_EQ(future.exit_code, 1);
  EXPECT_TRUE(absl::StrContains(future.err, "payment_date: is in the future")) << future.err;
  CommandResult no_district = Twctl(absl::StrCat(
      "report disbursement --project ", project_, " --amount-yuan 1 --date 2020-08-01"));
  EXPECT_EQ(no_district.exit_code, 1);
  EXPECT_TRUE(absl::StrContains(no_district.err, "context.district")) << no_district.err;
  CommandResult usage = Twctl("report measurement --value 3");
  EXPECT_EQ(usage.exit_code, 2);
}

TEST_F(ProgressCliTest, RegistryDownMeansUnavailableAndNothingStored) {
  registry_->process.Signal(SIGTERM);
  ASSERT_TRUE(registry_->process.Wait(absl::Seconds(5)).has_value());
  CommandResult pay = Twctl(absl::StrCat("report disbursement --project ", project_,
                                         " --amount-yuan 100 --date 2020-08-01 --district 黄浦区"
                                         " --request-id while-down"));
  EXPECT_EQ(pay.exit_code, 3) << pay.err;
  EXPECT_TRUE(absl::StrContains(pay.err, "UNAVAILABLE")) << pay.err;
}

TEST_F(ProgressCliTest, SelfEvaluationExportsCsvAndMarkdown) {
  CommandResult csv = Twctl("selfeval --format csv " + project_);
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_TRUE(absl::StrContains(csv.out, "一级指标,二级指标,三级指标,年度指标值")) << csv.out;
  CommandResult md = Twctl("selfeval " + project_);
  ASSERT_EQ(md.exit_code, 0) << md.err;
  EXPECT_TRUE(absl::StrContains(md.out, "绩效自评表"));
  EXPECT_EQ(Twctl("selfeval --format pdf " + project_).exit_code, 2);
}

}  // namespace
}  // namespace targetwatch
