#include "services/alerting/rule_eval.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "services/common/proto_time.h"
#include "services/common/stable_hash.h"

namespace targetwatch {
namespace {


v1::Rule Builtin(const std::string& id, const std::string& display, v1::RuleType type,
                 v1::Severity severity, double threshold, const std::string& summary) {
  v1::Rule rule;
  rule.set_name("rules/" + id);
  rule.set_display_name(display);
  rule.set_type(type);
  rule.set_severity(severity);
  rule.set_threshold(threshold);
  rule.set_builtin(true);
  (*rule.mutable_annotations())["summary"] = summary;
  return rule;
}

bool InScope(const v1::Rule& rule, const v1::ProjectProgress& p, const ProjectFacts& facts) {
  const v1::RuleScope& s = rule.scope();
  if (!s.project().empty() && s.project() != p.project()) return false;
  if (!s.department().empty() && s.department() != p.department()) return false;
  if (!s.district().empty() &&
      std::find(facts.districts.begin(), facts.districts.end(), s.district()) ==
          facts.districts.end()) {
    return false;
  }
  return true;
}

// "6", "30.5", "99.77": as people write them in a sentence.
std::string Number(double v) {
  if (v == std::floor(v) && std::abs(v) < 1e15) return absl::StrFormat("%.0f", v);
  std::string s = absl::StrFormat("%.2f", v);
  while (s.back() == '0') s.pop_back();
  return s;
}

double DaysBetween(absl::Time from, absl::Time to) {
  return absl::FDivDuration(to - from, absl::Hours(24));
}

absl::Time DayStart(const v1::Date& d, absl::TimeZone zone) {
  return absl::FromCivil(absl::CivilDay(d.year(), d.month(), d.day()), zone);
}

double WindowPercent(const v1::ServiceAvailability& s, absl::Duration window) {
  for (const v1::WindowAvailability& w : s.windows()) {
    if (w.window().seconds() == absl::ToInt64Seconds(window)) return w.percent();
  }
  return 100;
}

}  // namespace

std::vector<v1::Rule> BuiltinRules() {
  return {
      Builtin("indicator-off-track", "指标偏离目标", v1::INDICATOR_OFF_TRACK, v1::WARNING, 0,
              "{{project_title}}：指标“{{indicator_title}}”偏离目标（实际 {{value}}）"),
      Builtin("indicator-at-risk", "指标存在风险", v1::INDICATOR_AT_RISK, v1::INFO, 0,
              "{{project_title}}：指标“{{indicator_title}}”接近偏离（实际 {{value}}）"),
      Builtin("milestone-overdue", "里程碑逾期", v1::MILESTONE_OVERDUE, v1::WARNING, 0,
              "{{project_title}}：里程碑“{{milestone_title}}”已逾期 {{value}} 天"),
      Builtin("milestone-due-soon", "里程碑即将到期", v1::MILESTONE_DUE_SOON, v1::INFO, 7,
              "{{project_title}}：里程碑“{{milestone_title}}”{{value}} 天后到期"),
      Builtin("disbursement-behind", "资金支付落后计划", v1::DISBURSEMENT_BEHIND, v1::WARNING, 10,
              "{{project_title}}：预算执行落后计划 {{value}} 个百分点"),
      Builtin("report-stale", "指标长期未报告", v1::REPORT_STALE, v1::WARNING, 30,
              "{{project_title}}：{{value}} 个指标超过 {{threshold}} 天未报告"),
      Builtin("availability-burn-page", "服务可用性快速消耗", v1::AVAILABILITY_BURN,
              v1::CRITICAL, 0,
              "{{project_title}}：{{service}} 可用性预算快速消耗（1小时 {{value}}%）"),
      Builtin("availability-burn-ticket", "服务可用性持续消耗", v1::AVAILABILITY_BURN,
              v1::WARNING, 0,
              "{{project_title}}：{{service}} 可用性预算持续消耗（3天 {{value}}%）"),
  };
}

std::string Fingerprint(const std::string& rule,
                        const std::map<std::string, std::string>& labels) {
  std::string key = rule;
  for (const auto& [k, v] : labels) absl::StrAppend(&key, "\x1f", k, "\x1e", v);
  return StableId(key);
}

std::string RenderTemplate(const std::string& text,
                           const std::map<std::string, std::string>& values) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    size_t open = text.find("{{", i);
    if (open == std::string::npos) break;
    size_t close = text.find("}}", open + 2);
    if (close == std::string::npos) break;
    out.append(text, i, open - i);
    std::string name = text.substr(open + 2, close - open - 2);
    auto it = values.find(name);
    out += it != values.end() ? it->second : text.substr(open, close + 2 - open);
    i = close + 2;
  }
  out.append(text, i, std::string::npos);
  return out;
}

std::vector<Condition> Evaluate(const std::vector<v1::Rule>& rules,
                                const v1::ProjectProgress& p, const ProjectFacts& facts,
                                absl::Time now) {
  const absl::TimeZone zone = absl::FixedTimeZone(8 * 3600);
  std::vector<Condition> out;
  for (const v1::Rule& rule : rules) {
    if (rule.disabled() || !InScope(rule, p, facts)) continue;
    auto emit = [&](std::map<std::string, std::string> labels, double value) {
      Condition c;
      c.rule = rule.name();
      labels["alertname"] = rule.display_name().empty() ? rule.name() : rule.display_name();
      labels["project"] = p.project();
      labels["department"] = p.department();
      for (const auto& [k, v] : rule.labels()) labels[k] = v;
      c.severity = rule.severity() == v1::SEVERITY_UNSPECIFIED ? v1::WARNING : rule.severity();
      labels["severity"] = absl::AsciiStrToLower(v1::Severity_Name(c.severity));
      c.value = value;
      c.fingerprint = Fingerprint(rule.name(), labels);
      std::map<std::string, std::string> values = labels;
      values["project_title"] = p.title();
      values["value"] = Number(value);
      values["threshold"] = Number(rule.threshold());
      for (const auto& [k, v] : rule.annotations()) c.annotations[k] = RenderTemplate(v, values);
      c.labels = std::move(labels);
      out.push_back(std::move(c));
    };
    switch (rule.type()) {
      case v1::INDICATOR_OFF_TRACK:
      case v1::INDICATOR_AT_RISK: {
        v1::ProgressStatus want =
            rule.type() == v1::INDICATOR_OFF_TRACK ? v1::OFF_TRACK : v1::AT_RISK;
        for (const v1::IndicatorProgress& ind : p.indicators()) {
          if (ind.status() != want) continue;
          if (!rule.scope().indicator().empty() && rule.scope().indicator() != ind.indicator()) {
            continue;
          }
          emit({{"indicator", ind.indicator()}, {"indicator_title", ind.title()}},
               ind.actual_value());
        }
        break;
      }
      case v1::MILESTONE_OVERDUE:
        for (const v1::MilestoneProgress& m : p.milestones()) {
          if (!m.overdue()) continue;
          emit({{"milestone", m.milestone()}, {"milestone_title", m.title()}},
               std::floor(DaysBetween(DayStart(m.due_date(), zone) + absl::Hours(24), now)));
        }
        break;
      case v1::MILESTONE_DUE_SOON:
        for (const v1::MilestoneProgress& m : p.milestones()) {
          if (m.overdue() || m.status() == v1::MET) continue;
          double left = DaysBetween(now, DayStart(m.due_date(), zone) + absl::Hours(24));
          if (left >= 0 && left <= rule.threshold()) {
            emit({{"milestone", m.milestone()}, {"milestone_title", m.title()}},
                 std::ceil(left));
          }
        }
        break;
      case v1::DISBURSEMENT_BEHIND:
        if (p.budget().current_year_fen() > 0 && -p.budget().lag_points() > rule.threshold()) {
          emit({}, -p.budget().lag_points());
        }
        break;
      case v1::REPORT_STALE: {
        // One alert per project, counting the stale indicators: a
        // reported indicator whose last report is older than the
        // threshold, or one never reported once the year is that old.
        absl::Time year_start =
            absl::FromCivil(absl::CivilDay(absl::ToCivilYear(now, zone).year(), 1, 1), zone);
        std::vector<std::string> stale;
        for (const v1::IndicatorProgress& ind : p.indicators()) {
          if (ind.has_actual() && !ind.has_actual_time()) continue;  // derived, not reported
          absl::Time last = ind.has_actual() ? FromTimestamp(ind.actual_time()) : year_start;
          if (DaysBetween(last, now) > rule.threshold()) stale.push_back(ind.title());
        }
        if (!stale.empty()) emit({}, static_cast<double>(stale.size()));
        break;
      }
      case v1::AVAILABILITY_BURN:
        for (const v1::ServiceAvailability& s : p.services()) {
          // A target of 100% leaves no budget at all; count against 0.1%
          // so that the burn rate stays finite and any outage still pages.
          double budget = std::max(100 - s.target_percent(), 0.1);
          auto burn = [&](absl::Duration w) { return (100 - WindowPercent(s, w)) / budget; };
          bool page = (burn(absl::Hours(1)) >= 14.4 && burn(absl::Minutes(5)) >= 14.4) ||
                      (burn(absl::Hours(6)) >= 6 && burn(absl::Minutes(30)) >= 6);
          bool ticket = burn(absl::Hours(72)) >= 1 && burn(absl::Hours(6)) >= 1;
          bool holds = rule.severity() == v1::CRITICAL ? page : ticket;
          if (holds) {
            emit({{"service", s.service()}},
                 WindowPercent(s, rule.severity() == v1::CRITICAL ? absl::Hours(1)
                                                                  : absl::Hours(72)));
          }
        }
        break;
      default:
        break;
    }
  }
  return out;
}

}  // namespace targetwatch
