#include "services/tables/table_reader.h"

#include <string>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "services/tables/diagnostics.h"
#include "services/tables/header_labels.h"
#include "services/tables/indicator_grid.h"
#include "services/tables/number_parse.h"
#include "services/tables/table_rows.h"
#include "services/tables/text_norm.h"

namespace targetwatch::tables {
namespace {

bool IsLeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

// "2020-01-01", "2020/1/1", "2020.01.01", "2020年1月1日".
std::optional<v1::Date> ParseDate(absl::string_view raw) {
  std::string text = absl::StrReplaceAll(
      NormalizeWidth(TrimText(raw)),
      {{"年", "-"}, {"月", "-"}, {"日", ""}, {"/", "-"}, {".", "-"}});
  std::vector<std::string> parts = absl::StrSplit(text, '-');
  int y = 0, m = 0, d = 0;
  if (parts.size() != 3 || parts[0].size() != 4 ||
      !absl::SimpleAtoi(parts[0], &y) || !absl::SimpleAtoi(parts[1], &m) ||
      !absl::SimpleAtoi(parts[2], &d)) {
    return std::nullopt;
  }
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1) return std::nullopt;
  int days = kDays[m - 1] + (m == 2 && IsLeapYear(y) ? 1 : 0);
  if (d > days) return std::nullopt;
  v1::Date date;
  date.set_year(y);
  date.set_month(m);
  date.set_day(d);
  return date;
}

bool Before(const v1::Date& a, const v1::Date& b) {
  return std::make_tuple(a.year(), a.month(), a.day()) <
         std::make_tuple(b.year(), b.month(), b.day());
}

// "湘潭市城市管理和综合执法局 308001" and "[610001]南岳…": drop the code.
std::string WithoutCode(absl::string_view raw) {
  absl::string_view text = TrimText(raw);
  if (absl::StartsWith(text, "[")) {
    size_t close = text.find(']');
    if (close != absl::string_view::npos) text = text.substr(close + 1);
  }
  size_t space = text.rfind(' ');
  if (space != absl::string_view::npos) {
    absl::string_view tail = text.substr(space + 1);
    bool digits = !tail.empty();
    for (char c : tail) digits = digits && c >= '0' && c <= '9';
    if (digits) text = text.substr(0, space);
  }
  return std::string(TrimText(text));
}

bool IsNarrative(Field field) {
  return field == Field::kOverview || field == Field::kBasis ||
         field == Field::kNecessity || field == Field::kSafeguards ||
         field == Field::kPlan || field == Field::kGoals;
}

const char* FieldName(Field field) {
  switch (field) {
    case Field::kStart: return "计划开始日期";
    case Field::kEnd: return "计划完成日期";
    case Field::kTotal: return "项目总预算";
    case Field::kCurrentYear: return "项目当年预算";
    case Field::kPreviousBudget: return "同名项目上年预算额";
    case Field::kPreviousExecuted: return "同名项目上年预算执行数";
    default: return "value";
  }
}

// Reads one table: rows [begin, end) of the text.
class TableBuilder {
 public:
  TableBuilder(const std::vector<Row>& rows, Layout layout,
               Diagnostics& diagnostics)
      : rows_(rows), layout_(layout), diagnostics_(diagnostics) {}

  // `title` is the row of the table's title, `begin` where its rows start.
  v1::Project Read(size_t begin, size_t title, size_t end) {
    project_.set_source_line(rows_[title].line);
    size_t grid = end;
    size_t grid_rows = end;
    std::optional<GridColumns> columns;
    for (size_t i = begin; i < end; ++i) {
      size_t next = 0;
      columns = MatchGridHeader(rows_, i, layout_, &next);
      if (columns) {
        grid = i;
        grid_rows = next;
        break;
      }
    }
    ReadHeader(begin, grid);
    Finish(begin);
    if (!columns) {
      diagnostics_.Error(rows_[begin].line,
                         "table has no indicator grid (a header row with "
                         "一级, 二级, 三级 and 指标值)");
      return std::move(project_);
    }
    std::vector<v1::Indicator> indicators;
    size_t after = ReadGrid(rows_, grid_rows, layout_, *columns, diagnostics_,
                            &indicators);
    if (indicators.empty()) {
      diagnostics_.Error(rows_[grid].line, "indicator grid has no indicators");
    }
    for (v1::Indicator& indicator : indicators) {
      *project_.add_indicators() = std::move(indicator);
    }
    WarnLeftOver(after, end);
    return std::move(project_);
  }

 private:
  void ReadHeader(size_t begin, size_t end) {
    for (size_t r = begin; r < end; ++r) {
      const Row& row = rows_[r];
      std::vector<std::string> ignored;
      size_t c = 0;
      while (c < row.cells.size()) {
        const std::string& cell = row.cells[c];
        if (cell.empty()) {
          ++c;
          continue;
        }
        std::optional<LabelMatch> label = MatchLabel(cell);
        // A label broken over two paragraphs: 项目起 / 止时间.
        if (!label && layout_ == Layout::kParagraph && r + 1 < end) {
          label = MatchLabel(cell + rows_[r + 1].Text());
          if (label) ++r;
        }
        if (!label) {
          if (int64_t unit = UnitCell(cell)) {
            money_unit_ = unit;
          } else if (IsHeading(cell)) {
            if (!year_) year_ = YearIn(cell);
          } else {
            ignored.push_back(cell);
          }
          ++c;
          continue;
        }
        ++c;
        std::string value = label->inline_value;
        if (value.empty()) {
          std::vector<std::string> parts;
          while (c < row.cells.size() && !MatchLabel(row.cells[c])) {
            if (!row.cells[c].empty()) parts.push_back(row.cells[c]);
            ++c;
          }
          value = absl::StrJoin(parts, IsNarrative(label->field) ? "\n" : " ");
        }
        int line = rows_[r].line;
        // One cell per paragraph: the value is the next paragraph.
        if (value.empty() && layout_ == Layout::kParagraph && r + 1 < end &&
            !MatchLabel(rows_[r + 1].Text()) && !UnitCell(rows_[r + 1].Text()) &&
            !IsHeading(rows_[r + 1].Text()) &&
            label->field != Field::kMoneyHeading) {
          ++r;
          value = rows_[r].Text();
          line = rows_[r].line;
        }
        Set(*label, value, line);
      }
      if (!ignored.empty()) {
        diagnostics_.Warn(row.line, absl::StrCat("ignored \"",
                                                 absl::StrJoin(ignored, " "),
                                                 "\": not a field of the table"));
      }
    }
  }

  void Set(const LabelMatch& label, const std::string& value, int line) {
    switch (label.field) {
      case Field::kIgnored:
        return;
      case Field::kMoneyHeading:
        if (label.yuan_per_unit) money_unit_ = label.yuan_per_unit;
        return;
      case Field::kDepartment:
        if (!value.empty()) {
          project_.set_department(value);
          department_from_applicant_ = true;
        }
        return;
      case Field::kSupervisor:
        if (!department_from_applicant_ && !value.empty()) {
          project_.set_department(WithoutCode(value));
        }
        return;
      case Field::kTitle:
        project_.set_title(value);
        title_line_ = line;
        return;
      case Field::kCategory:
        project_.set_category(value);
        return;
      case Field::kPerformanceType:
        project_.set_performance_type(value);
        return;
      case Field::kPurchased: {
        std::string v = NormalizeWidth(value);
        if (v == "是") {
          project_.set_includes_purchased_services(true);
        } else if (v == "否") {
          project_.set_includes_purchased_services(false);
        } else if (!v.empty()) {
          diagnostics_.Warn(line, absl::StrCat("是否含有政府购买服务 \"", value,
                                               "\" is neither 是 nor 否; left empty"));
        }
        return;
      }
      case Field::kStart:
      case Field::kEnd: {
        if (value.empty()) return;
        std::optional<v1::Date> date = ParseDate(value);
        if (!date) {
          diagnostics_.Error(line, absl::StrCat(FieldName(label.field), " \"",
                                                value, "\" is not a date (YYYY-MM-DD)"));
          return;
        }
        *(label.field == Field::kStart ? project_.mutable_planned_start()
                                       : project_.mutable_planned_end()) = *date;
        return;
      }
      case Field::kStartEnd:
        SetDateRange(value, line);
        return;
      case Field::kOverview:
        project_.mutable_narrative()->set_overview(value);
        return;
      case Field::kBasis:
        project_.mutable_narrative()->set_basis(value);
        return;
      case Field::kNecessity:
        project_.mutable_narrative()->set_necessity(value);
        return;
      case Field::kSafeguards:
        project_.mutable_narrative()->set_safeguards(value);
        return;
      case Field::kPlan:
        project_.mutable_narrative()->set_implementation_plan(value);
        return;
      case Field::kGoals:
        project_.mutable_narrative()->set_goals(value);
        return;
      case Field::kTotal:
      case Field::kCurrentYear:
      case Field::kPreviousBudget:
      case Field::kPreviousExecuted:
        SetAmount(label, value, line);
        return;
    }
  }

  void SetAmount(const LabelMatch& label, const std::string& value, int line) {
    if (value.empty()) return;
    int64_t unit = label.yuan_per_unit ? label.yuan_per_unit : money_unit_;
    absl::StatusOr<int64_t> fen = ParseAmountFen(value, unit);
    if (!fen.ok()) {
      diagnostics_.Error(line, absl::StrCat(FieldName(label.field), ": ",
                                            fen.status().message()));
      return;
    }
    if (*fen < 0) {
      diagnostics_.Error(line, absl::StrCat(FieldName(label.field), " \"",
                                            value, "\" is negative"));
      return;
    }
    v1::Budget* budget = project_.mutable_budget();
    switch (label.field) {
      case Field::kTotal: budget->set_total_fen(*fen); break;
      case Field::kCurrentYear:
        budget->set_current_year_fen(*fen);
        has_current_year_ = true;
        break;
      case Field::kPreviousBudget: budget->set_previous_year_budget_fen(*fen); break;
      case Field::kPreviousExecuted: budget->set_previous_year_executed_fen(*fen); break;
      default: break;
    }
    if (label.field == Field::kTotal) has_total_ = true;
  }

  void SetDateRange(const std::string& value, int line) {
    std::string text = NormalizeWidth(value);
    for (absl::string_view sep : {"至", "~", "—", "－", " - "}) {
      std::vector<std::string> parts = absl::StrSplit(text, sep);
      if (parts.size() != 2) continue;
      std::optional<v1::Date> start = ParseDate(parts[0]);
      std::optional<v1::Date> end = ParseDate(parts[1]);
      if (start && end) {
        *project_.mutable_planned_start() = *start;
        *project_.mutable_planned_end() = *end;
        return;
      }
    }
    diagnostics_.Warn(line, absl::StrCat("项目起止时间 \"", value,
                                         "\" is not a date range; planned "
                                         "dates left empty"));
  }

  void Finish(size_t begin) {
    int line = rows_[begin].line;
    if (project_.title().empty()) {
      diagnostics_.Error(line, "table has no 项目名称 (project title)");
    }
    if (project_.department().empty()) {
      diagnostics_.Warn(line, "table names no department (申报单位名称 / 主管部门)");
    }
    if (year_) {
      project_.set_fiscal_year(*year_);
    } else if (project_.has_planned_start()) {
      project_.set_fiscal_year(project_.planned_start().year());
      diagnostics_.Warn(line, absl::StrCat("no fiscal year in the title; took ",
                                           project_.fiscal_year(),
                                           " from 计划开始日期"));
    } else {
      diagnostics_.Warn(line, "no fiscal year in the title or the dates");
    }
    if (!has_current_year_ && has_total_) {
      project_.mutable_budget()->set_current_year_fen(
          project_.budget().total_fen());
      diagnostics_.Warn(line, "no current-year budget (项目当年预算); took the "
                              "total budget for it");
    }
    if (!has_total_ && has_current_year_) {
      project_.mutable_budget()->set_total_fen(
          project_.budget().current_year_fen());
      diagnostics_.Warn(line, "no total budget (项目总预算); took the "
                              "current-year budget for it");
    }
    if (project_.has_planned_start() && project_.has_planned_end() &&
        Before(project_.planned_end(), project_.planned_start())) {
      diagnostics_.Error(title_line_ ? title_line_ : line,
                         "计划完成日期 is before 计划开始日期");
    }
  }

  void WarnLeftOver(size_t from, size_t end) {
    for (size_t r = from; r < end; ++r) {
      const Row& row = rows_[r];
      if (row.Blank() || IsHeading(row.Text())) continue;
      // Sign-off blocks (审核意见, 盖章) end a table; nothing after them is
      // part of the target table.
      return;
    }
  }

  const std::vector<Row>& rows_;
  const Layout layout_;
  Diagnostics& diagnostics_;
  v1::Project project_;
  int64_t money_unit_ = 1;
  std::optional<int> year_;
  bool department_from_applicant_ = false;
  bool has_total_ = false;
  bool has_current_year_ = false;
  int title_line_ = 0;
};

// True when rows [from, to) hold a fact of a table (a label we keep), not
// only titles and page furniture (发布时间, 来源).
bool HasContent(const std::vector<Row>& rows, size_t from, size_t to) {
  for (size_t r = from; r < to; ++r) {
    for (const std::string& cell : rows[r].cells) {
      std::optional<LabelMatch> label = MatchLabel(cell);
      if (label && label->field != Field::kIgnored) return true;
    }
  }
  return false;
}

bool IsTitleRow(const Row& row) {
  for (const std::string& cell : row.cells) {
    if (IsTableTitle(cell)) return true;
  }
  return false;
}

}  // namespace

ReadResult ReadTargetTables(absl::string_view text) {
  ReadResult result;
  Diagnostics diagnostics;
  Layout layout = DetectLayout(text);
  std::vector<Row> rows = SplitRows(text, layout);

  // A table starts at its title; a second title before any field (a page
  // heading above the form's own) belongs to the same table.
  std::vector<size_t> starts;
  for (size_t r = 0; r < rows.size(); ++r) {
    if (!IsTitleRow(rows[r])) continue;
    if (starts.empty() || HasContent(rows, starts.back(), r)) {
      starts.push_back(r);
    }
  }
  bool has_text = false;
  for (const Row& row : rows) has_text = has_text || !row.Blank();
  if (!has_text) {
    diagnostics.Error(0, "the text is empty");
  } else if (starts.empty()) {
    // No title: read the whole text as one table.
    starts.push_back(0);
  }
  for (size_t k = 0; k < starts.size(); ++k) {
    size_t begin = k == 0 ? 0 : starts[k];
    size_t end = k + 1 < starts.size() ? starts[k + 1] : rows.size();
    TableBuilder builder(rows, layout, diagnostics);
    result.projects.push_back(builder.Read(begin, starts[k], end));
  }
  result.warnings = std::move(diagnostics.warnings);
  result.errors = std::move(diagnostics.errors);
  return result;
}

absl::StatusOr<v1::ParseTargetTableResponse> ParseTargetTables(
    absl::string_view text) {
  ReadResult read = ReadTargetTables(text);
  if (!read.errors.empty()) {
    constexpr size_t kShown = 20;
    std::vector<std::string> lines;
    for (size_t i = 0; i < read.errors.size() && i < kShown; ++i) {
      lines.push_back(absl::StrCat("line ", read.errors[i].line(), ": ",
                                   read.errors[i].message()));
    }
    if (read.errors.size() > kShown) {
      lines.push_back(absl::StrCat("... and ", read.errors.size() - kShown,
                                   " more errors"));
    }
    return absl::InvalidArgumentError(absl::StrJoin(lines, "\n"));
  }
  v1::ParseTargetTableResponse response;
  for (v1::Project& project : read.projects) {
    *response.add_projects() = std::move(project);
  }
  for (v1::LineMessage& warning : read.warnings) {
    *response.add_warnings() = std::move(warning);
  }
  return response;
}

}  // namespace targetwatch::tables
