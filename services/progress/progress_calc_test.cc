#include "services/progress/progress_calc.h"

#include "gtest/gtest.h"
#include "services/tables/target_parser.h"

namespace targetwatch {
namespace {

const absl::TimeZone kZone = absl::FixedTimeZone(8 * 3600);

absl::Time At(int y, int m, int d, int h = 0) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, h, 0, 0), kZone);
}

void SetDate(v1::Date* date, int y, int m, int d) {
  date->set_year(y);
  date->set_month(m);
  date->set_day(d);
}

void SetTime(google::protobuf::Timestamp* t, absl::Time time) {
  t->set_seconds(absl::ToUnixSeconds(time));
}

v1::Indicator* AddIndicator(v1::Project& p, const std::string& name, const std::string& level1,
                            const std::string& level2, const std::string& title,
                            const std::string& target, bool cumulative = false) {
  v1::Indicator* ind = p.add_indicators();
  ind->set_name("projects/p/indicators/" + name);
  ind->set_level1(level1);
  ind->set_level2(level2);
  ind->set_title(title);
  *ind->mutable_target() = tables::ParseTarget(target, title).value().target;
  ind->set_cumulative(cumulative);
  return ind;
}

// 房屋物业管理监督管理, reduced to what the calculation reads.
v1::Project PropertyProject() {
  v1::Project p;
  p.set_name("projects/p");
  p.set_title("房屋物业管理监督管理");
  p.set_fiscal_year(2020);
  SetDate(p.mutable_planned_start(), 2020, 1, 1);
  SetDate(p.mutable_planned_end(), 2020, 12, 31);
  p.mutable_budget()->set_current_year_fen(2647028800);
  AddIndicator(p, "exec", "投入与管理", "投入管理", "预算执行率", "100%", true);
  AddIndicator(p, "hotline", "产出目标", "数量", "962121平台运行服务时长", "365天24小时");
  AddIndicator(p, "report", "产出目标", "数量", "全市住宅小区综合治理第三方测评报告", "=1");
  AddIndicator(p, "complaints", "效果目标", "社会效益", "投诉处理及时率", ">93%");
  AddIndicator(p, "satisfaction", "效果目标", "满意度", "居民满意度", ">85%");
  AddIndicator(p, "mechanism", "影响力目标", "长效管理", "长效管理机制健全性", "建立健全");
  v1::MonitoredService* s = p.add_monitored_services();
  s->set_service("962121");
  s->set_indicator("projects/p/indicators/hotline");
  s->set_target_percent(100);
  return p;
}

v1::IndicatorProgress Find(const v1::ProjectProgress& progress, const std::string& name) {
  for (const auto& ip : progress.indicators()) {
    if (ip.indicator() == "projects/p/indicators/" + name) return ip;
  }
  ADD_FAILURE() << "no indicator " << name;
  return {};
}

TEST(PlannedPercentTest, LinearOverThePlannedPeriod) {
  v1::Project p = PropertyProject();
  EXPECT_DOUBLE_EQ(PlannedPercent(p, At(2019, 12, 31), kZone), 0);
  EXPECT_DOUBLE_EQ(PlannedPercent(p, At(2020, 1, 1), kZone), 0);
  EXPECT_NEAR(PlannedPercent(p, At(2020, 7, 2), kZone), 50, 0.2);
  EXPECT_DOUBLE_EQ(PlannedPercent(p, At(2021, 1, 1), kZone), 100);
}

TEST(PlannedPercentTest, FollowsCheckpointsThenStays) {
  v1::Project p = PropertyProject();
  v1::DisbursementCheckpoint* c = p.add_disbursement_plan();
  SetDate(c->mutable_date(), 2020, 6, 30);
  c->set_cumulative_percent(40);
  c = p.add_disbursement_plan();
  SetDate(c->mutable_date(), 2020, 11, 30);
  c->set_cumulative_percent(100);
  EXPECT_NEAR(PlannedPercent(p, At(2020, 7, 1), kZone), 40, 1e-9);
  EXPECT_NEAR(PlannedPercent(p, At(2020, 12, 1), kZone), 100, 1e-9);
  EXPECT_DOUBLE_EQ(PlannedPercent(p, At(2020, 12, 20), kZone), 100);
  double mid = PlannedPercent(p, At(2020, 9, 15), kZone);
  EXPECT_GT(mid, 40);
  EXPECT_LT(mid, 100);
}

TEST(ProgressTest, ThirtyPercentPaidWhereThePlanSaysSixtyIsThirtyPointsBehind) {
  v1::Project p = PropertyProject();
  absl::Time start = At(2020, 1, 1);
  absl::Time as_of = start + 0.6 * (At(2021, 1, 1) - start);
  ProjectReports reports;
  reports.disbursed_fen = p.budget().current_year_fen() * 3 / 10;
  v1::ProjectProgress progress = ComputeProgress(p, reports, as_of, CalcOptions{});
  EXPECT_NEAR(progress.budget().executed_percent(), 30, 1e-6);
  EXPECT_NEAR(progress.budget().planned_percent(), 60, 1e-6);
  EXPECT_NEAR(progress.budget().lag_points(), -30, 1e-6);
  EXPECT_EQ(progress.budget().status(), v1::OFF_TRACK);
  // 预算执行率 takes the execution when nobody reported it: behind schedule.
  v1::IndicatorProgress exec = Find(progress, "exec");
  EXPECT_TRUE(exec.has_actual());
  EXPECT_NEAR(exec.actual_value(), 30, 1e-6);
  EXPECT_NEAR(exec.expected_value(), 60, 1e-6);
  EXPECT_EQ(exec.status(), v1::OFF_TRACK);
}

TEST(ProgressTest, CumulativeIndicatorIsJudgedAgainstTheSchedule) {
  v1::Project p = PropertyProject();
  AddIndicator(p, "done", "产出目标", "数量", "公建配套设施建设计划完成率", "100%", true);
  ProjectReports reports;
  v1::Measurement m;
  m.set_indicator("projects/p/indicators/done");
  m.set_value(40);
  reports.latest["projects/p/indicators/done"] = m;
  v1::IndicatorProgress june =
      Find(ComputeProgress(p, reports, At(2020, 6, 30, 12), CalcOptions{}), "done");
  EXPECT_FALSE(june.met());
  EXPECT_EQ(june.status(), v1::AT_RISK) << "40% against ~50% expected: behind";
  reports.latest["projects/p/indicators/done"].set_value(20);
  EXPECT_EQ(Find(ComputeProgress(p, reports, At(2020, 6, 30, 12), CalcOptions{}), "done")
                .status(),
            v1::OFF_TRACK);
  reports.latest["projects/p/indicators/done"].set_value(40);
  v1::IndicatorProgress march =
      Find(ComputeProgress(p, reports, At(2020, 3, 31, 12), CalcOptions{}), "done");
  EXPECT_EQ(march.status(), v1::ON_TRACK) << "40% against ~25% expected";
  EXPECT_NEAR(march.expected_value(), 100 * (90.5 / 366), 0.5);
}

TEST(ProgressTest, OutagesBringTheHotlineUnderItsTarget) {
  v1::Project p = PropertyProject();
  ProjectReports reports;
  v1::Outage outage;
  outage.set_service("962121");
  SetTime(outage.mutable_start_time(), At(2020, 6, 1, 8));
  SetTime(outage.mutable_end_time(), At(2020, 6, 1, 20));
  reports.outages.push_back(outage);
  reports.outages.push_back(outage);  // a second district's report of it
  v1::ProjectProgress progress = ComputeProgress(p, reports, At(2020, 6, 30), CalcOptions{});
  ASSERT_EQ(progress.services_size(), 1);
  const v1::ServiceAvailability& s = progress.services(0);
  EXPECT_NEAR(s.last_30_days_percent(), 100 * (1 - 12.0 / (30 * 24)), 1e-6);
  EXPECT_LT(s.year_to_date_percent(), 100);
  EXPECT_GT(s.year_to_date_percent(), 99.5);
  EXPECT_EQ(s.status(), v1::OFF_TRACK);
  EXPECT_FALSE(s.down_now());
  v1::IndicatorProgress hotline = Find(progress, "hotline");
  EXPECT_FALSE(hotline.met());
  EXPECT_NEAR(hotline.actual_value(), s.year_to_date_percent(), 1e-9);
}

TEST(ProgressTest, OpenOutageIsDownNowAndCountsUntilAsOf) {
  v1::Project p = PropertyProject();
  ProjectReports reports;
  v1::Outage outage;
  outage.set_service("962121");
  SetTime(outage.mutable_start_time(), At(2020, 6, 29, 12));
  reports.outages.push_back(outage);
  v1::ProjectProgress progress = ComputeProgress(p, reports, At(2020, 6, 30), CalcOptions{});
  EXPECT_TRUE(progress.services(0).down_now());
  // Down for the last 12 hours: every window up to 6 h is all down.
  ASSERT_EQ(progress.services(0).windows_size(), 5);
  EXPECT_DOUBLE_EQ(progress.services(0).windows(0).percent(), 0);      // 5 min
  EXPECT_DOUBLE_EQ(progress.services(0).windows(3).percent(), 0);      // 6 h
  EXPECT_NEAR(progress.services(0).windows(4).percent(), 100 * (1 - 12.0 / 72), 1e-9);
  EXPECT_NEAR(progress.services(0).last_30_days_percent(), 100 * (1 - 12.0 / (30 * 24)), 1e-6);
}

TEST(ProgressTest, QualitativeGradeMovesTheScore) {
  v1::Project p = PropertyProject();
  ProjectReports reports;
  double before = ComputeProgress(p, reports, At(2020, 12, 31), CalcOptions{}).score();
  v1::Measurement m;
  m.set_grade(v1::ACHIEVED);
  reports.latest["projects/p/indicators/mechanism"] = m;
  v1::ProjectProgress achieved = ComputeProgress(p, reports, At(2020, 12, 31), CalcOptions{});
  EXPECT_GT(achieved.score(), before);
  EXPECT_TRUE(Find(achieved, "mechanism").met());
  reports.latest["projects/p/indicators/mechanism"].set_grade(v1::PARTIALLY_ACHIEVED);
  double partial = ComputeProgress(p, reports, At(2020, 12, 31), CalcOptions{}).score();
  EXPECT_GT(achieved.score(), partial);
  EXPECT_GT(partial, before);
}

TEST(ProgressTest, MilestonesDoneDueAndOverdue) {
  v1::Project p = PropertyProject();
  v1::Milestone* a = p.add_milestones();
  a->set_name("projects/p/milestones/a");
  SetDate(a->mutable_due_date(), 2020, 3, 31);
  v1::Milestone* b = p.add_milestones();
  b->set_name("projects/p/milestones/b");
  SetDate(b->mutable_due_date(), 2020, 5, 31);
  v1::Milestone* c = p.add_milestones();
  c->set_name("projects/p/milestones/c");
  SetDate(c->mutable_due_date(), 2020, 8, 31);
  ProjectReports reports;
  SetDate(&reports.milestones_done["projects/p/milestones/a"], 2020, 3, 20);
  v1::ProjectProgress progress = ComputeProgress(p, reports, At(2020, 6, 30), CalcOptions{});
  EXPECT_EQ(progress.milestones_done(), 1);
  EXPECT_EQ(progress.milestones_overdue(), 1);
  EXPECT_TRUE(progress.milestones(1).overdue());
  EXPECT_EQ(progress.milestones(2).status(), v1::ON_TRACK);
  EXPECT_EQ(progress.status(), v1::OFF_TRACK);
  // A completion dated after as_of does not count yet.
  v1::ProjectProgress earlier = ComputeProgress(p, reports, At(2020, 3, 10), CalcOptions{});
  EXPECT_EQ(earlier.milestones_done(), 0);
}

TEST(ProgressTest, ScoreCountsIndicatorsWithoutDataAsNothingEarned) {
  v1::Project p = PropertyProject();
  ProjectReports reports;
  reports.disbursed_fen = p.budget().current_year_fen();
  v1::ProjectProgress progress = ComputeProgress(p, reports, At(2021, 1, 1), CalcOptions{});
  EXPECT_EQ(Find(progress, "report").status(), v1::NO_DATA);
  EXPECT_EQ(Find(progress, "report").points_earned(), 0);
  EXPECT_GT(Find(progress, "report").points_possible(), 0);
  EXPECT_DOUBLE_EQ(progress.budget().points_earned(), 10);
}

TEST(AvailabilityTest, ClipsOutagesToTheWindow) {
  v1::Outage o;
  o.set_service("x");
  SetTime(o.mutable_start_time(), At(2020, 1, 1) - absl::Hours(5));
  SetTime(o.mutable_end_time(), At(2020, 1, 1) + absl::Hours(6));
  EXPECT_NEAR(Availability({o}, "x", At(2020, 1, 1), At(2020, 1, 2)), 75, 1e-9);
  EXPECT_DOUBLE_EQ(Availability({o}, "y", At(2020, 1, 1), At(2020, 1, 2)), 100);
  EXPECT_DOUBLE_EQ(Availability({o}, "x", At(2020, 1, 2), At(2020, 1, 2)), 100);
}

}  // namespace
}  // namespace targetwatch
