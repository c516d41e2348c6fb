#include "services/progress/self_evaluation.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"

namespace targetwatch {
namespace {

const char* GradeText(v1::Grade grade) {
  switch (grade) {
    case v1::ACHIEVED: return "达成";
    case v1::PARTIALLY_ACHIEVED: return "部分达成";
    case v1::NOT_ACHIEVED: return "未达成";
    default: return "";
  }
}

const char* ScoreGradeText(v1::ScoreGrade grade) {
  switch (grade) {
    case v1::EXCELLENT: return "优";
    case v1::GOOD: return "良";
    case v1::FAIR: return "中";
    case v1::POOR: return "差";
    default: return "";
  }
}

std::string Actual(const v1::IndicatorProgress& ind) {
  if (!ind.has_actual()) return "未报告";
  if (ind.actual_grade() != v1::GRADE_UNSPECIFIED) return GradeText(ind.actual_grade());
  return absl::StrCat(absl::StrFormat("%g", ind.actual_value()), ind.target().unit());
}

std::string Yuan(int64_t fen) { return absl::StrFormat("%.2f", fen / 100.0); }

std::string CsvField(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  return absl::StrCat("\"", absl::StrReplaceAll(text, {{"\"", "\"\""}}), "\"");
}

std::string MarkdownCell(const std::string& text) {
  return absl::StrReplaceAll(text, {{"|", "\\|"}, {"\n", "<br>"}});
}

}  // namespace

v1::SelfEvaluation BuildSelfEvaluation(
    const v1::Project& project, const v1::ProjectProgress& progress,
    const std::map<std::string, std::vector<std::string>>& notes) {
  v1::SelfEvaluation e;
  e.set_project(project.name());
  e.set_title(project.title());
  e.set_department(project.department());
  e.set_fiscal_year(project.fiscal_year());
  e.set_initial_budget_fen(project.budget().current_year_fen());
  e.set_full_year_budget_fen(project.budget().current_year_fen());
  e.set_executed_fen(progress.budget().disbursed_fen());
  e.set_execution_rate(progress.budget().executed_percent());
  e.set_budget_points(progress.budget().points_possible());
  e.set_budget_score(progress.budget().points_earned());
  for (const v1::IndicatorProgress& ind : progress.indicators()) {
    v1::SelfEvaluationRow* row = e.add_rows();
    row->set_indicator(ind.indicator());
    row->set_level1(ind.level1());
    row->set_level2(ind.level2());
    row->set_title(ind.title());
    row->set_target(ind.target().raw());
    row->set_actual(Actual(ind));
    row->set_points(ind.points_possible());
    row->set_score(ind.points_earned());
    auto it = notes.find(ind.indicator());
    if (it != notes.end()) {
      for (const std::string& note : it->second) row->add_deviation_notes(note);
    }
  }
  e.set_total_score(progress.score());
  e.set_grade(progress.grade());
  return e;
}

std::string SelfEvaluationCsv(const v1::SelfEvaluation& e) {
  std::string out = absl::StrCat(
      "项目名称,", CsvField(e.title()), "\r\n主管部门,", CsvField(e.department()),
      "\r\n年度,", e.fiscal_year(), "\r\n年初预算数(元),全年预算数(元),全年执行数(元),执行率(%),分值,得分\r\n",
      Yuan(e.initial_budget_fen()), ",", Yuan(e.full_year_budget_fen()), ",",
      Yuan(e.executed_fen()), ",", absl::StrFormat("%.2f", e.execution_rate()), ",",
      absl::StrFormat("%.2f", e.budget_points()), ",",
      absl::StrFormat("%.2f", e.budget_score()),
      "\r\n一级指标,二级指标,三级指标,年度指标值,实际完成值,分值,得分,偏差原因\r\n");
  for (const v1::SelfEvaluationRow& r : e.rows()) {
    absl::StrAppend(&out, CsvField(r.level1()), ",", CsvField(r.level2()), ",",
                    CsvField(r.title()), ",", CsvField(r.target()), ",", CsvField(r.actual()),
                    ",", absl::StrFormat("%.2f", r.points()), ",",
                    absl::StrFormat("%.2f", r.score()), ",",
                    CsvField(absl::StrJoin(r.deviation_notes(), "；")), "\r\n");
  }
  absl::StrAppend(&out, "总分,", absl::StrFormat("%.2f", e.total_score()), "\r\n评价等级,",
                  ScoreGradeText(e.grade()), "\r\n");
  return out;
}

std::string SelfEvaluationMarkdown(const v1::SelfEvaluation& e) {
  std::string out = absl::StrCat(
      "# ", MarkdownCell(e.title()), " 绩效自评表 (", e.fiscal_year(), "年度)\n\n",
      "主管部门：", MarkdownCell(e.department()), "\n\n",
      "| 年初预算数(元) | 全年预算数(元) | 全年执行数(元) | 执行率 | 分值 | 得分 |\n",
      "|---:|---:|---:|---:|---:|---:|\n| ", Yuan(e.initial_budget_fen()), " | ",
      Yuan(e.full_year_budget_fen()), " | ", Yuan(e.executed_fen()), " | ",
      absl::StrFormat("%.2f%%", e.execution_rate()), " | ",
      absl::StrFormat("%.2f", e.budget_points()), " | ",
      absl::StrFormat("%.2f", e.budget_score()), " |\n\n",
      "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因 |\n",
      "|---|---|---|---|---|---:|---:|---|\n");
  for (const v1::SelfEvaluationRow& r : e.rows()) {
    absl::StrAppend(&out, "| ", MarkdownCell(r.level1()), " | ", MarkdownCell(r.level2()),
                    " | ", MarkdownCell(r.title()), " | ", MarkdownCell(r.target()), " | ",
                    MarkdownCell(r.actual()), " | ", absl::StrFormat("%.2f", r.points()),
                    " | ", absl::StrFormat("%.2f", r.score()), " | ",
                    MarkdownCell(absl::StrJoin(r.deviation_notes(), "；")), " |\n");
  }
  absl::StrAppend(&out, "\n**总分 ", absl::StrFormat("%.2f", e.total_score()), "，评价等级 ",
                  ScoreGradeText(e.grade()), "**\n");
  return out;
}

}  // namespace targetwatch
