// twctl against a real registry binary on a private redis-server.
#include <fstream>
#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "targetwatch/v1/registry.pb.h"
#include "tests/testing/command_runner.h"
#include "tests/testing/examples.h"
#include "tests/testing/redis_server.h"
#include "tests/testing/service_process.h"

namespace targetwatch {
namespace {

using testing::CommandResult;

const std::string kSeed =
    std::string(TW_SOURCE_DIR) + "/examples/tables/shanghai-housing-2020-targets.txt";

class RegistryCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto redis = testing::RedisServer::Launch();
    ASSERT_TRUE(redis.ok()) << redis.status();
    redis_ = *std::move(redis);
    auto registry = testing::StartService("registry", redis_->address());
    ASSERT_TRUE(registry.ok()) << registry.status();
    registry_.emplace(*std::move(registry));
  }

  CommandResult Twctl(const std::string& args) {
    return testing::Twctl(absl::StrCat("--registry=", registry_->address, " ", args));
  }

  v1::ListProjectsResponse Projects(const std::string& flags = "") {
    CommandResult run = Twctl("projects list --json " + flags);
    EXPECT_EQ(run.exit_code, 0) << run.err;
    v1::ListProjectsResponse response;
    EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(run.out, &response).ok());
    return response;
  }

  std::unique_ptr<testing::RedisServer> redis_;
  std::optional<testing::ServiceProcess> registry_;
};

TEST_F(RegistryCliTest, ImportCreatesFourProjectsThenNothingNew) {
  CommandResult first = Twctl("import " + kSeed);
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_TRUE(absl::StrContains(first.out, "4 created, 0 updated, 0 unchanged")) << first.out;
  EXPECT_TRUE(absl::StrContains(first.err, ":82: warning:"));
  v1::ListProjectsResponse projects = Projects();
  ASSERT_EQ(projects.projects_size(), 4);

  int indicators = 0;
  for (const auto& p : projects.projects()) {
    CommandResult list = Twctl("indicators list --json " + p.name());
    ASSERT_EQ(list.exit_code, 0) << list.err;
    v1::ListIndicatorsResponse response;
    ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(list.out, &response).ok());
    indicators += response.indicators_size();
  }
  EXPECT_EQ(indicators, 88);

  CommandResult second = Twctl("import " + kSeed);
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_TRUE(absl::StrContains(second.out, "0 created, 0 updated, 4 unchanged (nothing new)"))
      << second.out;
  EXPECT_EQ(Projects().projects_size(), 4);
}

TEST_F(RegistryCliTest, DryRunWritesNothing) {
  CommandResult run = Twctl("import --dry-run " + kSeed);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(absl::StrContains(run.out, "dry run, nothing written: 4 created")) << run.out;
  EXPECT_EQ(Projects().projects_size(), 0);
}

TEST_F(RegistryCliTest, TwoImportsAtTheSameMomentLeaveFourProjects) {
  std::string twctl = testing::BinaryPath("twctl");
  std::string one = absl::StrCat(twctl, " --registry=", registry_->address, " import ", kSeed);
  CommandResult both = testing::RunCommand(
      absl::StrCat("(", one, " & ", one, " & wait) 2>/dev/null"));
  ASSERT_EQ(both.exit_code, 0);
  EXPECT_EQ(Projects().projects_size(), 4);
}

TEST_F(RegistryCliTest, MalformedTableNamesTheLineAndWritesNothing) {
  std::string path = ::testing::TempDir() + "/malformed_table.txt";
  std::string text = testing::ExampleTable(testing::kSeedTable);
  text.replace(text.find("≤5%"), std::string("≤5%").size(), ">=abc");
  std::ofstream(path) << text;
  CommandResult run = Twctl("import " + path);
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_TRUE(absl::StrContains(run.err, "line 40:")) << run.err;
  EXPECT_TRUE(absl::StrContains(run.err, "nothing was written"));
  EXPECT_EQ(Projects().projects_size(), 0);
}

TEST_F(RegistryCliTest, ListsFilterByYearAndDepartment) {
  ASSERT_EQ(Twctl("import " + kSeed).exit_code, 0);
  EXPECT_EQ(Projects("--year 2020").projects_size(), 4);
  EXPECT_EQ(Projects("--year 2019").projects_size(), 0);
  EXPECT_EQ(Projects("--department 上海市房屋管理局").projects_size(), 4);
  CommandResult table = Twctl("projects list");
  EXPECT_TRUE(absl::StrContains(table.out, "房屋物业管理监督管理"));
  EXPECT_TRUE(absl::StrContains(table.out, "4 project(s)"));
}

TEST_F(RegistryCliTest, MilestonesCreateListAndUpdate) {
  ASSERT_EQ(Twctl("import " + kSeed).exit_code, 0);
  std::string project = Projects("--department 上海市房屋管理局").projects(0).name();
  CommandResult created = Twctl(absl::StrCat(
      "milestones create ", project, " --title 年中检查 --due 2020-06-30 --district 浦东新区 --json"));
  ASSERT_EQ(created.exit_code, 0) << created.err;
  v1::Milestone milestone;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(created.out, &milestone).ok());
  CommandResult updated =
      Twctl(absl::StrCat("milestones update ", milestone.name(), " --done 2020-06-28"));
  ASSERT_EQ(updated.exit_code, 0) << updated.err;
  CommandResult list = Twctl("milestones list " + project);
  EXPECT_TRUE(absl::StrContains(list.out, "2020-06-28")) << list.out;
  CommandResult stale = Twctl(absl::StrCat("milestones update ", milestone.name(),
                                           " --done 2020-06-29 --etag ", milestone.etag()));
  EXPECT_EQ(stale.exit_code, 1);
  EXPECT_TRUE(absl::StrContains(stale.err, "ABORTED")) << stale.err;
  EXPECT_EQ(Twctl(absl::StrCat("milestones update ", milestone.name(), " --due 2020-02-30"))
                .exit_code,
            1);
}

TEST_F(RegistryCliTest, UnreachableRegistryExitsThree) {
  CommandResult run = testing::Twctl("--registry=127.0.0.1:1 --timeout=2 projects list");
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_TRUE(absl::StrContains(run.err, "UNAVAILABLE")) << run.err;
}

}  // namespace
}  // namespace targetwatch
