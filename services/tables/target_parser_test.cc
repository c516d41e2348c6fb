#include "services/tables/target_parser.h"

#include "gtest/gtest.h"

namespace targetwatch::tables {
namespace {

struct Expected {
  const char* text;
  const char* title;
  v1::TargetKind kind;
  v1::Comparator comparator;
  double value;
  const char* unit;
  v1::Direction direction;
};

class TargetFormTest : public ::testing::TestWithParam<Expected> {};

TEST_P(TargetFormTest, TypesTheForm) {
  const Expected& e = GetParam();
  absl::StatusOr<ParsedTarget> parsed = ParseTarget(e.text, e.title);
  ASSERT_TRUE(parsed.ok()) << e.text << ": " << parsed.status();
  const v1::Target& t = parsed->target;
  EXPECT_EQ(t.kind(), e.kind) << e.text;
  EXPECT_EQ(t.comparator(), e.comparator) << e.text;
  EXPECT_DOUBLE_EQ(t.value(), e.value) << e.text;
  EXPECT_EQ(t.unit(), e.unit) << e.text;
  EXPECT_EQ(t.direction(), e.direction) << e.text;
  EXPECT_EQ(t.raw(), e.text);
}

INSTANTIATE_TEST_SUITE_P(
    SeedAndCousins, TargetFormTest,
    ::testing::Values(
        // The forms of the seed.
        Expected{"100%", "资金到位及时率", v1::NUMERIC, v1::GE, 100, "%", v1::HIGHER_IS_BETTER},
        Expected{"=100%", "预算执行率", v1::NUMERIC, v1::EQ, 100, "%", v1::EXACT},
        Expected{">=90%", "居民满意度", v1::NUMERIC, v1::GE, 90, "%", v1::HIGHER_IS_BETTER},
        Expected{"≥90%", "居民满意度", v1::NUMERIC, v1::GE, 90, "%", v1::HIGHER_IS_BETTER},
        Expected{"<=5%", "有责投诉率", v1::NUMERIC, v1::LE, 5, "%", v1::LOWER_IS_BETTER},
        Expected{"≤5%", "有责投诉率", v1::NUMERIC, v1::LE, 5, "%", v1::LOWER_IS_BETTER},
        Expected{">93%", "投诉处理及时率", v1::NUMERIC, v1::GT, 93, "%", v1::HIGHER_IS_BETTER},
        Expected{"=1", "测评报告", v1::NUMERIC, v1::EQ, 1, "", v1::EXACT},
        Expected{"=100", "平台咨询回复及时率", v1::NUMERIC, v1::EQ, 100, "%", v1::EXACT},
        Expected{"365天24小时", "平台运行服务时长", v1::AVAILABILITY, v1::GE, 100, "%", v1::HIGHER_IS_BETTER},
        Expected{"100%合规", "政府采购执行情况", v1::NUMERIC, v1::GE, 100, "%", v1::HIGHER_IS_BETTER},
        // Cousins from other tables.
        Expected{">= 90%", "满意度", v1::NUMERIC, v1::GE, 90, "%", v1::HIGHER_IS_BETTER},
        Expected{"<5%", "差错率", v1::NUMERIC, v1::LT, 5, "%", v1::LOWER_IS_BETTER},
        Expected{">=98.5%", "合格率", v1::NUMERIC, v1::GE, 98.5, "%", v1::HIGHER_IS_BETTER},
        Expected{">=12次", "检查次数", v1::NUMERIC, v1::GE, 12, "次", v1::HIGHER_IS_BETTER},
        Expected{"300户", "改造户数", v1::NUMERIC, v1::GE, 300, "户", v1::HIGHER_IS_BETTER},
        Expected{"10个", "站点数", v1::NUMERIC, v1::GE, 10, "个", v1::HIGHER_IS_BETTER},
        Expected{"<=2小时", "响应时间", v1::NUMERIC, v1::LE, 2, "小时", v1::LOWER_IS_BETTER},
        Expected{"5个工作日", "办结时间", v1::NUMERIC, v1::LE, 5, "个工作日", v1::LOWER_IS_BETTER},
        Expected{"<=475元/亩", "补助标准", v1::NUMERIC, v1::LE, 475, "元/亩", v1::LOWER_IS_BETTER},
        Expected{">=60,000人", "接待游客数量", v1::NUMERIC, v1::GE, 60000, "人", v1::HIGHER_IS_BETTER},
        Expected{"≧95%", "完成率", v1::NUMERIC, v1::GE, 95, "%", v1::HIGHER_IS_BETTER},
        Expected{"≦3%", "返修率", v1::NUMERIC, v1::LE, 3, "%", v1::LOWER_IS_BETTER},
        Expected{"═100%", "覆盖率", v1::NUMERIC, v1::EQ, 100, "%", v1::EXACT},
        Expected{">=6万元", "增加收入", v1::NUMERIC, v1::GE, 60000, "元", v1::HIGHER_IS_BETTER},
        Expected{">=2.61万元", "增加收入", v1::NUMERIC, v1::GE, 26100, "元", v1::HIGHER_IS_BETTER},
        Expected{"3万人", "受益人数", v1::NUMERIC, v1::GE, 30000, "人", v1::HIGHER_IS_BETTER},
        Expected{"<=800元/人", "人均成本", v1::NUMERIC, v1::LE, 800, "元/人", v1::LOWER_IS_BETTER},
        Expected{"＞＝９０％", "满意度", v1::NUMERIC, v1::GE, 90, "%", v1::HIGHER_IS_BETTER},
        // A bare value: at least, or at most where less is better.
        Expected{"5%", "设备故障率", v1::NUMERIC, v1::LE, 5, "%", v1::LOWER_IS_BETTER},
        Expected{"2000元", "运行成本", v1::NUMERIC, v1::LE, 2000, "元", v1::LOWER_IS_BETTER},
        // An explicit comparator wins over the indicator's nature.
        Expected{">=1%", "投诉率", v1::NUMERIC, v1::GE, 1, "%", v1::HIGHER_IS_BETTER},
        Expected{"7×24小时", "服务时间", v1::AVAILABILITY, v1::GE, 100, "%", v1::HIGHER_IS_BETTER}));

TEST(ParseTargetTest, QualitativePhrasesKeepTheirExpectation) {
  for (const char* phrase :
       {"充分合理", "建立健全", "财务制度建立健全", "执行有效", "改善", "提高", "提升",
        "合格", "及时", "规范", "合规", "完备", "健全", "有效", "符合", "有监控机制",
        "实施项目成本控制", "按照计划落实", "有专职人员管理", "优良"}) {
    absl::StatusOr<ParsedTarget> parsed = ParseTarget(phrase, "某指标");
    ASSERT_TRUE(parsed.ok()) << phrase;
    EXPECT_EQ(parsed->target.kind(), v1::QUALITATIVE) << phrase;
    EXPECT_EQ(parsed->target.expectation(), phrase);
    EXPECT_TRUE(parsed->warnings.empty());
  }
}

TEST(ParseTargetTest, RateWithoutPercentIsReadAsPercentWithWarning) {
  absl::StatusOr<ParsedTarget> parsed = ParseTarget("=100", "平台咨询回复及时率");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->target.unit(), "%");
  ASSERT_EQ(parsed->warnings.size(), 1u);
  EXPECT_NE(parsed->warnings[0].find("=100"), std::string::npos);
}

TEST(ParseTargetTest, CountWithoutUnitGetsNoGuess) {
  absl::StatusOr<ParsedTarget> parsed = ParseTarget("=1", "满意度测评报告");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->target.unit(), "");
  EXPECT_TRUE(parsed->warnings.empty());
}

TEST(ParseTargetTest, NumberWithQualifierKeepsIt) {
  absl::StatusOr<ParsedTarget> parsed = ParseTarget("100%合规", "政府采购");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->target.expectation(), "合规");
}

TEST(ParseTargetTest, UnknownFormsAreInvalidArgumentNamingTheText) {
  for (const char* bad : {">=abc", "", "   ", "1-2次", ">=", "12,3x4%",
                          "2024通过采购雾炮车抑尘降尘服务持续改善空气质量"}) {
    absl::StatusOr<ParsedTarget> parsed = ParseTarget(bad, "某指标");
    EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_NE(parsed.status().message().find("target"), std::string::npos);
  }
  EXPECT_NE(ParseTarget(">=abc", "x").status().message().find(">=abc"),
            std::string::npos);
}

}  // namespace
}  // namespace targetwatch::tables
