#include "services/progress/progress_calc.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "services/common/proto_time.h"
#include "services/tables/scoring.h"

namespace targetwatch {
namespace {

using tables::Judgement;

absl::Time DayStart(const v1::Date& d, absl::TimeZone zone) {
  return absl::FromCivil(absl::CivilDay(d.year(), d.month(), d.day()), zone);
}

bool HasDate(const v1::Date& d) { return d.year() != 0; }

absl::Time PeriodStart(const v1::Project& p, absl::TimeZone zone) {
  if (HasDate(p.planned_start())) return DayStart(p.planned_start(), zone);
  return absl::FromCivil(absl::CivilDay(p.fiscal_year(), 1, 1), zone);
}

// Exclusive: the start of the day after planned_end.
absl::Time PeriodEnd(const v1::Project& p, absl::TimeZone zone) {
  if (HasDate(p.planned_end())) return DayStart(p.planned_end(), zone) + absl::Hours(24);
  return absl::FromCivil(absl::CivilDay(p.fiscal_year() + 1, 1, 1), zone);
}

v1::ProgressStatus Worse(v1::ProgressStatus a, v1::ProgressStatus b) {
  auto rank = [](v1::ProgressStatus s) {
    switch (s) {
      case v1::OFF_TRACK: return 4;
      case v1::AT_RISK: return 3;
      case v1::ON_TRACK: return 2;
      case v1::MET: return 1;
      default: return 0;  // NO_DATA and unspecified do not make it worse
    }
  };
  return rank(b) > rank(a) ? b : a;
}

// Status of a cumulative indicator against where the schedule says it
// should be: judged on the expected value, MET once the target is reached.
Judgement JudgeCumulative(const v1::Target& target, double actual, double expected) {
  Judgement at_end = tables::JudgeValue(target, actual).value_or(Judgement{});
  if (at_end.met) return at_end;
  v1::Target scaled = target;
  scaled.set_value(expected);
  Judgement now = tables::JudgeValue(scaled, actual).value_or(Judgement{});
  if (now.met) {
    now.met = false;  // on schedule, not yet at the target
    now.status = v1::ON_TRACK;
  }
  return now;
}

}  // namespace

double ElapsedFraction(const v1::Project& project, absl::Time at, absl::TimeZone zone) {
  absl::Time start = PeriodStart(project, zone);
  absl::Time end = PeriodEnd(project, zone);
  if (end <= start) return at >= end ? 1 : 0;
  return std::clamp(absl::FDivDuration(at - start, end - start), 0.0, 1.0);
}

double PlannedPercent(const v1::Project& project, absl::Time at, absl::TimeZone zone) {
  std::vector<std::pair<absl::Time, double>> points = {{PeriodStart(project, zone), 0}};
  for (const v1::DisbursementCheckpoint& c : project.disbursement_plan()) {
    points.emplace_back(DayStart(c.date(), zone) + absl::Hours(24), c.cumulative_percent());
  }
  if (project.disbursement_plan().empty()) points.emplace_back(PeriodEnd(project, zone), 100);
  if (at <= points.front().first) return 0;
  for (size_t i = 1; i < points.size(); ++i) {
    const auto& [t0, p0] = points[i - 1];
    const auto& [t1, p1] = points[i];
    if (at < t1) {
      if (t1 <= t0) return p1;
      return p0 + (p1 - p0) * absl::FDivDuration(at - t0, t1 - t0);
    }
  }
  return points.back().second;
}

double Availability(const std::vector<v1::Outage>& outages, const std::string& service,
                    absl::Time from, absl::Time to) {
  if (to <= from) return 100;
  std::vector<std::pair<absl::Time, absl::Time>> down;
  for (const v1::Outage& o : outages) {
    if (o.service() != service) continue;
    absl::Time start = std::max(FromTimestamp(o.start_time()), from);
    absl::Time end = o.has_end_time() ? std::min(FromTimestamp(o.end_time()), to) : to;
    if (end > start) down.emplace_back(start, end);
  }
  // Reports of one outage by several districts overlap: count time once.
  std::sort(down.begin(), down.end());
  absl::Duration total;
  absl::Time covered = from;
  for (const auto& [start, end] : down) {
    absl::Time s = std::max(start, covered);
    if (end > s) {
      total += end - s;
      covered = end;
    }
  }
  return 100 * (1 - absl::FDivDuration(total, to - from));
}

v1::ProjectProgress ComputeProgress(const v1::Project& project,
                                    const ProjectReports& reports, absl::Time as_of,
                                    const CalcOptions& options) {
  v1::ProjectProgress out;
  out.set_project(project.name());
  out.set_title(project.title());
  out.set_department(project.department());
  *out.mutable_districts() = project.districts();
  SetTimestamp(as_of, out.mutable_as_of());
  out.set_version(reports.version);
  const absl::TimeZone zone = options.zone;
  const absl::Time start = PeriodStart(project, zone);
  const double elapsed = ElapsedFraction(project, as_of, zone);

  // Money against the plan.
  v1::BudgetProgress* budget = out.mutable_budget();
  const int64_t current = project.budget().current_year_fen();
  budget->set_current_year_fen(current);
  budget->set_disbursed_fen(reports.disbursed_fen);
  double executed = current > 0 ? 100.0 * reports.disbursed_fen / current : 0;
  double planned = PlannedPercent(project, as_of, zone);
  budget->set_executed_percent(executed);
  budget->set_planned_percent(planned);
  budget->set_lag_points(executed - planned);
  double behind = planned - executed;
  budget->set_status(executed >= 100            ? v1::MET
                     : behind <= options.on_track_lag  ? v1::ON_TRACK
                     : behind <= options.off_track_lag ? v1::AT_RISK
                                                       : v1::OFF_TRACK);
  double budget_share = planned > 0 ? std::min(1.0, executed / planned) : 1.0;
  v1::ProgressStatus overall = budget->status();

  // Availability of monitored services, by service id.
  std::map<std::string, double> ytd_by_indicator;
  for (const v1::MonitoredService& m : project.monitored_services()) {
    v1::ServiceAvailability* s = out.add_services();
    s->set_service(m.service());
    s->set_target_percent(m.target_percent());
    double ytd = Availability(reports.outages, m.service(), start, as_of);
    s->set_year_to_date_percent(ytd);
    s->set_last_30_days_percent(Availability(
        reports.outages, m.service(), std::max(start, as_of - absl::Hours(24 * 30)), as_of));
    for (absl::Duration window : {absl::Minutes(5), absl::Minutes(30), absl::Hours(1),
                                  absl::Hours(6), absl::Hours(72)}) {
      v1::WindowAvailability* w = s->add_windows();
      w->mutable_window()->set_seconds(absl::ToInt64Seconds(window));
      w->set_percent(Availability(reports.outages, m.service(), as_of - window, as_of));
    }
    for (const v1::Outage& o : reports.outages) {
      if (o.service() == m.service() && FromTimestamp(o.start_time()) <= as_of &&
          (!o.has_end_time() || FromTimestamp(o.end_time()) > as_of)) {
        s->set_down_now(true);
      }
    }
    s->set_status(ytd >= m.target_percent() ? v1::MET : v1::OFF_TRACK);
    overall = Worse(overall, s->status());
    ytd_by_indicator[m.indicator()] = ytd;
  }

  // Indicators.
  std::vector<tables::ScoredIndicator> scored;
  for (const v1::Indicator& ind : project.indicators()) {
    v1::IndicatorProgress* ip = out.add_indicators();
    ip->set_indicator(ind.name());
    ip->set_level1(ind.level1());
    ip->set_level2(ind.level2());
    ip->set_title(ind.title());
    *ip->mutable_target() = ind.target();
    Judgement judged;
    bool has_actual = false;
    auto it = reports.latest.find(ind.name());
    if (it != reports.latest.end()) {
      const v1::Measurement& m = it->second;
      has_actual = true;
      *ip->mutable_actual_time() = m.context().time();
      if (!m.context().note().empty()) ip->add_notes(m.context().note());
      if (m.actual_case() == v1::Measurement::kGrade) {
        ip->set_actual_grade(m.grade());
        std::optional<double> percent;
        if (m.has_grade_percent()) percent = m.grade_percent();
        judged = tables::JudgeGrade(ind.target(), m.grade(), percent).value_or(Judgement{});
      } else {
        ip->set_actual_value(m.value());
      }
    } else if (ytd_by_indicator.count(ind.name())) {
      has_actual = true;  // availability comes from the outages
      ip->set_actual_value(ytd_by_indicator[ind.name()]);
    } else if (absl::StrContains(ind.title(), "预算执行率")) {
      has_actual = true;  // budget execution comes from the disbursements
      ip->set_actual_value(executed);
    }
    ip->set_has_actual(has_actual);
    if (has_actual && ip->actual_grade() == v1::GRADE_UNSPECIFIED) {
      if (ind.cumulative() && ind.target().kind() == v1::NUMERIC) {
        double expected = ind.target().value() * elapsed;
        ip->set_expected_value(expected);
        judged = JudgeCumulative(ind.target(), ip->actual_value(), expected);
      } else {
        judged = tables::JudgeValue(ind.target(), ip->actual_value()).value_or(Judgement{});
      }
    }
    ip->set_met(has_actual && judged.met);
    ip->set_status(has_actual ? judged.status : v1::NO_DATA);
    overall = Worse(overall, ip->status());
    scored.push_back({tables::GroupOf(ind.level1(), ind.level2()), ind.weight(),
                      has_actual ? judged.share : 0});
  }

  // Milestones.
  absl::CivilDay today = absl::ToCivilDay(as_of, zone);
  int done = 0, overdue = 0;
  for (const v1::Milestone& m : project.milestones()) {
    v1::MilestoneProgress* mp = out.add_milestones();
    mp->set_milestone(m.name());
    mp->set_title(m.title());
    *mp->mutable_due_date() = m.due_date();
    v1::Date done_date = m.done_date();
    auto reported = reports.milestones_done.find(m.name());
    if (reported != reports.milestones_done.end()) done_date = reported->second;
    bool is_done = HasDate(done_date) &&
                   absl::CivilDay(done_date.year(), done_date.month(), done_date.day()) <= today;
    absl::CivilDay due(m.due_date().year(), m.due_date().month(), m.due_date().day());
    if (is_done) {
      *mp->mutable_done_date() = done_date;
      mp->set_status(v1::MET);
      ++done;
    } else if (due < today) {
      mp->set_overdue(true);
      mp->set_status(v1::OFF_TRACK);
      ++overdue;
    } else {
      mp->set_status(v1::ON_TRACK);
    }
    overall = Worse(overall, mp->status());
  }
  out.set_milestones_done(done);
  out.set_milestones_overdue(overdue);

  tables::ProjectScore score = tables::ScoreProject(scored, budget_share, options.scoring);
  for (int i = 0; i < out.indicators_size(); ++i) {
    out.mutable_indicators(i)->set_points_possible(score.indicators[i].possible);
    out.mutable_indicators(i)->set_points_earned(score.indicators[i].earned);
  }
  budget->set_points_possible(score.budget.possible);
  budget->set_points_earned(score.budget.earned);
  out.set_score(score.score);
  out.set_grade(score.grade);
  out.set_status(overall == v1::PROGRESS_STATUS_UNSPECIFIED ? v1::NO_DATA : overall);
  return out;
}

}  // namespace targetwatch
