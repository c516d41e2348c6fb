#ifndef TARGETWATCH_SERVICES_TABLES_HEADER_LABELS_H_
#define TARGETWATCH_SERVICES_TABLES_HEADER_LABELS_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace targetwatch::tables {

// The facts a table's header carries, by the labels that introduce them.
enum class Field {
  kIgnored,  // a known label whose value is not kept (项目负责人, 联系电话)
  kDepartment,   // 申报单位名称
  kSupervisor,   // 主管部门: the department when no 申报单位 is given
  kTitle,        // 项目名称
  kCategory,     // 项目类别
  kStart,        // 计划开始日期
  kEnd,          // 计划完成日期
  kStartEnd,     // 项目起止时间
  kPurchased,    // 是否含有政府购买服务
  kPerformanceType,  // 绩效类型
  kOverview, kBasis, kNecessity, kSafeguards, kPlan, kGoals,  // narrative
  kTotal,        // 项目总预算, 资金总额
  kCurrentYear,  // 项目当年预算, 年度资金总额
  kPreviousBudget,    // 同名项目上年预算额
  kPreviousExecuted,  // 同名项目上年预算执行数
  kMoneyHeading,  // 资金情况(万元): sets the unit of the amounts after it
};

struct LabelMatch {
  Field field;
  // 元 per unit when the label says it ("(元)" 1, "(万元)" 10000), else 0.
  int64_t yuan_per_unit = 0;
  // The value written in the same cell after the colon, as written.
  std::string inline_value;
};

// Recognizes a label cell: "项目名称：", "项目总预算（元）:", "一、预算资金:250",
// "其中:财政拨款". Full-width and ASCII colons and brackets alike.
std::optional<LabelMatch> MatchLabel(absl::string_view cell);

// A cell that is only a money unit: "(万元)", "（元）". 0 if not.
int64_t UnitCell(absl::string_view cell);

// A table's title or a section heading that carries no fact of its own
// (财政项目支出绩效目标表, (2020年度), 2020年绩效目标, 本项目上年度...).
bool IsHeading(absl::string_view cell);
// The start of a new table: its title (…绩效目标表, …绩效目标申报表).
bool IsTableTitle(absl::string_view cell);
// The fiscal year a title or heading names: "(2020年度)", "2024年项目…".
std::optional<int> YearIn(absl::string_view cell);

}  // namespace targetwatch::tables

#endif  // TARGETWATCH_SERVICES_TABLES_HEADER_LABELS_H_
