#ifndef TARGETWATCH_SERVICES_PROGRESS_PROGRESS_CALC_H_
#define TARGETWATCH_SERVICES_PROGRESS_PROGRESS_CALC_H_

// Where a project stands at a moment, from its plan (the registry's
// project) and what districts reported. Pure: no I/O.

#include <map>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "services/tables/scoring.h"
#include "targetwatch/v1/progress.pb.h"
#include "targetwatch/v1/registry.pb.h"

namespace targetwatch {

// The reports of one project that matter at a moment.
struct ProjectReports {
  // The latest measurement of each indicator (by name) valid at the moment.
  std::map<std::string, v1::Measurement> latest;
  // Money paid by the moment (payment dates up to its day).
  int64_t disbursed_fen = 0;
  // Completion dates reported per milestone name.
  std::map<std::string, v1::Date> milestones_done;
  // Every outage of the project (the calculation clips them to windows).
  std::vector<v1::Outage> outages;
  int64_t version = 0;
};

struct CalcOptions {
  absl::TimeZone zone = absl::FixedTimeZone(8 * 3600);  // dates are local
  tables::ScoringConfig scoring;
  // How far behind plan (percentage points) is still ON_TRACK, and from
  // where it is OFF_TRACK rather than AT_RISK.
  double on_track_lag = 5;
  double off_track_lag = 15;
};

// The planned share (0-100) of the current-year budget paid by `at`: the
// project's disbursement checkpoints, linear between them from 0 at
// planned_start; without checkpoints, linear from planned_start to the end
// of planned_end (the fiscal year when the dates are missing).
double PlannedPercent(const v1::Project& project, absl::Time at,
                      absl::TimeZone zone);

// The share of the planned period elapsed at `at`, 0-1.
double ElapsedFraction(const v1::Project& project, absl::Time at,
                       absl::TimeZone zone);

// Availability (0-100) of `service` over [from, to) given its outages.
double Availability(const std::vector<v1::Outage>& outages,
                    const std::string& service, absl::Time from, absl::Time to);

v1::ProjectProgress ComputeProgress(const v1::Project& project,
                                    const ProjectReports& reports,
                                    absl::Time as_of, const CalcOptions& options);

}  // namespace targetwatch

#endif  // TARGETWATCH_SERVICES_PROGRESS_PROGRESS_CALC_H_
