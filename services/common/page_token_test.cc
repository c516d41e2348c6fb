#include "services/common/page_token.h"

#include "gtest/gtest.h"

namespace targetwatch {
namespace {

TEST(PageTokenTest, RoundTripsThePositionForTheSameQuery) {
  std::string token = EncodePageToken("ListProjects|fiscal_year=2020", "abc123");
  EXPECT_EQ(DecodePageToken(token, "ListProjects|fiscal_year=2020").value(),
            "abc123");
  EXPECT_EQ(DecodePageToken("", "anything").value(), "");
}

TEST(PageTokenTest, RejectsATokenOfAnotherQueryOrAMadeUpOne) {
  std::string token = EncodePageToken("ListProjects|fiscal_year=2020", "abc");
  for (const char* bad : {"garbage!", "dDE6MDAwMA", "x"}) {
    EXPECT_EQ(DecodePageToken(bad, "q").status().code(),
              absl::StatusCode::kInvalidArgument);
  }
  auto other = DecodePageToken(token, "ListProjects|fiscal_year=2021");
  EXPECT_EQ(other.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(other.status().message().find("page_token"), std::string::npos);
}

TEST(PageSizeTest, DefaultsClampsAndRejectsNegative) {
  EXPECT_EQ(PageSize(0, 50, 1000).value(), 50);
  EXPECT_EQ(PageSize(10, 50, 1000).value(), 10);
  EXPECT_EQ(PageSize(5000, 50, 1000).value(), 1000);
  EXPECT_EQ(PageSize(-1, 50, 1000).status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace targetwatch
