#include "services/alerting/rule_eval.h"

#include <set>

#include "gtest/gtest.h"
#include "services/common/proto_time.h"

namespace targetwatch {
namespace {

const absl::TimeZone kZone = absl::FixedTimeZone(8 * 3600);
const absl::Time kNow = absl::FromCivil(absl::CivilSecond(2020, 8, 7, 12, 0, 0), kZone);

void SetDate(v1::Date* d, int y, int m, int day) {
  d->set_year(y);
  d->set_month(m);
  d->set_day(day);
}

void AddWindow(v1::ServiceAvailability* s, absl::Duration w, double percent) {
  v1::WindowAvailability* window = s->add_windows();
  window->mutable_window()->set_seconds(absl::ToInt64Seconds(w));
  window->set_percent(percent);
}

v1::ProjectProgress Sample() {
  v1::ProjectProgress p;
  p.set_project("projects/p");
  p.set_title("房屋物业管理监督管理");
  p.set_department("上海市房屋管理局");
  v1::IndicatorProgress* off = p.add_indicators();
  off->set_indicator("projects/p/indicators/a");
  off->set_title("投诉处理及时率");
  off->set_status(v1::OFF_TRACK);
  off->set_has_actual(true);
  off->set_actual_value(70);
  SetTimestamp(kNow - absl::Hours(24), off->mutable_actual_time());
  v1::IndicatorProgress* risk = p.add_indicators();
  risk->set_indicator("projects/p/indicators/b");
  risk->set_title("居民满意度");
  risk->set_status(v1::AT_RISK);
  risk->set_has_actual(true);
  SetTimestamp(kNow - absl::Hours(24 * 45), risk->mutable_actual_time());  // stale
  v1::IndicatorProgress* none = p.add_indicators();
  none->set_indicator("projects/p/indicators/c");
  none->set_title("长效管理机制健全性");
  none->set_status(v1::NO_DATA);  // never reported: stale by August
  v1::IndicatorProgress* derived = p.add_indicators();
  derived->set_indicator("projects/p/indicators/d");
  derived->set_title("预算执行率");
  derived->set_status(v1::OFF_TRACK);
  derived->set_has_actual(true);  // from disbursements: no report time, never stale
  v1::MilestoneProgress* overdue = p.add_milestones();
  overdue->set_milestone("projects/p/milestones/m1");
  overdue->set_title("启动测评");
  SetDate(overdue->mutable_due_date(), 2020, 7, 31);
  overdue->set_overdue(true);
  overdue->set_status(v1::OFF_TRACK);
  v1::MilestoneProgress* soon = p.add_milestones();
  soon->set_milestone("projects/p/milestones/m2");
  soon->set_title("启动其他子项目");
  SetDate(soon->mutable_due_date(), 2020, 8, 10);
  soon->set_status(v1::ON_TRACK);
  p.mutable_budget()->set_current_year_fen(100);
  p.mutable_budget()->set_lag_points(-30);
  v1::ServiceAvailability* s = p.add_services();
  s->set_service("962121");
  s->set_target_percent(100);
  return p;
}

std::vector<Condition> Of(const std::vector<Condition>& all, const std::string& rule) {
  std::vector<Condition> out;
  for (const Condition& c : all) {
    if (c.rule == "rules/" + rule) out.push_back(c);
  }
  return out;
}

TEST(EvaluateTest, BuiltinRulesFindEachCondition) {
  std::vector<Condition> all = Evaluate(BuiltinRules(), Sample(), {}, kNow);
  auto off = Of(all, "indicator-off-track");
  ASSERT_EQ(off.size(), 2u);  // the reported one and 预算执行率
  EXPECT_EQ(off[0].labels.at("indicator_title"), "投诉处理及时率");
  EXPECT_EQ(off[0].annotations.at("summary"),
            "房屋物业管理监督管理：指标“投诉处理及时率”偏离目标（实际 70）");
  EXPECT_EQ(Of(all, "indicator-at-risk").size(), 1u);
  auto overdue = Of(all, "milestone-overdue");
  ASSERT_EQ(overdue.size(), 1u);
  EXPECT_EQ(overdue[0].value, 6);  // due 7-31, now 8-7 noon
  auto soon = Of(all, "milestone-due-soon");
  ASSERT_EQ(soon.size(), 1u);
  EXPECT_EQ(soon[0].value, 4);
  auto behind = Of(all, "disbursement-behind");
  ASSERT_EQ(behind.size(), 1u);
  EXPECT_EQ(behind[0].value, 30);
  auto stale = Of(all, "report-stale");
  ASSERT_EQ(stale.size(), 1u);
  EXPECT_EQ(stale[0].value, 2);  // 居民满意度 (45 days) and the never-reported one
  EXPECT_TRUE(Of(all, "availability-burn-page").empty()) << "no windows: no outage";
}

TEST(EvaluateTest, BurnRatePagesOnAFastBurnAndTicketsOnASlowOne) {
  v1::ProjectProgress p = Sample();
  v1::ServiceAvailability* s = p.mutable_services(0);
  // Down 10 of the last 60 minutes and still down: pages.
  AddWindow(s, absl::Minutes(5), 0);
  AddWindow(s, absl::Minutes(30), 66.7);
  AddWindow(s, absl::Hours(1), 83.3);
  AddWindow(s, absl::Hours(6), 97.2);
  AddWindow(s, absl::Hours(72), 99.77);
  std::vector<Condition> all = Evaluate(BuiltinRules(), p, {}, kNow);
  ASSERT_EQ(Of(all, "availability-burn-page").size(), 1u);
  EXPECT_EQ(Of(all, "availability-burn-page")[0].severity, v1::CRITICAL);
  EXPECT_EQ(Of(all, "availability-burn-ticket").size(), 1u);

  // The outage is over: the short windows are clean, the 3 days still burn.
  p.mutable_services(0)->clear_windows();
  AddWindow(p.mutable_services(0), absl::Minutes(5), 100);
  AddWindow(p.mutable_services(0), absl::Minutes(30), 100);
  AddWindow(p.mutable_services(0), absl::Hours(1), 100);
  AddWindow(p.mutable_services(0), absl::Hours(6), 99.8);
  AddWindow(p.mutable_services(0), absl::Hours(72), 99.77);
  all = Evaluate(BuiltinRules(), p, {}, kNow);
  EXPECT_TRUE(Of(all, "availability-burn-page").empty());
  EXPECT_EQ(Of(all, "availability-burn-ticket").size(), 1u);
}

TEST(EvaluateTest, CustomRuleScopeThresholdLabelsAndDisabled) {
  v1::Rule rule;
  rule.set_name("rules/pudong-behind");
  rule.set_type(v1::DISBURSEMENT_BEHIND);
  rule.set_threshold(40);
  rule.set_severity(v1::CRITICAL);
  rule.mutable_scope()->set_district("浦东新区");
  (*rule.mutable_labels())["team"] = "finance";
  std::vector<Condition> none = Evaluate({rule}, Sample(), {{"黄浦区"}}, kNow);
  EXPECT_TRUE(none.empty()) << "another district";
  EXPECT_TRUE(Evaluate({rule}, Sample(), {{"浦东新区"}}, kNow).empty()) << "30 < 40 points";
  rule.set_threshold(20);
  std::vector<Condition> fired = Evaluate({rule}, Sample(), {{"浦东新区"}}, kNow);
  ASSERT_EQ(fired.size(), 1u);
  EXPECT_EQ(fired[0].labels.at("team"), "finance");
  EXPECT_EQ(fired[0].labels.at("severity"), "critical");
  rule.set_disabled(true);
  EXPECT_TRUE(Evaluate({rule}, Sample(), {{"浦东新区"}}, kNow).empty());
}

TEST(EvaluateTest, FingerprintsAreStableAndDistinct) {
  std::vector<Condition> a = Evaluate(BuiltinRules(), Sample(), {}, kNow);
  std::vector<Condition> b = Evaluate(BuiltinRules(), Sample(), {}, kNow + absl::Hours(1));
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) EXPECT_EQ(a[i].fingerprint, b[i].fingerprint);
  std::set<std::string> distinct;
  for (const Condition& c : a) distinct.insert(c.fingerprint);
  EXPECT_EQ(distinct.size(), a.size());
}

TEST(RenderTemplateTest, FillsKnownNamesAndKeepsTheRest) {
  EXPECT_EQ(RenderTemplate("{{a}} 与 {{b}}，{{c", {{"a", "甲"}, {"b", "乙"}}), "甲 与 乙，{{c");
  EXPECT_EQ(RenderTemplate("{{unknown}}!", {}), "{{unknown}}!");
}

}  // namespace
}  // namespace targetwatch
