// Runs the real twctl binary on the sample tables, offline.
#include <fstream>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "targetwatch/v1/registry.pb.h"
#include "tests/testing/command_runner.h"

namespace targetwatch {
namespace {

using testing::CommandResult;
using testing::Twctl;

const std::string kSeed =
    std::string(TW_SOURCE_DIR) + "/examples/tables/shanghai-housing-2020-targets.txt";

TEST(TwctlTableParseTest, JsonOfTheSeedParsesBackIntoTheResponse) {
  CommandResult run = Twctl("table parse --json " + kSeed);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  v1::ParseTargetTableResponse response;
  ASSERT_TRUE(
      google::protobuf::util::JsonStringToMessage(run.out, &response).ok());
  ASSERT_EQ(response.projects_size(), 4);
  int indicators = 0;
  for (const auto& p : response.projects()) indicators += p.indicators_size();
  EXPECT_EQ(indicators, 88);
  EXPECT_EQ(response.projects(1).budget().total_fen(), 2647028800);
  bool warned_82 = false;
  for (const auto& w : response.warnings()) warned_82 |= w.line() == 82;
  EXPECT_TRUE(warned_82);
  // The proto3 JSON names the brief promises.
  for (const char* field : {"\"fiscalYear\"", "\"plannedStart\"", "\"totalFen\"",
                            "\"currentYearFen\"", "\"previousYearBudgetFen\"",
                            "\"previousYearExecutedFen\"", "\"level1\"",
                            "\"expectation\"", "\"warnings\""}) {
    EXPECT_TRUE(absl::StrContains(run.out, field)) << field;
  }
}

TEST(TwctlTableParseTest, ReadableOutputListsEveryIndicator) {
  CommandResult run = Twctl("table parse " + kSeed);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(absl::StrContains(run.out, "房屋物业管理监督管理"));
  EXPECT_TRUE(absl::StrContains(run.out, "indicators (33)"));
  EXPECT_TRUE(absl::StrContains(run.err, ":82: warning:"));
}

TEST(TwctlTableParseTest, ErrorsGoToStderrWithLineAndNonZeroExit) {
  std::string path = ::testing::TempDir() + "/bad_table.txt";
  std::ofstream(path) << "财政项目支出绩效目标表\n项目名称:\t坏表\n\n"
                         "一级指标\t二级指标\t三级指标\t指标值\n"
                         "产出指标\t数量指标\t完成率\t>=abc\n";
  CommandResult run = Twctl("table parse " + path);
  EXPECT_NE(run.exit_code, 0);
  EXPECT_TRUE(absl::StrContains(run.err, "bad_table.txt:5: error:")) << run.err;
  EXPECT_TRUE(run.out.empty());
}

TEST(TwctlTableParseTest, MissingFileAndBadUsage) {
  EXPECT_NE(Twctl("table parse /no/such/file").exit_code, 0);
  EXPECT_EQ(Twctl("table parse").exit_code, 2);
  EXPECT_EQ(Twctl("no-such-command").exit_code, 2);
  CommandResult help = Twctl("--help");
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_TRUE(absl::StrContains(help.out, "table parse"));
}

}  // namespace
}  // namespace targetwatch
