#include "services/common/resource_name.h"

#include "gtest/gtest.h"

namespace targetwatch {
namespace {

TEST(ParseNameTest, ExtractsIds) {
  auto ids = ParseName("projects/p1/indicators/i-2", "projects/*/indicators/*",
                       "name");
  ASSERT_TRUE(ids.ok());
  EXPECT_EQ((*ids)[0], "p1");
  EXPECT_EQ((*ids)[1], "i-2");
}

TEST(ParseNameTest, RejectsOtherShapesNamingTheField) {
  for (const char* bad : {"", "projects/", "projects/P1", "project/p1",
                          "projects/p1/indicators", "projects/a b",
                          "projects/p1/milestones/m1"}) {
    auto ids = ParseName(bad, "projects/*/indicators/*", "indicator.name");
    EXPECT_EQ(ids.status().code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_EQ(ids.status().message().rfind("indicator.name:", 0), 0u);
  }
}

}  // namespace
}  // namespace targetwatch
