#include "services/tables/text_norm.h"

#include "gtest/gtest.h"

namespace targetwatch::tables {
namespace {

TEST(NormalizeWidthTest, FoldsFullWidthFormsAndComparatorCousins) {
  EXPECT_EQ(NormalizeWidth("项目总预算（元）："), "项目总预算(元):");
  EXPECT_EQ(NormalizeWidth("＞＝９０％"), ">=90%");
  EXPECT_EQ(NormalizeWidth("≧95%≦3%═1"), "≥95%≤3%=1");
  EXPECT_EQ(NormalizeWidth("a\xe3\x80\x80" "b"), "a b");  // U+3000
  EXPECT_EQ(NormalizeWidth("建立健全"), "建立健全");
}

TEST(NormalizeWidthTest, KeepsInvalidBytes) {
  std::string bad = "\xff\xfe" "abc\xe4";
  EXPECT_EQ(NormalizeWidth(bad), bad);
}

TEST(TrimTextTest, TrimsWideAndNoBreakSpaces) {
  EXPECT_EQ(TrimText("\xe3\x80\x80 雾炮车 \xc2\xa0"), "雾炮车");
  EXPECT_EQ(TrimText("   "), "");
}

TEST(SplitTabbedCellsTest, KeepsEmptyCellsForColumnPositions) {
  auto cells = SplitTabbedCells("\t\t资金到位及时率\t100%");
  ASSERT_EQ(cells.size(), 4u);
  EXPECT_EQ(cells[0], "");
  EXPECT_EQ(cells[2], "资金到位及时率");
  EXPECT_EQ(cells[3], "100%");
}

TEST(SplitTabbedCellsTest, HtmlTagsSeparateFusedHeaderCells) {
  auto cells = SplitTabbedCells(
      "<p style=\"text-align: center;\">财政项目支出绩效目标表</p> <p "
      "style=\"text-align: center;\">(2020年度)</p> <p>申报单位名称：上海市房屋管理局"
      "</p>\t\t\t");
  ASSERT_EQ(cells.size(), 3u);
  EXPECT_EQ(cells[0], "财政项目支出绩效目标表");
  EXPECT_EQ(cells[1], "(2020年度)");
  EXPECT_EQ(cells[2], "申报单位名称：上海市房屋管理局");
}

TEST(SplitTabbedCellsTest, LessThanTargetIsNotATag) {
  auto cells = SplitTabbedCells("\t\t投诉率\t<5%");
  ASSERT_EQ(cells.size(), 4u);
  EXPECT_EQ(cells[3], "<5%");
}

TEST(SplitSpacedCellsTest, SplitsAtAnyRunOfSpace) {
  auto cells = SplitSpacedCells("产出指标  数量指标\xe3\x80\x80流转土地 >=60亩  ");
  ASSERT_EQ(cells.size(), 4u);
  EXPECT_EQ(cells[3], ">=60亩");
}

}  // namespace
}  // namespace targetwatch::tables
