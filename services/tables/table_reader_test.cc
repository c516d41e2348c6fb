#include "services/tables/table_reader.h"

#include <fstream>
#include <sstream>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gtest/gtest.h"

namespace targetwatch::tables {
namespace {

std::string Example(const std::string& name) {
  std::ifstream in(std::string(TW_EXAMPLES_DIR) + "/" + name);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string Errors(const ReadResult& r) {
  std::vector<std::string> lines;
  for (const auto& e : r.errors) lines.push_back(absl::StrCat(e.line(), ": ", e.message()));
  return absl::StrJoin(lines, "\n");
}

bool HasMessage(const std::vector<v1::LineMessage>& messages, int line,
                absl::string_view part) {
  for (const auto& m : messages) {
    if (m.line() == line && absl::StrContains(m.message(), part)) return true;
  }
  return false;
}

class SeedTableTest : public ::testing::Test {
 protected:
  void SetUp() override {
    read_ = ReadTargetTables(Example("shanghai-housing-2020-targets.txt"));
    ASSERT_TRUE(read_.errors.empty()) << Errors(read_);
    ASSERT_EQ(read_.projects.size(), 4u);
  }
  ReadResult read_;
};

TEST_F(SeedTableTest, ReadsFourProjectsWithTheirIndicatorCounts) {
  EXPECT_EQ(read_.projects[0].indicators_size(), 19);
  EXPECT_EQ(read_.projects[1].indicators_size(), 33);
  EXPECT_EQ(read_.projects[2].indicators_size(), 19);
  EXPECT_EQ(read_.projects[3].indicators_size(), 17);
}

TEST_F(SeedTableTest, ReadsHeaderFactsOfEveryProject) {
  const char* titles[] = {"对区县住宅配套工程款补助", "房屋物业管理监督管理",
                          "市级项目配套工程款", "网络基础设施（交易中心） (运维)"};
  const char* categories[] = {"其他一次性项目", "其他一次性项目", "其他一次性项目",
                              "经常性专项业务费"};
  const char* types[] = {"其他类", "其他类", "其他类", "信息化建设工程类"};
  const bool purchased[] = {false, true, false, true};
  for (int i = 0; i < 4; ++i) {
    const v1::Project& p = read_.projects[i];
    EXPECT_EQ(p.title(), titles[i]);
    EXPECT_EQ(p.department(), "上海市房屋管理局") << i;
    EXPECT_EQ(p.category(), categories[i]);
    EXPECT_EQ(p.performance_type(), types[i]);
    EXPECT_EQ(p.fiscal_year(), 2020);
    EXPECT_EQ(p.planned_start().year(), 2020);
    EXPECT_EQ(p.planned_start().month(), 1);
    EXPECT_EQ(p.planned_start().day(), 1);
    EXPECT_EQ(p.planned_end().month(), 12);
    EXPECT_EQ(p.planned_end().day(), 31);
    ASSERT_TRUE(p.has_includes_purchased_services());
    EXPECT_EQ(p.includes_purchased_services(), purchased[i]);
  }
}

TEST_F(SeedTableTest, ReadsBudgetsToExactFen) {
  const v1::Budget& b = read_.projects[1].budget();
  EXPECT_EQ(b.total_fen(), 2647028800);
  EXPECT_EQ(b.current_year_fen(), 2647028800);
  EXPECT_EQ(b.previous_year_budget_fen(), 2892674600);
  EXPECT_EQ(b.previous_year_executed_fen(), 2892674600);
  EXPECT_EQ(read_.projects[0].budget().total_fen(), 26000000000);
  EXPECT_EQ(read_.projects[3].budget().previous_year_budget_fen(), 621162900);
}

TEST_F(SeedTableTest, ReadsNarrativeWithoutHtml) {
  const v1::Narrative& n = read_.projects[1].narrative();
  EXPECT_TRUE(absl::StartsWith(n.overview(), "一、加强物业行业监管")) << n.overview();
  EXPECT_FALSE(absl::StrContains(n.overview(), "<p"));
  EXPECT_TRUE(absl::StrContains(n.implementation_plan(), "3月前"));
  EXPECT_FALSE(n.goals().empty());
  EXPECT_FALSE(n.safeguards().empty());
}

TEST_F(SeedTableTest, TypesAllEightyEightTargets) {
  int count = 0;
  for (const v1::Project& p : read_.projects) {
    for (const v1::Indicator& ind : p.indicators()) {
      ++count;
      EXPECT_NE(ind.target().kind(), v1::TARGET_KIND_UNSPECIFIED) << ind.title();
      EXPECT_NE(ind.target().comparator(), v1::COMPARATOR_UNSPECIFIED) << ind.title();
      EXPECT_NE(ind.target().direction(), v1::DIRECTION_UNSPECIFIED) << ind.title();
      EXPECT_FALSE(ind.level1().empty()) << ind.title();
      EXPECT_FALSE(ind.level2().empty()) << ind.title();
    }
  }
  EXPECT_EQ(count, 88);
}

TEST_F(SeedTableTest, WarnsAboutTheRateWithoutPercentOnLine82) {
  EXPECT_TRUE(HasMessage(read_.warnings, 82, "=100"));
  const v1::Indicator& ind = read_.projects[1].indicators(21);
  EXPECT_EQ(ind.title(), "962121平台咨询回复及时率");
  EXPECT_EQ(ind.target().unit(), "%");
}

TEST_F(SeedTableTest, ShiftedRowsInheritLevelsWithWarnings) {
  // 管理人员配置情况⇥有专职人员管理⇥⇥ (line 76) and ⇥供应商资质符合程度⇥符合⇥ (166).
  const v1::Indicator& staff = read_.projects[1].indicators(15);
  EXPECT_EQ(staff.title(), "管理人员配置情况");
  EXPECT_EQ(staff.target().expectation(), "有专职人员管理");
  EXPECT_EQ(staff.level1(), "投入与管理");
  EXPECT_EQ(staff.level2(), "实施管理");
  EXPECT_TRUE(HasMessage(read_.warnings, 76, "columns 1 and 2"));
  const v1::Indicator& supplier = read_.projects[3].indicators(11);
  EXPECT_EQ(supplier.title(), "供应商资质符合程度");
  EXPECT_EQ(supplier.source_line(), 166);
  EXPECT_TRUE(HasMessage(read_.warnings, 166, "columns 2 and 3"));
}

TEST_F(SeedTableTest, KeepsAMisplacedLevel2AsWritten) {
  // Line 34: ⇥时效⇥市政工程建设质量验收合格率⇥100% (a quality indicator
  // under 时效 in the published table).
  const v1::Indicator& ind = read_.projects[0].indicators(11);
  EXPECT_EQ(ind.source_line(), 34);
  EXPECT_EQ(ind.level2(), "时效");
}

TEST_F(SeedTableTest, AvailabilityTargetOfTheHotline) {
  const v1::Indicator& ind = read_.projects[1].indicators(18);
  EXPECT_EQ(ind.title(), "962121平台运行服务时长");
  EXPECT_EQ(ind.target().kind(), v1::AVAILABILITY);
}

TEST_F(SeedTableTest, ResultIsIndependentOfLineEndings) {
  std::string crlf;
  for (char c : Example("shanghai-housing-2020-targets.txt")) {
    if (c == '\n') crlf.push_back('\r');
    crlf.push_back(c);
  }
  ReadResult again = ReadTargetTables(crlf);
  ASSERT_TRUE(again.errors.empty()) << Errors(again);
  ASSERT_EQ(again.projects.size(), 4u);
  EXPECT_EQ(again.projects[1].SerializeAsString(),
            read_.projects[1].SerializeAsString());
}

TEST(OtherLayoutsTest, OneCellPerParagraph) {
  ReadResult r = ReadTargetTables(Example("02_xiangtan-wupaoche-2024.txt"));
  ASSERT_TRUE(r.errors.empty()) << Errors(r);
  ASSERT_EQ(r.projects.size(), 1u);
  const v1::Project& p = r.projects[0];
  EXPECT_EQ(p.title(), "雾炮车抑尘降尘服务");
  EXPECT_EQ(p.department(), "湘潭市城市管理和综合执法局");
  EXPECT_EQ(p.fiscal_year(), 2024);
  EXPECT_EQ(p.budget().total_fen(), 250000000);  // 250 万元
  ASSERT_EQ(p.indicators_size(), 7);
  EXPECT_EQ(p.indicators(0).title(), "雾炮车抑尘降尘服务配备车辆数");
  EXPECT_EQ(p.indicators(0).target().value(), 10);
  EXPECT_EQ(p.indicators(4).level2(), "成本指标");
  EXPECT_EQ(p.indicators(4).target().kind(), v1::QUALITATIVE);
  EXPECT_EQ(p.indicators(6).level2(), "服务对象满意度指标");
  EXPECT_EQ(p.indicators(6).target().value(), 90);
  for (const auto& ind : p.indicators()) {
    EXPECT_NE(ind.target().kind(), v1::TARGET_KIND_UNSPECIFIED);
  }
  // The garbled 项目起止时间 is not guessed.
  EXPECT_FALSE(p.has_planned_start());
  EXPECT_TRUE(HasMessage(r.warnings, 18, "20246-202516"));
}

TEST(OtherLayoutsTest, SpaceSeparatedWithPlaceholders) {
  ReadResult r = ReadTargetTables(Example("04_nanyue-fupin-jidi-2018.txt"));
  ASSERT_TRUE(r.errors.empty()) << Errors(r);
  ASSERT_EQ(r.projects.size(), 1u);
  const v1::Project& p = r.projects[0];
  EXPECT_EQ(p.title(), "2018年市级专项扶贫资金基础设施(人大代表扶贫基地)");
  EXPECT_EQ(p.department(), "南岳镇政府");
  EXPECT_EQ(p.fiscal_year(), 2018);
  EXPECT_EQ(p.budget().current_year_fen(), 10000000);  // 10 万元
  ASSERT_EQ(p.indicators_size(), 16);
  const v1::Indicator& spots = p.indicators(1);
  EXPECT_EQ(spots.title(), "贫困地区旅游景点开发数量");
  EXPECT_EQ(spots.target().unit(), "个");
  EXPECT_TRUE(HasMessage(r.warnings, 17, "placeholder"));
  EXPECT_EQ(p.indicators(5).level2(), "成本指标");
  EXPECT_EQ(p.indicators(5).target().direction(), v1::LOWER_IS_BETTER);
  EXPECT_EQ(p.indicators(8).target().value(), 60000);  // >=6万元
  EXPECT_EQ(p.indicators(8).target().unit(), "元");
  EXPECT_EQ(p.indicators(12).level1(), "满意度指标");
}

// A small tabbed table for the malformed-input cases.
std::string Table(const std::string& budget, const std::string& target) {
  return absl::StrCat(
      "财政项目支出绩效目标表\t\t\t\n(2021年度)\t\t\t\n",
      "申报单位名称:某局\t\t\t\n",
      "项目名称:\t测试项目\t项目类别:\t其他\n",
      "计划开始日期:\t2021-01-01\t计划完成日期:\t2021-12-31\n",
      "项目总预算(万元):\t", budget, "\t项目当年预算(万元):\t", budget, "\n\n",
      "一级指标\t二级指标\t三级指标\t指标值\n",
      "产出指标\t数量指标\t完成率\t", target, "\n",
      "\t\t满意度\t>=90%\n");
}

TEST(MalformedTest, WellFormedSmallTableReads) {
  ReadResult r = ReadTargetTables(Table("1,000", ">=95%"));
  ASSERT_TRUE(r.errors.empty()) << Errors(r);
  EXPECT_EQ(r.projects[0].budget().total_fen(), 1000000000);  // 1000 万元
  EXPECT_EQ(r.projects[0].fiscal_year(), 2021);
}

TEST(MalformedTest, EmptyFileIsAnError) {
  for (const char* empty : {"", "\n\n  \n"}) {
    ReadResult r = ReadTargetTables(empty);
    ASSERT_EQ(r.errors.size(), 1u);
    EXPECT_TRUE(absl::StrContains(r.errors[0].message(), "empty"));
    EXPECT_EQ(ParseTargetTables(empty).status().code(),
              absl::StatusCode::kInvalidArgument);
  }
}

TEST(MalformedTest, GridWithoutHeaderRowIsAnError) {
  std::string text = Table("100", ">=95%");
  size_t header = text.find("一级指标");
  text.erase(header, text.find('\n', header) - header + 1);
  ReadResult r = ReadTargetTables(text);
  ASSERT_FALSE(r.errors.empty());
  EXPECT_TRUE(absl::StrContains(r.errors[0].message(), "no indicator grid"));
}

TEST(MalformedTest, UnknownTargetFormNamesItsLine) {
  ReadResult r = ReadTargetTables(Table("100", ">=abc"));
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].line(), 9);
  EXPECT_TRUE(absl::StrContains(r.errors[0].message(), ">=abc"));
  absl::Status status = ParseTargetTables(Table("100", ">=abc")).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(absl::StrContains(status.message(), "line 9:"));
}

TEST(MalformedTest, BadBudgetNamesItsLineAndField) {
  ReadResult r = ReadTargetTables(Table("12,3x4", ">=95%"));
  ASSERT_FALSE(r.errors.empty());
  EXPECT_EQ(r.errors[0].line(), 6);
  EXPECT_TRUE(absl::StrContains(r.errors[0].message(), "项目总预算"));
  EXPECT_TRUE(absl::StrContains(r.errors[0].message(), "12,3x4"));
}

TEST(MalformedTest, BadDateAndReversedDatesAreErrors) {
  std::string text = Table("100", ">=95%");
  std::string bad = text;
  bad.replace(bad.find("2021-12-31"), 10, "2021-13-01");
  EXPECT_TRUE(HasMessage(ReadTargetTables(bad).errors, 5, "not a date"));
  std::string reversed = text;
  reversed.replace(reversed.find("2021-12-31"), 10, "2020-12-31");
  EXPECT_FALSE(ReadTargetTables(reversed).errors.empty());
}

TEST(MalformedTest, RowWithoutTargetIsAnErrorNotASkip) {
  std::string text = Table("100", ">=95%") + "\t\t质量合格率\t\t多余\t内容\n";
  ReadResult r = ReadTargetTables(text);
  ASSERT_FALSE(r.errors.empty());
  EXPECT_EQ(r.errors[0].line(), 11);
}

TEST(MalformedTest, BinaryGarbageNeverCrashes) {
  std::string garbage;
  for (int i = 0; i < 4096; ++i) garbage.push_back(static_cast<char>((i * 131) % 256));
  ReadResult r = ReadTargetTables(garbage);
  EXPECT_FALSE(r.errors.empty());
}

TEST(NewerLayoutsTest, PipedGridWithComparatorUnitAndPointColumns) {
  std::string text =
      "2022年项目支出绩效目标表\n"
      "| 项目名称 | 智慧社区 | 主管部门 | 某区民政局 |\n"
      "| 资金总额(万元) | 50 |\n"
      "| 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 计量单位 | 分值 |\n"
      "| 产出指标 | 数量指标 | 覆盖社区数 | ≥ | 12 | 个 | 20 |\n"
      "| | 时效指标 | 平均响应时间 | ≤ | 2 | 小时 | 10 |\n"
      "| 成本指标 | 经济成本指标 | 单户改造成本 | ≤ | 800 | 元/户 | 10 |\n"
      "| 满意度指标 | 服务对象满意度指标 | 居民满意度 | ≥ | 90 | % | 10 |\n";
  ReadResult r = ReadTargetTables(text);
  ASSERT_TRUE(r.errors.empty()) << Errors(r);
  ASSERT_EQ(r.projects.size(), 1u);
  const v1::Project& p = r.projects[0];
  EXPECT_EQ(p.title(), "智慧社区");
  EXPECT_EQ(p.department(), "某区民政局");
  EXPECT_EQ(p.budget().total_fen(), 50000000);
  ASSERT_EQ(p.indicators_size(), 4);
  EXPECT_EQ(p.indicators(0).target().comparator(), v1::GE);
  EXPECT_EQ(p.indicators(0).target().unit(), "个");
  EXPECT_DOUBLE_EQ(p.indicators(0).weight(), 20);
  EXPECT_EQ(p.indicators(1).level1(), "产出指标");
  EXPECT_EQ(p.indicators(1).target().direction(), v1::LOWER_IS_BETTER);
  EXPECT_EQ(p.indicators(2).level1(), "成本指标");
  EXPECT_EQ(p.indicators(3).target().unit(), "%");
}

TEST(NewerLayoutsTest, QuirksOfTheTabbedExport) {
  // ASCII colons and brackets, missing trailing tabs, a merged 一级 cell,
  // a second table in the same text.
  std::string one = Table("100", "≥95%");
  std::string two = one;
  two.replace(two.find("测试项目"), std::string("测试项目").size(), "第二个项目");
  ReadResult r = ReadTargetTables(one + "\n" + two);
  ASSERT_TRUE(r.errors.empty()) << Errors(r);
  ASSERT_EQ(r.projects.size(), 2u);
  EXPECT_EQ(r.projects[1].title(), "第二个项目");
  EXPECT_EQ(r.projects[1].indicators(1).level1(), "产出指标");
  EXPECT_EQ(r.projects[1].indicators(1).level2(), "数量指标");
}

}  // namespace
}  // namespace targetwatch::tables
