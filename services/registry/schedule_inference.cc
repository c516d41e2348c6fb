#include "services/registry/schedule_inference.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "services/tables/text_norm.h"

namespace targetwatch {
namespace {

int LastDay(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return kDays[month - 1] + (month == 2 && leap ? 1 : 0);
}

// The month a step is due by: a number 1-12 before 月 and then 前, 底, 末,
// 份 or a comma. 0 when the clause has none.
int StepMonth(absl::string_view clause) {
  size_t pos = 0;
  const std::string month_mark = "月";
  while ((pos = clause.find(month_mark, pos)) != absl::string_view::npos) {
    size_t digits = pos;
    while (digits > 0 && clause[digits - 1] >= '0' && clause[digits - 1] <= '9') --digits;
    absl::string_view after = clause.substr(pos + month_mark.size());
    bool step = absl::StartsWith(after, "前") || absl::StartsWith(after, "底") ||
                absl::StartsWith(after, "末") || absl::StartsWith(after, "份") ||
                absl::StartsWith(after, ",") || absl::StartsWith(after, "，");
    if (digits < pos && pos - digits <= 2 && step) {
      int month = std::stoi(std::string(clause.substr(digits, pos - digits)));
      if (month >= 1 && month <= 12) return month;
    }
    pos += month_mark.size();
  }
  return 0;
}

// Drops "1、", "2.", "(1)", "（1）" from the front of a clause.
absl::string_view StripEnumerators(absl::string_view clause) {
  bool changed = true;
  while (changed) {
    changed = false;
    clause = tables::TrimText(clause);
    size_t i = 0;
    while (i < clause.size() && clause[i] >= '0' && clause[i] <= '9') ++i;
    if (i > 0) {
      absl::string_view rest = clause.substr(i);
      if (absl::ConsumePrefix(&rest, "、") || absl::ConsumePrefix(&rest, ".")) {
        clause = rest;
        changed = true;
        continue;
      }
    }
    for (auto [open, close] : {std::pair{"(", ")"}, std::pair{"（", "）"}}) {
      absl::string_view rest = clause;
      if (!absl::ConsumePrefix(&rest, open)) continue;
      size_t end = rest.find(close);
      if (end != absl::string_view::npos && end <= 2) {
        clause = rest.substr(end + std::string(close).size());
        changed = true;
      }
    }
  }
  return clause;
}

std::string Shorten(absl::string_view text, size_t max_code_points) {
  std::string out;
  size_t count = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      if (count == max_code_points) return out + "…";
      ++count;
    }
    out.push_back(text[i]);
  }
  return out;
}

}  // namespace

ProposedSchedule InferSchedule(const v1::Project& project) {
  ProposedSchedule schedule;
  int year = project.fiscal_year();
  if (year == 0) return schedule;
  const std::string& plan = project.narrative().implementation_plan();
  std::vector<std::string> clauses =
      absl::StrSplit(plan, absl::ByAnyChar("\n"), absl::SkipEmpty());
  std::vector<std::string> steps;
  for (const std::string& line : clauses) {
    for (absl::string_view part : absl::StrSplit(line, "。")) {
      for (absl::string_view clause : absl::StrSplit(part, "；")) {
        if (!tables::TrimText(clause).empty()) steps.emplace_back(clause);
      }
    }
  }
  double last_percent = 0;
  for (const std::string& step : steps) {
    std::string normalized = tables::NormalizeWidth(step);
    int month = StepMonth(normalized);
    if (month == 0) continue;
    v1::Milestone milestone;
    milestone.set_title(Shorten(StripEnumerators(step), 60));
    milestone.mutable_due_date()->set_year(year);
    milestone.mutable_due_date()->set_month(month);
    milestone.mutable_due_date()->set_day(LastDay(year, month));
    milestone.set_inferred(true);
    std::string due = absl::StrFormat("%04d-%02d-%02d", year, month, LastDay(year, month));
    schedule.notes.push_back(absl::StrCat("milestone \"", milestone.title(),
                                          "\" due ", due,
                                          " inferred from 项目实施计划"));
    bool pays = absl::StrContains(step, "支付") || absl::StrContains(step, "拨付");
    if (pays && absl::StrContains(step, "完成") && last_percent < 100) {
      v1::DisbursementCheckpoint checkpoint;
      *checkpoint.mutable_date() = milestone.due_date();
      checkpoint.set_cumulative_percent(100);
      last_percent = 100;
      schedule.disbursement_plan.push_back(checkpoint);
      schedule.notes.push_back(absl::StrCat(
          "disbursement checkpoint 100% by ", due, " inferred from \"",
          milestone.title(), "\""));
    }
    schedule.milestones.push_back(std::move(milestone));
  }
  return schedule;
}

}  // namespace targetwatch
