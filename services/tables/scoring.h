#ifndef TARGETWATCH_SERVICES_TABLES_SCORING_H_
#define TARGETWATCH_SERVICES_TABLES_SCORING_H_

// How finance departments score actuals against targets in the year-end
// self-evaluation (自评). Pure functions; no I/O.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "targetwatch/v1/common.pb.h"

namespace targetwatch::tables {

struct Judgement {
  bool met = false;
  double share = 0;  // of the indicator's points earned, 0..1
  // MET; AT_RISK when not met but at least kAmberShare earned; OFF_TRACK.
  v1::ProgressStatus status = v1::PROGRESS_STATUS_UNSPECIFIED;
};

inline constexpr double kAmberShare = 0.8;

// A numeric actual against a NUMERIC or AVAILABILITY target:
// - higher-is-better: actual >= target earns all, else actual / target;
// - lower-is-better: actual <= target all; target < actual < 2 x target
//   1 - (actual - target) / target; from 2 x target nothing;
// - equals: a target of 0 earns only at 0; otherwise as higher-is-better.
// INVALID_ARGUMENT for a qualitative target or a non-finite actual.
absl::StatusOr<Judgement> JudgeValue(const v1::Target& target, double actual);

// A grade against a QUALITATIVE target: 达成 earns 80-100 % of the points,
// 部分达成 60-80 %, 未达成 0-60 %; `percent` picks the point inside the
// band (default: the band's top). INVALID_ARGUMENT when the percent lies
// outside the grade's band or the target is not qualitative.
absl::StatusOr<Judgement> JudgeGrade(const v1::Target& target, v1::Grade grade,
                                     std::optional<double> percent);

// The groups of the self-evaluation and their points.
enum class ScoreGroup { kBudget, kOutput, kEffect, kSatisfaction, kUnscored };

struct ScoringConfig {
  double budget_points = 10;        // 预算执行率
  double output_points = 50;        // 产出
  double effect_points = 30;        // 效果 / 效益, 影响力 included
  double satisfaction_points = 10;  // 满意度
};

// Which group an indicator scores in, from its level-1 and level-2 labels:
// 满意度 anywhere → satisfaction; 产出 / 成本 → output; 效果 / 效益 / 影响力 →
// effect; the rest (投入与管理) is not scored.
ScoreGroup GroupOf(absl::string_view level1, absl::string_view level2);

struct ScoredIndicator {
  ScoreGroup group = ScoreGroup::kUnscored;
  double weight = 0;  // 0: split the group's points evenly
  double share = 0;   // from JudgeValue / JudgeGrade; 0 without data
};

struct IndicatorPoints {
  double possible = 0;
  double earned = 0;
};

struct ProjectScore {
  double score = 0;  // out of the total of the groups that have indicators
  double possible = 0;
  v1::ScoreGrade grade = v1::SCORE_GRADE_UNSPECIFIED;
  std::vector<IndicatorPoints> indicators;  // parallel to the input
  IndicatorPoints budget;
};

// Splits each group's points over its indicators (by weight when any
// carries one, else evenly) and adds the budget execution share. A group
// without indicators is left out of the total, which is then scaled to 100,
// so a project is not marked down for a group its table does not have.
ProjectScore ScoreProject(const std::vector<ScoredIndicator>& indicators,
                          double budget_share, const ScoringConfig& config);

// 优 >= 90, 良 80-89, 中 60-79, 差 < 60.
v1::ScoreGrade GradeOf(double score);

}  // namespace targetwatch::tables

#endif  // TARGETWATCH_SERVICES_TABLES_SCORING_H_
