#include "services/tables/header_labels.h"

#include <algorithm>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "services/tables/text_norm.h"

namespace targetwatch::tables {
namespace {

struct Label {
  absl::string_view text;
  Field field;
};

constexpr Label kLabels[] = {
    {"申报单位名称", Field::kDepartment},
    {"申报单位", Field::kDepartment},
    {"单位名称", Field::kDepartment},
    {"主管部门", Field::kSupervisor},
    {"主管部门及其编码", Field::kSupervisor},
    {"主管部门及代码", Field::kSupervisor},
    {"项目名称", Field::kTitle},
    {"项目类别", Field::kCategory},
    {"计划开始日期", Field::kStart},
    {"开始日期", Field::kStart},
    {"计划完成日期", Field::kEnd},
    {"计划结束日期", Field::kEnd},
    {"完成日期", Field::kEnd},
    {"项目起止时间", Field::kStartEnd},
    {"项目起止日期", Field::kStartEnd},
    {"起止时间", Field::kStartEnd},
    {"是否含有政府购买服务", Field::kPurchased},
    {"绩效类型", Field::kPerformanceType},
    {"项目概况", Field::kOverview},
    {"立项依据", Field::kBasis},
    {"项目设立的必要性", Field::kNecessity},
    {"保证项目实施的制度、措施", Field::kSafeguards},
    {"项目实施计划", Field::kPlan},
    {"总目标及阶段性目标", Field::kGoals},
    {"项目总预算", Field::kTotal},
    {"资金总额", Field::kTotal},
    {"项目当年预算", Field::kCurrentYear},
    {"年度资金总额", Field::kCurrentYear},
    {"同名项目上年预算额", Field::kPreviousBudget},
    {"同名项目上年预算执行数", Field::kPreviousExecuted},
    {"资金情况", Field::kMoneyHeading},
    {"项目资金申请", Field::kMoneyHeading},
    {"项目资金", Field::kMoneyHeading},
    {"项目负责人", Field::kIgnored},
    {"项目负责人及电话", Field::kIgnored},
    {"联系电话", Field::kIgnored},
    {"实施单位", Field::kIgnored},
    {"项目实施单位", Field::kIgnored},
    {"预算资金", Field::kIgnored},
    {"财政拨款", Field::kIgnored},
    {"自有资金", Field::kIgnored},
    {"其他资金", Field::kIgnored},
    {"其他", Field::kIgnored},
    {"填报单位", Field::kIgnored},
    {"发布时间", Field::kIgnored},
    {"归档时间", Field::kIgnored},
    {"来源", Field::kIgnored},
    {"作者", Field::kIgnored},
};

// Drops "一、", "1、", "1.", "(1)" and "其中:" from the front of a label.
absl::string_view StripEnumerator(absl::string_view text) {
  for (absl::string_view prefix : {"其中:", "其中"}) {
    if (absl::ConsumePrefix(&text, prefix)) return text;
  }
  static constexpr absl::string_view kNumerals[] = {
      "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
  for (absl::string_view n : kNumerals) {
    absl::string_view t = text;
    if (absl::ConsumePrefix(&t, n) && absl::ConsumePrefix(&t, "、")) return t;
  }
  size_t i = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
  if (i > 0 && i < text.size()) {
    absl::string_view t = text.substr(i);
    if (absl::ConsumePrefix(&t, "、") || absl::ConsumePrefix(&t, ".")) return t;
  }
  return text;
}

// Removes bracketed parts, noting a money unit among them.
std::string StripBrackets(absl::string_view text, int64_t* yuan_per_unit) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '(') {
      size_t close = text.find(')', i);
      if (close != absl::string_view::npos) {
        absl::string_view inside = text.substr(i + 1, close - i - 1);
        if (inside == "元") *yuan_per_unit = 1;
        if (inside == "万元") *yuan_per_unit = 10000;
        i = close + 1;
        continue;
      }
    }
    out.push_back(text[i++]);
  }
  return out;
}

}  // namespace

std::optional<LabelMatch> MatchLabel(absl::string_view cell) {
  absl::string_view raw = TrimText(cell);
  if (!absl::ConsumePrefix(&raw, "其中:")) absl::ConsumePrefix(&raw, "其中：");
  // Split at the first colon of either width, on the raw text, so that the
  // value keeps its characters as written.
  size_t ascii = raw.find(':');
  size_t wide = raw.find("：");
  size_t colon = std::min(ascii, wide);
  size_t colon_len = colon == wide ? std::string("：").size() : 1;
  absl::string_view label_raw = raw.substr(0, colon);
  std::string inline_value =
      colon == absl::string_view::npos
          ? ""
          : std::string(TrimText(raw.substr(colon + colon_len)));

  std::string label = NormalizeWidth(label_raw);
  int64_t unit = 0;
  label = StripBrackets(StripEnumerator(TrimText(label)), &unit);
  label = absl::StrReplaceAll(label, {{" ", ""}});
  if (label.empty()) return std::nullopt;
  for (const Label& known : kLabels) {
    if (label == known.text) {
      return LabelMatch{known.field, unit, std::move(inline_value)};
    }
  }
  return std::nullopt;
}

int64_t UnitCell(absl::string_view cell) {
  std::string text = NormalizeWidth(TrimText(cell));
  if (text == "(元)") return 1;
  if (text == "(万元)") return 10000;
  return 0;
}

bool IsTableTitle(absl::string_view cell) {
  return absl::StrContains(cell, "绩效目标表") ||
         absl::StrContains(cell, "绩效目标申报表");
}

bool IsHeading(absl::string_view cell) {
  std::string text = NormalizeWidth(TrimText(cell));
  if (IsTableTitle(text)) return true;
  if (text.size() > 2 && text.front() == '(' && text.back() == ')' &&
      absl::StrContains(text, "年度")) {
    return true;  // (2020年度)
  }
  for (absl::string_view word :
       {"绩效目标", "绩效指标", "资金使用情况", "实施进度计划", "年度目标",
        "长期目标", "总体目标"}) {
    if (absl::EndsWith(text, word)) return true;
  }
  return false;
}

std::optional<int> YearIn(absl::string_view cell) {
  std::string text = NormalizeWidth(cell);
  size_t pos = 0;
  while ((pos = text.find("年", pos)) != std::string::npos) {
    if (pos >= 4) {
      bool digits = true;
      for (size_t k = pos - 4; k < pos; ++k) {
        digits = digits && text[k] >= '0' && text[k] <= '9';
      }
      bool fifth = pos >= 5 && text[pos - 5] >= '0' && text[pos - 5] <= '9';
      if (digits && !fifth) {
        int year = std::stoi(text.substr(pos - 4, 4));
        if (year >= 1990 && year <= 2100) return year;
      }
    }
    pos += std::string("年").size();
  }
  return std::nullopt;
}

}  // namespace targetwatch::tables
