#include "services/tables/number_parse.h"

#include "gtest/gtest.h"

namespace targetwatch::tables {
namespace {

TEST(ParseAmountFenTest, ReadsYuanWithSeparatorsExactly) {
  EXPECT_EQ(ParseAmountFen("26,470,288", 1).value(), 2647028800);
  EXPECT_EQ(ParseAmountFen("260,000,000", 1).value(), 26000000000);
  EXPECT_EQ(ParseAmountFen(" 5170885 ", 1).value(), 517088500);
  EXPECT_EQ(ParseAmountFen("0.01", 1).value(), 1);
  EXPECT_EQ(ParseAmountFen("１２３", 1).value(), 12300);
}

TEST(ParseAmountFenTest, ConvertsWanYuan) {
  EXPECT_EQ(ParseAmountFen("250", 10000).value(), 250000000);
  EXPECT_EQ(ParseAmountFen("2.61", 10000).value(), 2610000);
  EXPECT_EQ(ParseAmountFen("0.000001", 10000).value(), 1);
}

TEST(ParseAmountFenTest, RejectsMalformedAmounts) {
  for (const char* bad : {"12,3x4", "1,23", "12,3456", ",123", "abc", "",
                          "1.2.3", "0.001", "１,２"}) {
    auto fen = ParseAmountFen(bad, 1);
    EXPECT_EQ(fen.status().code(), absl::StatusCode::kInvalidArgument) << bad;
  }
  EXPECT_NE(ParseAmountFen("12,3x4", 1).status().message().find("12,3x4"),
            std::string::npos);
}

TEST(ParseAmountFenTest, KeepsTheSignForTheCallerToJudge) {
  EXPECT_EQ(ParseAmountFen("-100", 1).value(), -10000);
}

TEST(ParseLeadingNumberTest, StopsAtTheUnit) {
  absl::string_view rest;
  EXPECT_DOUBLE_EQ(ParseLeadingNumber("60,000人", &rest).value(), 60000);
  EXPECT_EQ(rest, "人");
  EXPECT_DOUBLE_EQ(ParseLeadingNumber("98.5%", &rest).value(), 98.5);
  EXPECT_EQ(rest, "%");
  EXPECT_EQ(ParseLeadingNumber("abc", &rest).status().code(),
            absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace targetwatch::tables
