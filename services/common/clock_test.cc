#include "services/common/clock.h"

#include "gtest/gtest.h"

namespace targetwatch {
namespace {

TEST(ClockTest, NowFlagStartsThereAndRunsOn) {
  auto clock = ClockFromFlag("2020-06-30T09:00:00+08:00");
  ASSERT_TRUE(clock.ok());
  absl::Time first = (*clock)->Now();
  EXPECT_EQ(Rfc3339(first).substr(0, 16), "2020-06-30T01:00");
  absl::SleepFor(absl::Milliseconds(20));
  EXPECT_GT((*clock)->Now(), first);
}

TEST(ClockTest, EmptyFlagIsTheRealClockAndJunkIsRejected) {
  auto real = ClockFromFlag("");
  ASSERT_TRUE(real.ok());
  EXPECT_LT(absl::AbsDuration((*real)->Now() - absl::Now()), absl::Seconds(1));
  auto bad = ClockFromFlag("30/06/2020");
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(bad.status().message().rfind("--now:", 0), 0u);
}

}  // namespace
}  // namespace targetwatch
