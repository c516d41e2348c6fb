#include "services/registry/registry_validation.h"

#include <cmath>
#include <set>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "services/tables/target_parser.h"
#include "services/tables/text_norm.h"

namespace targetwatch {
namespace {

constexpr size_t kMaxTitle = 200;         // code points
constexpr size_t kMaxText = 20000;        // narrative cells, code points

absl::Status Bad(absl::string_view field, absl::string_view why) {
  return absl::InvalidArgumentError(absl::StrCat(field, ": ", why));
}

absl::Status CheckText(const std::string& text, absl::string_view field,
                       size_t max, bool required) {
  if (required && tables::TrimText(text).empty()) return Bad(field, "is required");
  if (tables::CodePointCount(text) > max) {
    return Bad(field, absl::StrCat("is longer than ", max, " characters"));
  }
  return absl::OkStatus();
}

bool Before(const v1::Date& a, const v1::Date& b) {
  return std::make_tuple(a.year(), a.month(), a.day()) <
         std::make_tuple(b.year(), b.month(), b.day());
}

}  // namespace

absl::Status ValidateDate(const v1::Date& d, absl::string_view field) {
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (d.year() < 1900 || d.year() > 2200 || d.month() < 1 || d.month() > 12 ||
      d.day() < 1 || d.day() > kDays[d.month() - 1] ||
      (d.month() == 2 && d.day() == 29 &&
       !((d.year() % 4 == 0 && d.year() % 100 != 0) || d.year() % 400 == 0))) {
    return Bad(field, absl::StrCat(d.year(), "-", d.month(), "-", d.day(),
                                   " is not a calendar date"));
  }
  return absl::OkStatus();
}

absl::Status ValidateProject(const v1::Project& p, absl::string_view field) {
  auto f = [&field](absl::string_view name) { return absl::StrCat(field, ".", name); };
  if (auto s = CheckText(p.title(), f("title"), kMaxTitle, true); !s.ok()) return s;
  if (auto s = CheckText(p.department(), f("department"), kMaxTitle, true); !s.ok()) return s;
  if (auto s = CheckText(p.category(), f("category"), kMaxTitle, false); !s.ok()) return s;
  if (auto s = CheckText(p.performance_type(), f("performance_type"), kMaxTitle, false); !s.ok()) {
    return s;
  }
  if (p.fiscal_year() < 1990 || p.fiscal_year() > 2100) {
    return Bad(f("fiscal_year"), "must be a year from 1990 to 2100");
  }
  if (p.has_planned_start()) {
    if (auto s = ValidateDate(p.planned_start(), f("planned_start")); !s.ok()) return s;
  }
  if (p.has_planned_end()) {
    if (auto s = ValidateDate(p.planned_end(), f("planned_end")); !s.ok()) return s;
  }
  if (p.has_planned_start() && p.has_planned_end() &&
      Before(p.planned_end(), p.planned_start())) {
    return Bad(f("planned_end"), "is before planned_start");
  }
  const v1::Narrative& n = p.narrative();
  for (const auto& [text, name] :
       {std::pair{&n.overview(), "overview"}, {&n.basis(), "basis"},
        {&n.necessity(), "necessity"}, {&n.safeguards(), "safeguards"},
        {&n.implementation_plan(), "implementation_plan"}, {&n.goals(), "goals"}}) {
    if (auto s = CheckText(*text, f(absl::StrCat("narrative.", name)), kMaxText, false);
        !s.ok()) {
      return s;
    }
  }
  const v1::Budget& b = p.budget();
  for (const auto& [value, name] :
       {std::pair{b.total_fen(), "total_fen"}, {b.current_year_fen(), "current_year_fen"},
        {b.previous_year_budget_fen(), "previous_year_budget_fen"},
        {b.previous_year_executed_fen(), "previous_year_executed_fen"}}) {
    if (value < 0) return Bad(f(absl::StrCat("budget.", name)), "must not be negative");
  }
  std::set<std::string> districts;
  for (int i = 0; i < p.districts_size(); ++i) {
    std::string name = f(absl::StrCat("districts[", i, "]"));
    if (auto s = CheckText(p.districts(i), name, 50, true); !s.ok()) return s;
    if (!districts.insert(p.districts(i)).second) return Bad(name, "is listed twice");
  }
  double last_percent = 0;
  for (int i = 0; i < p.disbursement_plan_size(); ++i) {
    const v1::DisbursementCheckpoint& c = p.disbursement_plan(i);
    std::string name = f(absl::StrCat("disbursement_plan[", i, "]"));
    if (auto s = ValidateDate(c.date(), name + ".date"); !s.ok()) return s;
    if (!std::isfinite(c.cumulative_percent()) || c.cumulative_percent() < 0 ||
        c.cumulative_percent() > 100) {
      return Bad(name + ".cumulative_percent", "must be 0 to 100");
    }
    if (i > 0 && !Before(p.disbursement_plan(i - 1).date(), c.date())) {
      return Bad(name + ".date", "must come after the checkpoint before it");
    }
    if (c.cumulative_percent() < last_percent) {
      return Bad(name + ".cumulative_percent", "must not fall (it is cumulative)");
    }
    last_percent = c.cumulative_percent();
  }
  for (int i = 0; i < p.monitored_services_size(); ++i) {
    const v1::MonitoredService& m = p.monitored_services(i);
    std::string name = f(absl::StrCat("monitored_services[", i, "]"));
    if (auto s = CheckText(m.service(), name + ".service", 64, true); !s.ok()) return s;
    if (!std::isfinite(m.target_percent()) || m.target_percent() < 0 ||
        m.target_percent() > 100) {
      return Bad(name + ".target_percent", "must be 0 to 100");
    }
  }
  return absl::OkStatus();
}

absl::Status ValidateAndTypeIndicator(v1::Indicator& ind, absl::string_view field) {
  auto f = [&field](absl::string_view name) { return absl::StrCat(field, ".", name); };
  if (auto s = CheckText(ind.title(), f("title"), kMaxTitle, true); !s.ok()) return s;
  if (auto s = CheckText(ind.level1(), f("level1"), kMaxTitle, true); !s.ok()) return s;
  if (auto s = CheckText(ind.level2(), f("level2"), kMaxTitle, false); !s.ok()) return s;
  if (!std::isfinite(ind.weight()) || ind.weight() < 0) {
    return Bad(f("weight"), "must be a number of at least 0");
  }
  absl::StatusOr<tables::ParsedTarget> target =
      tables::ParseTarget(ind.target().raw(), ind.title());
  if (!target.ok()) return Bad(f("target.raw"), target.status().message());
  *ind.mutable_target() = std::move(target->target);
  return absl::OkStatus();
}

absl::Status ValidateMilestone(const v1::Milestone& m, absl::string_view field) {
  auto f = [&field](absl::string_view name) { return absl::StrCat(field, ".", name); };
  if (auto s = CheckText(m.title(), f("title"), kMaxTitle, true); !s.ok()) return s;
  if (!m.has_due_date()) return Bad(f("due_date"), "is required");
  if (auto s = ValidateDate(m.due_date(), f("due_date")); !s.ok()) return s;
  if (m.has_done_date()) {
    if (auto s = ValidateDate(m.done_date(), f("done_date")); !s.ok()) return s;
  }
  return CheckText(m.district(), f("district"), 50, false);
}

}  // namespace targetwatch
