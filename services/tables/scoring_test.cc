#include "services/tables/scoring.h"

#include "gtest/gtest.h"
#include "services/tables/target_parser.h"

namespace targetwatch::tables {
namespace {

v1::Target T(const char* text, const char* title = "指标") {
  return ParseTarget(text, title).value().target;
}

double Share(const char* target, double actual, const char* title = "指标") {
  return JudgeValue(T(target, title), actual).value().share;
}

TEST(JudgeValueTest, HigherIsBetterEarnsTheRatioBelowTarget) {
  EXPECT_DOUBLE_EQ(Share(">=90%", 90), 1);
  EXPECT_DOUBLE_EQ(Share(">=90%", 95), 1);
  EXPECT_DOUBLE_EQ(Share(">=90%", 45), 0.5);
  EXPECT_DOUBLE_EQ(Share(">=90%", 0), 0);
  Judgement at = JudgeValue(T(">=90%"), 90).value();
  EXPECT_TRUE(at.met);
  EXPECT_EQ(at.status, v1::MET);
  Judgement below = JudgeValue(T(">=90%"), 89.99).value();
  EXPECT_FALSE(below.met);
  EXPECT_EQ(below.status, v1::AT_RISK);
  EXPECT_EQ(JudgeValue(T(">=90%"), 71).value().status, v1::OFF_TRACK);
}

TEST(JudgeValueTest, StrictlyGreaterIsNotMetAtTheTarget) {
  Judgement at = JudgeValue(T(">93%"), 93).value();
  EXPECT_FALSE(at.met);
  EXPECT_DOUBLE_EQ(at.share, 1);
  EXPECT_TRUE(JudgeValue(T(">93%"), 93.1).value().met);
}

TEST(JudgeValueTest, LowerIsBetterLosesLinearlyUpToTwiceTheTarget) {
  EXPECT_DOUBLE_EQ(Share("<=5%", 5), 1);
  EXPECT_DOUBLE_EQ(Share("<=5%", 0), 1);
  EXPECT_DOUBLE_EQ(Share("<=5%", 6), 0.8);
  EXPECT_DOUBLE_EQ(Share("<=5%", 7.5), 0.5);
  EXPECT_DOUBLE_EQ(Share("<=5%", 9.99), 1 - 4.99 / 5);
  EXPECT_DOUBLE_EQ(Share("<=5%", 10), 0);
  EXPECT_DOUBLE_EQ(Share("<=5%", 50), 0);
  EXPECT_TRUE(JudgeValue(T("<=5%"), 5).value().met);
  EXPECT_FALSE(JudgeValue(T("<5%"), 5).value().met);
  // A bare value of a lower-is-better indicator is a ceiling too.
  EXPECT_DOUBLE_EQ(Share("5%", 7.5, "设备故障率"), 0.5);
}

TEST(JudgeValueTest, EqualsZeroEarnsOnlyAtZero) {
  EXPECT_DOUBLE_EQ(Share("=0", 0), 1);
  EXPECT_DOUBLE_EQ(Share("=0", 0.1), 0);
  EXPECT_FALSE(JudgeValue(T("=0"), 1).value().met);
}

TEST(JudgeValueTest, EqualsNonZeroIsScoredLikeHigherIsBetter) {
  EXPECT_DOUBLE_EQ(Share("=100%", 100), 1);
  EXPECT_DOUBLE_EQ(Share("=100%", 80), 0.8);
  EXPECT_DOUBLE_EQ(Share("=1", 2), 1);
  EXPECT_DOUBLE_EQ(Share("=1", 0), 0);
}

TEST(JudgeValueTest, AvailabilityIsAPercentOfTime) {
  EXPECT_DOUBLE_EQ(Share("365天24小时", 100), 1);
  EXPECT_DOUBLE_EQ(Share("365天24小时", 99), 0.99);
  EXPECT_FALSE(JudgeValue(T("365天24小时"), 99.9).value().met);
}

TEST(JudgeValueTest, RejectsGradesForNumbersAndNonFiniteActuals) {
  EXPECT_EQ(JudgeValue(T("建立健全"), 1).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(JudgeValue(T(">=90%"), std::nan("")).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(JudgeGradeTest, BandsDefaultToTheirTop) {
  v1::Target q = T("建立健全");
  EXPECT_DOUBLE_EQ(JudgeGrade(q, v1::ACHIEVED, std::nullopt).value().share, 1.0);
  EXPECT_DOUBLE_EQ(JudgeGrade(q, v1::PARTIALLY_ACHIEVED, std::nullopt).value().share, 0.8);
  EXPECT_DOUBLE_EQ(JudgeGrade(q, v1::NOT_ACHIEVED, std::nullopt).value().share, 0.6);
  EXPECT_TRUE(JudgeGrade(q, v1::ACHIEVED, std::nullopt).value().met);
  EXPECT_FALSE(JudgeGrade(q, v1::PARTIALLY_ACHIEVED, std::nullopt).value().met);
}

TEST(JudgeGradeTest, PointInsideTheBandIsUsedAndCheckedAtItsEdges) {
  v1::Target q = T("执行有效");
  EXPECT_DOUBLE_EQ(JudgeGrade(q, v1::ACHIEVED, 80).value().share, 0.8);
  EXPECT_DOUBLE_EQ(JudgeGrade(q, v1::PARTIALLY_ACHIEVED, 60).value().share, 0.6);
  EXPECT_DOUBLE_EQ(JudgeGrade(q, v1::NOT_ACHIEVED, 0).value().share, 0);
  EXPECT_EQ(JudgeGrade(q, v1::ACHIEVED, 79.9).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(JudgeGrade(q, v1::PARTIALLY_ACHIEVED, 80.1).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(JudgeGrade(q, v1::NOT_ACHIEVED, 61).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(JudgeGrade(q, v1::GRADE_UNSPECIFIED, std::nullopt).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(JudgeGrade(T(">=90%"), v1::ACHIEVED, std::nullopt).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(GroupOfTest, SortsIndicatorsIntoTheSelfEvaluationGroups) {
  EXPECT_EQ(GroupOf("产出目标", "数量"), ScoreGroup::kOutput);
  EXPECT_EQ(GroupOf("产出指标", "成本指标"), ScoreGroup::kOutput);
  EXPECT_EQ(GroupOf("效果目标", "社会效益"), ScoreGroup::kEffect);
  EXPECT_EQ(GroupOf("影响力目标", "长效管理"), ScoreGroup::kEffect);
  EXPECT_EQ(GroupOf("效果目标", "满意度"), ScoreGroup::kSatisfaction);
  EXPECT_EQ(GroupOf("满意度指标", "服务对象满意度指标"), ScoreGroup::kSatisfaction);
  EXPECT_EQ(GroupOf("投入与管理", "投入管理"), ScoreGroup::kUnscored);
}

TEST(GradeOfTest, BoundariesOfTheFourGrades) {
  EXPECT_EQ(GradeOf(100), v1::EXCELLENT);
  EXPECT_EQ(GradeOf(90), v1::EXCELLENT);
  EXPECT_EQ(GradeOf(89.99), v1::GOOD);
  EXPECT_EQ(GradeOf(80), v1::GOOD);
  EXPECT_EQ(GradeOf(79.99), v1::FAIR);
  EXPECT_EQ(GradeOf(60), v1::FAIR);
  EXPECT_EQ(GradeOf(59.99), v1::POOR);
  EXPECT_EQ(GradeOf(0), v1::POOR);
}

TEST(ScoreProjectTest, SplitsGroupPointsEvenlyAndAddsBudget) {
  std::vector<ScoredIndicator> inds = {
      {ScoreGroup::kOutput, 0, 1.0},       {ScoreGroup::kOutput, 0, 0.5},
      {ScoreGroup::kEffect, 0, 1.0},       {ScoreGroup::kSatisfaction, 0, 0.9},
      {ScoreGroup::kUnscored, 0, 0.0},
  };
  ProjectScore s = ScoreProject(inds, 0.8, ScoringConfig{});
  // 8 (budget) + 25 + 12.5 (outputs) + 30 (effects) + 9 (satisfaction)
  EXPECT_DOUBLE_EQ(s.score, 84.5);
  EXPECT_EQ(s.grade, v1::GOOD);
  EXPECT_DOUBLE_EQ(s.indicators[1].possible, 25);
  EXPECT_DOUBLE_EQ(s.indicators[1].earned, 12.5);
  EXPECT_DOUBLE_EQ(s.indicators[4].possible, 0);
  EXPECT_DOUBLE_EQ(s.budget.earned, 8);
}

TEST(ScoreProjectTest, WeightsSplitAGroupWhenGiven) {
  std::vector<ScoredIndicator> inds = {
      {ScoreGroup::kOutput, 3, 1.0}, {ScoreGroup::kOutput, 1, 0.0},
      {ScoreGroup::kEffect, 0, 1.0}, {ScoreGroup::kSatisfaction, 0, 1.0}};
  ProjectScore s = ScoreProject(inds, 1.0, ScoringConfig{});
  EXPECT_DOUBLE_EQ(s.indicators[0].possible, 37.5);
  EXPECT_DOUBLE_EQ(s.indicators[1].possible, 12.5);
  EXPECT_DOUBLE_EQ(s.score, 87.5);
}

TEST(ScoreProjectTest, MissingGroupIsLeftOutAndTheTotalScaled) {
  std::vector<ScoredIndicator> inds = {{ScoreGroup::kOutput, 0, 1.0},
                                       {ScoreGroup::kEffect, 0, 0.5}};
  ProjectScore s = ScoreProject(inds, 1.0, ScoringConfig{});
  // (10 + 50 + 15) of 90 possible, scaled to 100.
  EXPECT_DOUBLE_EQ(s.possible, 90);
  EXPECT_NEAR(s.score, 75.0 / 90 * 100, 1e-9);
}

TEST(ScoreProjectTest, ConfigurablePoints) {
  ScoringConfig config;
  config.budget_points = 20;
  config.output_points = 40;
  std::vector<ScoredIndicator> inds = {{ScoreGroup::kOutput, 0, 1.0},
                                       {ScoreGroup::kEffect, 0, 1.0},
                                       {ScoreGroup::kSatisfaction, 0, 1.0}};
  ProjectScore s = ScoreProject(inds, 0.5, config);
  EXPECT_DOUBLE_EQ(s.score, 90);
}

}  // namespace
}  // namespace targetwatch::tables
