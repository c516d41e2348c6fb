#include "services/alerting/alert_state.h"

#include "gtest/gtest.h"

namespace targetwatch {
namespace {

const absl::Time kT0 = absl::FromUnixSeconds(1596772800);  // 2020-08-07 12:00 +08:00

v1::Rule RuleWith(absl::Duration pending_for, absl::Duration keep_for) {
  v1::Rule rule;
  rule.set_name("rules/test");
  rule.mutable_for_duration()->set_seconds(absl::ToInt64Seconds(pending_for));
  rule.mutable_keep_firing_for()->set_seconds(absl::ToInt64Seconds(keep_for));
  return rule;
}

Condition Holding(v1::Severity severity = v1::WARNING, double value = 1) {
  Condition c;
  c.rule = "rules/test";
  c.fingerprint = "f1";
  c.severity = severity;
  c.labels = {{"alertname", "test"}, {"severity", severity == v1::CRITICAL ? "critical" : "warning"}};
  c.value = value;
  return c;
}

TEST(AdvanceTest, FiresAtOnceWithoutFor) {
  Condition c = Holding();
  AlertStep step = Advance(std::nullopt, &c, RuleWith(absl::ZeroDuration(), absl::ZeroDuration()), kT0);
  ASSERT_TRUE(step.transition.has_value());
  EXPECT_EQ(step.alert.state(), v1::FIRING);
  EXPECT_EQ(step.transition->from(), v1::ALERT_STATE_UNSPECIFIED);
  EXPECT_EQ(step.alert.name(), "alerts/f1");
  EXPECT_EQ(step.alert.version(), 1);
}

TEST(AdvanceTest, ForDelaysFiring) {
  v1::Rule rule = RuleWith(absl::Minutes(10), absl::ZeroDuration());
  Condition c = Holding();
  AlertStep pending = Advance(std::nullopt, &c, rule, kT0);
  EXPECT_EQ(pending.alert.state(), v1::PENDING);
  AlertStep still = Advance(pending.alert, &c, rule, kT0 + absl::Minutes(9));
  EXPECT_EQ(still.alert.state(), v1::PENDING);
  EXPECT_FALSE(still.transition.has_value());
  AlertStep fires = Advance(still.alert, &c, rule, kT0 + absl::Minutes(10));
  EXPECT_EQ(fires.alert.state(), v1::FIRING);
  ASSERT_TRUE(fires.transition.has_value());
  EXPECT_EQ(fires.transition->from(), v1::PENDING);
  EXPECT_GT(fires.alert.version(), still.alert.version());
}

TEST(AdvanceTest, PendingThatClearsNeverFires) {
  v1::Rule rule = RuleWith(absl::Minutes(10), absl::ZeroDuration());
  Condition c = Holding();
  AlertStep pending = Advance(std::nullopt, &c, rule, kT0);
  AlertStep cleared = Advance(pending.alert, nullptr, rule, kT0 + absl::Minutes(5));
  EXPECT_EQ(cleared.alert.state(), v1::RESOLVED);
  EXPECT_EQ(cleared.transition->from(), v1::PENDING);
  EXPECT_FALSE(cleared.alert.has_fire_time());
}

TEST(AdvanceTest, KeepFiringForHoldsItAgainstFlapping) {
  v1::Rule rule = RuleWith(absl::ZeroDuration(), absl::Minutes(15));
  Condition c = Holding();
  AlertStep firing = Advance(std::nullopt, &c, rule, kT0);
  AlertStep held = Advance(firing.alert, &c, rule, kT0 + absl::Minutes(5));
  AlertStep gap = Advance(held.alert, nullptr, rule, kT0 + absl::Minutes(10));
  EXPECT_EQ(gap.alert.state(), v1::FIRING) << "5 minutes after the condition cleared";
  EXPECT_FALSE(gap.transition.has_value());
  AlertStep back = Advance(gap.alert, &c, rule, kT0 + absl::Minutes(12));
  EXPECT_EQ(back.alert.state(), v1::FIRING);
  EXPECT_FALSE(back.transition.has_value()) << "no second notification for a flap";
  AlertStep over = Advance(back.alert, nullptr, rule, kT0 + absl::Minutes(27));
  EXPECT_EQ(over.alert.state(), v1::RESOLVED);
  ASSERT_TRUE(over.transition.has_value());
  EXPECT_EQ(over.transition->from(), v1::FIRING);
}

TEST(AdvanceTest, NothingHappensWithoutConditionOrAlert) {
  AlertStep step = Advance(std::nullopt, nullptr, RuleWith(absl::ZeroDuration(), absl::ZeroDuration()), kT0);
  EXPECT_FALSE(step.changed);
  EXPECT_FALSE(step.transition.has_value());
}

TEST(AdvanceTest, ResolvedAlertStartsANewEpisode) {
  v1::Rule rule = RuleWith(absl::ZeroDuration(), absl::ZeroDuration());
  Condition c = Holding();
  AlertStep firing = Advance(std::nullopt, &c, rule, kT0);
  AlertStep resolved = Advance(firing.alert, nullptr, rule, kT0 + absl::Minutes(1));
  ASSERT_EQ(resolved.alert.state(), v1::RESOLVED);
  AlertStep again = Advance(resolved.alert, &c, rule, kT0 + absl::Minutes(2));
  EXPECT_EQ(again.alert.state(), v1::FIRING);
  EXPECT_EQ(again.transition->from(), v1::RESOLVED);
  EXPECT_GT(again.alert.version(), resolved.alert.version());
}

TEST(AdvanceTest, EscalationClearsTheAcknowledgement) {
  v1::Rule rule = RuleWith(absl::ZeroDuration(), absl::ZeroDuration());
  Condition warning = Holding(v1::WARNING);
  AlertStep firing = Advance(std::nullopt, &warning, rule, kT0);
  firing.alert.mutable_acknowledgement()->set_by("值班员");
  AlertStep same = Advance(firing.alert, &warning, rule, kT0 + absl::Minutes(1));
  EXPECT_TRUE(same.alert.has_acknowledgement());
  Condition critical = Holding(v1::CRITICAL);
  AlertStep worse = Advance(same.alert, &critical, rule, kT0 + absl::Minutes(2));
  EXPECT_EQ(worse.alert.severity(), v1::CRITICAL);
  EXPECT_FALSE(worse.alert.has_acknowledgement());
  EXPECT_EQ(worse.alert.labels().at("severity"), "critical");
}

}  // namespace
}  // namespace targetwatch
