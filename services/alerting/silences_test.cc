#include "services/alerting/silences.h"

#include "gtest/gtest.h"
#include "services/common/proto_time.h"

namespace targetwatch {
namespace {

const absl::TimeZone kZone = absl::FixedTimeZone(8 * 3600);

absl::Time At(int y, int m, int d, int h, int min = 0) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, h, min, 0), kZone);
}

v1::Silence Base() {
  v1::Silence s;
  v1::SilenceMatcher* m = s.add_matchers();
  m->set_label("department");
  m->set_value("上海市房屋管理局");
  SetTimestamp(At(2020, 8, 1, 0), s.mutable_start_time());
  SetTimestamp(At(2020, 9, 1, 0), s.mutable_end_time());
  s.set_created_by("值班长");
  return s;
}

v1::Alert Labeled(const std::string& department, const std::string& severity = "warning") {
  v1::Alert a;
  (*a.mutable_labels())["department"] = department;
  (*a.mutable_labels())["severity"] = severity;
  return a;
}

TEST(SilenceTest, CoversMatchingAlertsWithinItsTime) {
  v1::Silence s = Base();
  EXPECT_TRUE(Covers(s, Labeled("上海市房屋管理局"), At(2020, 8, 7, 12)));
  EXPECT_FALSE(Covers(s, Labeled("其他局"), At(2020, 8, 7, 12)));
  EXPECT_FALSE(Covers(s, Labeled("上海市房屋管理局"), At(2020, 9, 1, 0)));  // end is exclusive
  EXPECT_FALSE(Covers(s, Labeled("上海市房屋管理局"), At(2020, 7, 31, 23)));
  s.set_expired(true);
  EXPECT_FALSE(Covers(s, Labeled("上海市房屋管理局"), At(2020, 8, 7, 12)));
}

TEST(SilenceTest, NegatedMatcher) {
  v1::Silence s = Base();
  v1::SilenceMatcher* m = s.add_matchers();
  m->set_label("severity");
  m->set_value("critical");
  m->set_negate(true);
  EXPECT_TRUE(Covers(s, Labeled("上海市房屋管理局", "warning"), At(2020, 8, 7, 12)));
  EXPECT_FALSE(Covers(s, Labeled("上海市房屋管理局", "critical"), At(2020, 8, 7, 12)));
}

TEST(SilenceTest, WeeklyWindowsLimitItToTheirHours) {
  v1::Silence s = Base();
  v1::WeeklyWindow* w = s.add_weekly_windows();
  w->add_days_of_week(6);  // Saturday
  w->add_days_of_week(7);  // Sunday
  w->set_start_minute(0);
  w->set_end_minute(24 * 60);
  // 2020-08-08 was a Saturday, 2020-08-07 a Friday.
  EXPECT_TRUE(Covers(s, Labeled("上海市房屋管理局"), At(2020, 8, 8, 10)));
  EXPECT_FALSE(Covers(s, Labeled("上海市房屋管理局"), At(2020, 8, 7, 10)));
  w->clear_days_of_week();
  w->add_days_of_week(5);  // Friday evenings only
  w->set_start_minute(18 * 60);
  EXPECT_TRUE(Covers(s, Labeled("上海市房屋管理局"), At(2020, 8, 7, 19)));
  EXPECT_FALSE(Covers(s, Labeled("上海市房屋管理局"), At(2020, 8, 7, 17, 59)));
}

TEST(SilenceTest, ValidationNamesTheField) {
  v1::Silence s = Base();
  EXPECT_TRUE(ValidateSilence(s).ok());
  v1::Silence no_matchers = s;
  no_matchers.clear_matchers();
  EXPECT_EQ(ValidateSilence(no_matchers).message(), "silence.matchers: at least one is required");
  v1::Silence backwards = s;
  SetTimestamp(At(2020, 7, 1, 0), backwards.mutable_end_time());
  EXPECT_EQ(ValidateSilence(backwards).message(), "silence.end_time: must be after start_time");
  v1::Silence bad_day = s;
  bad_day.add_weekly_windows()->add_days_of_week(8);
  EXPECT_FALSE(ValidateSilence(bad_day).ok());
}

}  // namespace
}  // namespace targetwatch
