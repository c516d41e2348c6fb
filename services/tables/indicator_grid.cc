#include "services/tables/indicator_grid.h"

#include <algorithm>
#include <cctype>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/tables/header_labels.h"
#include "services/tables/number_parse.h"
#include "services/tables/target_parser.h"
#include "services/tables/text_norm.h"

namespace targetwatch::tables {
namespace {

enum class Col { kNone, kL1, kL2, kL3, kValue, kComparator, kDirection, kUnit,
                 kWeight, kOther };

Col HeaderWord(absl::string_view cell) {
  std::string w = NormalizeWidth(TrimText(cell));
  if (w == "一级目标" || w == "一级指标") return Col::kL1;
  if (w == "二级目标" || w == "二级指标") return Col::kL2;
  if (w == "三级目标" || w == "三级指标") return Col::kL3;
  if (w == "指标目标值" || w == "指标值" || w == "目标值" || w == "年度指标值" ||
      w == "年度目标值") {
    return Col::kValue;
  }
  if (w == "指标性质") return Col::kComparator;
  if (w == "指标方向" || w == "指标方向性") return Col::kDirection;
  if (w == "计量单位" || w == "度量单位") return Col::kUnit;
  if (w == "分值" || w == "权重") return Col::kWeight;
  if (w == "绩效标准" || w == "备注" || w == "实际完成值" || w == "全年实际值" ||
      w == "实际值" || w == "得分" || w == "偏差原因") {
    return Col::kOther;
  }
  return Col::kNone;
}

void Assign(Col col, int index, GridColumns* columns) {
  switch (col) {
    case Col::kL1: columns->level1 = index; break;
    case Col::kL2: columns->level2 = index; break;
    case Col::kL3: columns->level3 = index; break;
    case Col::kValue: columns->value = index; break;
    case Col::kComparator: columns->comparator = index; break;
    case Col::kDirection: columns->direction = index; break;
    case Col::kUnit: columns->unit = index; break;
    case Col::kWeight: columns->weight = index; break;
    default: break;
  }
}

bool Complete(const GridColumns& c) {
  return c.level1 >= 0 && c.level2 >= 0 && c.level3 >= 0 && c.value >= 0;
}

// A row that signs the table off: the grid is over.
bool IsSignOff(const Row& row) {
  for (const std::string& cell : row.cells) {
    std::string text = NormalizeWidth(cell);
    if (absl::StartsWith(text, "其他需说明") || absl::EndsWith(text, "审核意见") ||
        absl::EndsWith(text, "初审意见") || absl::EndsWith(text, "审批意见") ||
        absl::StrContains(text, "(盖章)") || absl::StrContains(text, "填表人") ||
        absl::StrContains(text, "填报人") || IsTableTitle(text)) {
      return true;
    }
  }
  return false;
}

// Level labels, for layouts that drop merged cells and so lose positions.
enum class Level { kNone, kOne, kTwo };

Level LevelOf(absl::string_view cell, absl::string_view next) {
  std::string w = NormalizeWidth(TrimText(cell));
  std::string n = NormalizeWidth(TrimText(next));
  // 成本指标 is a first level in the 2021 national format (with 经济成本指标
  // below it) and a second level under 产出指标 in older ones.
  if (w == "成本指标") {
    return (n == "经济成本指标" || n == "社会成本指标" || n == "生态环境成本指标")
               ? Level::kOne
               : Level::kTwo;
  }
  for (absl::string_view one : {"产出指标", "效益指标", "满意度指标", "效果指标",
                                "影响力指标", "产出目标", "效果目标", "影响力目标",
                                "投入与管理"}) {
    if (w == one) return Level::kOne;
  }
  for (absl::string_view two :
       {"数量指标", "质量指标", "时效指标", "经济效益指标", "社会效益指标",
        "生态效益指标", "可持续影响指标", "服务对象满意度指标", "经济成本指标",
        "社会成本指标", "生态环境成本指标"}) {
    if (w == two) return Level::kTwo;
  }
  return Level::kNone;
}

bool IsStandardWord(absl::string_view cell) {
  std::string w = NormalizeWidth(TrimText(cell));
  return w == "计划标准" || w == "历史标准" || w == "行业标准" || w == "其他标准";
}

bool IsComparatorSign(absl::string_view cell) {
  std::string w = NormalizeWidth(TrimText(cell));
  for (absl::string_view sign : {">=", "<=", "≥", "≤", ">", "<", "=", "=="}) {
    if (w == sign) return true;
  }
  return false;
}

// Removes template placeholders left in names: "(≥**个)", "≥**人".
std::string CleanPlaceholders(std::string title, bool* changed) {
  size_t star;
  while ((star = title.find("**")) != std::string::npos) {
    *changed = true;
    size_t open = std::string::npos;
    size_t open_ascii = title.rfind('(', star);
    size_t open_wide = title.rfind("（", star);
    if (open_ascii != std::string::npos) open = open_ascii;
    if (open_wide != std::string::npos &&
        (open == std::string::npos || open_wide > open)) {
      open = open_wide;
    }
    size_t close_ascii = title.find(')', star);
    size_t close_wide = title.find("）", star);
    size_t close = std::min(close_ascii, close_wide);
    size_t close_len = close == close_wide && close != std::string::npos
                           ? std::string("）").size()
                           : 1;
    if (open != std::string::npos && close != std::string::npos) {
      title.erase(open, close + close_len - open);
      continue;
    }
    // No brackets: drop the comparator before the stars and what follows.
    size_t begin = star;
    for (absl::string_view sign : {"≥", "≤", ">", "<", "="}) {
      if (begin >= sign.size() &&
          absl::string_view(title).substr(begin - sign.size(), sign.size()) == sign) {
        begin -= sign.size();
        break;
      }
    }
    title.erase(begin);
  }
  return std::string(TrimText(title));
}

struct RawIndicator {
  int line = 0;
  std::string level1;
  std::string level2;
  std::string title;
  std::string target;
  std::string comparator;  // its own column, if any
  std::string direction;
  std::string unit;
  std::string weight;
};

void AddIndicator(RawIndicator raw, Diagnostics& diagnostics,
                  std::vector<v1::Indicator>* indicators) {
  bool cleaned = false;
  std::string title = CleanPlaceholders(raw.title, &cleaned);
  if (cleaned) {
    diagnostics.Warn(raw.line, absl::StrCat("template placeholder removed from "
                                            "indicator name \"", raw.title,
                                            "\" -> \"", title, "\""));
  }
  if (title.empty()) {
    diagnostics.Error(raw.line, "indicator has no name");
    return;
  }
  // Compose the target from its columns: comparator, value, unit.
  std::string text = raw.target;
  std::string comparator = NormalizeWidth(TrimText(raw.comparator));
  std::string direction = NormalizeWidth(TrimText(raw.direction));
  if (IsComparatorSign(comparator)) {
    text = comparator + text;
  } else if (direction == "反向" && !IsComparatorSign(text.substr(0, 1))) {
    text = "≤" + text;
  }
  if (!raw.unit.empty() && !text.empty() &&
      std::isdigit(static_cast<unsigned char>(text.back()))) {
    text += raw.unit;
  }
  absl::StatusOr<ParsedTarget> target = ParseTarget(text, title);
  if (!target.ok()) {
    diagnostics.Error(raw.line, absl::StrCat("indicator \"", title, "\": ",
                                             target.status().message()));
    return;
  }
  for (std::string& warning : target->warnings) {
    diagnostics.Warn(raw.line, std::move(warning));
  }
  v1::Indicator indicator;
  indicator.set_level1(raw.level1);
  indicator.set_level2(raw.level2);
  indicator.set_title(title);
  *indicator.mutable_target() = std::move(target->target);
  indicator.set_cumulative(absl::StrContains(title, "执行率") ||
                           absl::StrContains(title, "完成率"));
  indicator.set_source_line(raw.line);
  if (!TrimText(raw.weight).empty()) {
    absl::string_view rest;
    std::string weight = NormalizeWidth(TrimText(raw.weight));
    absl::StatusOr<double> value = ParseLeadingNumber(weight, &rest);
    if (!value.ok() || !TrimText(rest).empty()) {
      diagnostics.Error(raw.line, absl::StrCat("indicator \"", title,
                                               "\": weight \"", raw.weight,
                                               "\" is not a number"));
      return;
    }
    indicator.set_weight(*value);
  }
  if (raw.level1.empty()) {
    diagnostics.Warn(raw.line, absl::StrCat("indicator \"", title,
                                            "\" has no 一级 label"));
  }
  indicators->push_back(std::move(indicator));
}

std::string Cell(const Row& row, int column) {
  if (column < 0 || column >= static_cast<int>(row.cells.size())) return "";
  return row.cells[column];
}

// Tabbed and piped grids keep their columns: read by position.
size_t ReadPositional(const std::vector<Row>& rows, size_t i,
                      const GridColumns& c, Diagnostics& diagnostics,
                      std::vector<v1::Indicator>* indicators) {
  std::string level1;
  std::string level2;
  for (; i < rows.size(); ++i) {
    const Row& row = rows[i];
    if (row.Blank() || IsSignOff(row)) break;
    RawIndicator raw;
    raw.line = row.line;
    raw.comparator = Cell(row, c.comparator);
    raw.direction = Cell(row, c.direction);
    raw.unit = Cell(row, c.unit);
    raw.weight = Cell(row, c.weight);
    std::string title = Cell(row, c.level3);
    std::string value = Cell(row, c.value);
    if (!title.empty() && !value.empty()) {
      if (!Cell(row, c.level1).empty()) {
        level1 = Cell(row, c.level1);
        level2.clear();
      }
      if (!Cell(row, c.level2).empty()) level2 = Cell(row, c.level2);
      raw.level1 = level1;
      raw.level2 = level2;
      raw.title = title;
      raw.target = value;
      AddIndicator(std::move(raw), diagnostics, indicators);
      continue;
    }
    std::vector<int> filled;
    for (int k = 0; k < static_cast<int>(row.cells.size()); ++k) {
      if (!row.cells[k].empty()) filled.push_back(k);
    }
    if (filled.size() == 2) {
      // A shifted row: the name and the target stand in other columns, and
      // the levels come from the rows above (merged cells).
      raw.level1 = level1;
      raw.level2 = level2;
      raw.title = row.cells[filled[0]];
      raw.target = row.cells[filled[1]];
      diagnostics.Warn(row.line,
                       absl::StrCat("indicator \"", raw.title,
                                    "\" and its target stand in columns ",
                                    filled[0] + 1, " and ", filled[1] + 1,
                                    "; 一级/二级 taken from the rows above"));
      AddIndicator(std::move(raw), diagnostics, indicators);
      continue;
    }
    if (title.empty() && value.empty() &&
        (!Cell(row, c.level1).empty() || !Cell(row, c.level2).empty())) {
      // A row that only opens a new level.
      if (!Cell(row, c.level1).empty()) {
        level1 = Cell(row, c.level1);
        level2.clear();
      }
      if (!Cell(row, c.level2).empty()) level2 = Cell(row, c.level2);
      continue;
    }
    diagnostics.Error(row.line,
                      absl::StrCat(title.empty() ? "indicator row has no name"
                                                 : "indicator row has no target",
                                   ": \"", row.Text(), "\""));
  }
  return i;
}

// Space-separated grids lose empty cells: levels are known by their words,
// the target is the last cell and the name what stands between.
size_t ReadSpaced(const std::vector<Row>& rows, size_t i,
                  Diagnostics& diagnostics,
                  std::vector<v1::Indicator>* indicators) {
  std::string level1;
  std::string level2;
  for (; i < rows.size(); ++i) {
    const Row& row = rows[i];
    if (row.Blank() || IsSignOff(row)) break;
    const std::vector<std::string>& t = row.cells;
    size_t k = 0;
    for (; k < t.size(); ++k) {
      Level level = LevelOf(t[k], k + 1 < t.size() ? t[k + 1] : "");
      if (level == Level::kOne) {
        level1 = t[k];
        level2.clear();
      } else if (level == Level::kTwo) {
        level2 = t[k];
      } else {
        break;
      }
    }
    std::vector<std::string> rest(t.begin() + k, t.end());
    if (rest.empty()) continue;
    if (rest.size() == 1) {
      diagnostics.Error(row.line, absl::StrCat("indicator \"", rest[0],
                                               "\" has no target"));
      continue;
    }
    RawIndicator raw;
    raw.line = row.line;
    raw.level1 = level1;
    raw.level2 = level2;
    raw.target = rest.back();
    rest.pop_back();
    // ">= 20平方米": a sign separated from its number.
    if (rest.size() >= 2 && IsComparatorSign(rest.back())) {
      raw.target = rest.back() + raw.target;
      rest.pop_back();
    }
    raw.title = absl::StrJoin(rest, " ");
    AddIndicator(std::move(raw), diagnostics, indicators);
  }
  return i;
}

// One cell per paragraph: a stream of level words, names, targets and
// 绩效标准 cells, with the empty cells gone.
size_t ReadParagraphs(const std::vector<Row>& rows, size_t i,
                      Diagnostics& diagnostics,
                      std::vector<v1::Indicator>* indicators) {
  size_t end = i;
  while (end < rows.size() && !IsSignOff(rows[end])) ++end;
  std::string level1;
  std::string level2;
  auto text = [&rows](size_t k) -> std::string {
    return k < rows.size() ? rows[k].Text() : "";
  };
  size_t k = i;
  while (k < end) {
    std::string cell = text(k);
    std::string next = k + 1 < end ? text(k + 1) : "";
    // A label broken over two paragraphs: 可持续影响 / 指标.
    if (LevelOf(cell, next) == Level::kNone && k + 1 < end &&
        LevelOf(cell + next, text(k + 2)) != Level::kNone) {
      cell += next;
      ++k;
      next = k + 1 < end ? text(k + 1) : "";
    }
    Level level = LevelOf(cell, next);
    if (level == Level::kOne) {
      level1 = cell;
      level2.clear();
      ++k;
      continue;
    }
    if (level == Level::kTwo) {
      level2 = cell;
      ++k;
      continue;
    }
    if (IsStandardWord(cell)) {
      ++k;
      continue;
    }
    if (k + 1 >= end || LevelOf(next, text(k + 2)) != Level::kNone ||
        IsStandardWord(next)) {
      diagnostics.Error(rows[k].line,
                        absl::StrCat("indicator \"", cell, "\" has no target"));
      ++k;
      continue;
    }
    RawIndicator raw;
    raw.line = rows[k].line;
    raw.level1 = level1;
    raw.level2 = level2;
    raw.title = cell;
    raw.target = next;
    AddIndicator(std::move(raw), diagnostics, indicators);
    k += 2;
  }
  return end;
}

}  // namespace

std::optional<GridColumns> MatchGridHeader(const std::vector<Row>& rows,
                                           size_t i, Layout layout,
                                           size_t* next) {
  GridColumns columns;
  if (layout == Layout::kParagraph) {
    size_t k = i;
    int index = 0;
    for (; k < rows.size(); ++k) {
      Col col = HeaderWord(rows[k].Text());
      if (col == Col::kNone) break;
      Assign(col, index++, &columns);
    }
    columns.width = index;
    if (!Complete(columns)) return std::nullopt;
    *next = k;
    return columns;
  }
  const Row& row = rows[i];
  for (int k = 0; k < static_cast<int>(row.cells.size()); ++k) {
    Assign(HeaderWord(row.cells[k]), k, &columns);
  }
  columns.width = static_cast<int>(row.cells.size());
  if (!Complete(columns)) return std::nullopt;
  *next = i + 1;
  return columns;
}

size_t ReadGrid(const std::vector<Row>& rows, size_t begin, Layout layout,
                const GridColumns& columns, Diagnostics& diagnostics,
                std::vector<v1::Indicator>* indicators) {
  switch (layout) {
    case Layout::kTabbed:
    case Layout::kPiped:
      return ReadPositional(rows, begin, columns, diagnostics, indicators);
    case Layout::kSpaced:
      return ReadSpaced(rows, begin, diagnostics, indicators);
    case Layout::kParagraph:
      return ReadParagraphs(rows, begin, diagnostics, indicators);
  }
  return begin;
}

}  // namespace targetwatch::tables
