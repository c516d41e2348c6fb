#include "services/tables/scoring.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace targetwatch::tables {
namespace {

Judgement FromShare(bool met, double share) {
  Judgement j;
  j.met = met;
  j.share = std::clamp(share, 0.0, 1.0);
  j.status = met                     ? v1::MET
             : j.share >= kAmberShare ? v1::AT_RISK
                                      : v1::OFF_TRACK;
  return j;
}

Judgement HigherIsBetter(double target, double actual) {
  if (actual >= target) return FromShare(true, 1);
  return FromShare(false, target > 0 ? actual / target : 0);
}

}  // namespace

absl::StatusOr<Judgement> JudgeValue(const v1::Target& target, double actual) {
  if (target.kind() == v1::QUALITATIVE) {
    return absl::InvalidArgumentError(absl::StrCat(
        "target \"", target.raw(), "\" is qualitative: report a grade"));
  }
  if (!std::isfinite(actual)) {
    return absl::InvalidArgumentError("actual value must be a finite number");
  }
  const double t = target.value();
  switch (target.comparator()) {
    case v1::LE:
    case v1::LT: {
      bool met = target.comparator() == v1::LE ? actual <= t : actual < t;
      if (met || actual <= t) return FromShare(met, 1);
      if (t <= 0) return FromShare(false, 0);
      if (actual >= 2 * t) return FromShare(false, 0);
      return FromShare(false, 1 - (actual - t) / t);
    }
    case v1::EQ:
      if (t == 0) return FromShare(actual == 0, actual == 0 ? 1 : 0);
      return HigherIsBetter(t, actual);
    case v1::GT:
      if (actual > t) return FromShare(true, 1);
      return FromShare(false, t > 0 ? std::min(actual / t, 1.0) : 0);
    default:  // GE, and a bare value typed as GE
      return HigherIsBetter(t, actual);
  }
}

absl::StatusOr<Judgement> JudgeGrade(const v1::Target& target, v1::Grade grade,
                                     std::optional<double> percent) {
  if (target.kind() != v1::QUALITATIVE) {
    return absl::InvalidArgumentError(absl::StrCat(
        "target \"", target.raw(), "\" is numeric: report a value"));
  }
  double low = 0;
  double high = 0;
  switch (grade) {
    case v1::ACHIEVED:
      low = 80, high = 100;
      break;
    case v1::PARTIALLY_ACHIEVED:
      low = 60, high = 80;
      break;
    case v1::NOT_ACHIEVED:
      low = 0, high = 60;
      break;
    default:
      return absl::InvalidArgumentError("grade: must be 达成, 部分达成 or 未达成");
  }
  double p = percent.value_or(high);
  if (!std::isfinite(p) || p < low || p > high) {
    return absl::InvalidArgumentError(
        absl::StrCat("grade_percent: ", p, " is outside the grade's band ",
                     low, "-", high));
  }
  return FromShare(grade == v1::ACHIEVED, p / 100);
}

ScoreGroup GroupOf(absl::string_view level1, absl::string_view level2) {
  if (absl::StrContains(level1, "满意度") || absl::StrContains(level2, "满意度")) {
    return ScoreGroup::kSatisfaction;
  }
  if (absl::StrContains(level1, "产出") || absl::StrContains(level1, "成本")) {
    return ScoreGroup::kOutput;
  }
  if (absl::StrContains(level1, "效果") || absl::StrContains(level1, "效益") ||
      absl::StrContains(level1, "影响")) {
    return ScoreGroup::kEffect;
  }
  return ScoreGroup::kUnscored;
}

v1::ScoreGrade GradeOf(double score) {
  if (score >= 90) return v1::EXCELLENT;
  if (score >= 80) return v1::GOOD;
  if (score >= 60) return v1::FAIR;
  return v1::POOR;
}

ProjectScore ScoreProject(const std::vector<ScoredIndicator>& indicators,
                          double budget_share, const ScoringConfig& config) {
  const ScoreGroup kGroups[] = {ScoreGroup::kOutput, ScoreGroup::kEffect,
                                ScoreGroup::kSatisfaction};
  auto group_points = [&config](ScoreGroup g) {
    switch (g) {
      case ScoreGroup::kOutput:
        return config.output_points;
      case ScoreGroup::kEffect:
        return config.effect_points;
      case ScoreGroup::kSatisfaction:
        return config.satisfaction_points;
      default:
        return 0.0;
    }
  };

  ProjectScore result;
  result.indicators.resize(indicators.size());
  result.budget.possible = config.budget_points;
  result.budget.earned = config.budget_points * std::clamp(budget_share, 0.0, 1.0);
  double earned = result.budget.earned;
  double possible = config.budget_points;

  for (ScoreGroup group : kGroups) {
    double total_weight = 0;
    int members = 0;
    bool weighted = false;
    for (const ScoredIndicator& ind : indicators) {
      if (ind.group != group) continue;
      ++members;
      total_weight += ind.weight;
      weighted = weighted || ind.weight > 0;
    }
    if (members == 0) continue;
    const double points = group_points(group);
    possible += points;
    for (size_t i = 0; i < indicators.size(); ++i) {
      const ScoredIndicator& ind = indicators[i];
      if (ind.group != group) continue;
      double part = weighted ? (total_weight > 0 ? ind.weight / total_weight : 0)
                             : 1.0 / members;
      result.indicators[i].possible = points * part;
      result.indicators[i].earned =
          points * part * std::clamp(ind.share, 0.0, 1.0);
      earned += result.indicators[i].earned;
    }
  }
  result.possible = possible;
  result.score = possible > 0 ? earned * 100 / possible : 0;
  result.grade = GradeOf(result.score);
  return result;
}

}  // namespace targetwatch::tables
