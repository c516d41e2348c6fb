#ifndef TARGETWATCH_SERVICES_PROGRESS_PROGRESS_H_
#define TARGETWATCH_SERVICES_PROGRESS_PROGRESS_H_

#include <functional>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "services/common/clock.h"
#include "services/progress/progress_calc.h"
#include "services/progress/progress_store.h"
#include "services/progress/project_source.h"
#include "targetwatch/v1/progress.pb.h"

namespace targetwatch {

// The progress service's operations without gRPC. A report is checked
// against the registry's project before anything is stored; each violation
// is INVALID_ARGUMENT (or FAILED_PRECONDITION for the budget) naming the
// field and why. UNAVAILABLE when the registry or Redis is down, with
// nothing stored. Thread-safe.
class Progress {
 public:
  // Called after each accepted report (not for replays), with the project
  // name and its new version.
  using OnChange = std::function<void(const std::string& project, int64_t version)>;

  Progress(ProjectSource& projects, ProgressStore& store, const Clock& clock,
           CalcOptions options, OnChange on_change = nullptr);

  absl::StatusOr<v1::Measurement> ReportMeasurement(
      const v1::ReportMeasurementRequest& request);
  absl::StatusOr<v1::MilestoneReport> ReportMilestone(
      const v1::ReportMilestoneRequest& request);
  absl::StatusOr<v1::Disbursement> ReportDisbursement(
      const v1::ReportDisbursementRequest& request);
  absl::StatusOr<v1::Outage> ReportOutage(const v1::ReportOutageRequest& request);

  absl::StatusOr<v1::ProjectProgress> GetProjectProgress(
      const v1::GetProjectProgressRequest& request);
  // The dashboard: summaries kept up to date as reports arrive (and by
  // RefreshSummaries as time passes); filter on department, district,
  // status, fiscal_year.
  absl::StatusOr<v1::ListProjectProgressResponse> ListProjectProgress(
      const v1::ListProjectProgressRequest& request);
  // Recomputes the summary of every project in the registry (projects
  // without reports too). Returns how many were written.
  absl::StatusOr<int> RefreshSummaries();
  // Recomputes one project's summary now.
  absl::Status RefreshSummary(const std::string& project_id);

  // As of the end of the planned period (of the fiscal year) unless asked.
  absl::StatusOr<v1::SelfEvaluation> GetSelfEvaluation(
      const v1::GetSelfEvaluationRequest& request);

  // How far ahead of the clock a report's time may be (clock skew).
  static constexpr absl::Duration kAllowedSkew = absl::Minutes(5);

 private:
  // Checks the common fields; fills the time with now when unset.
  absl::Status CheckContext(v1::ReportContext* context, absl::Time now) const;
  absl::StatusOr<ProgressStore::Outcome> Store(ProgressStore::Report report,
                                               const std::string& project_name);
  // The answer already given to the context's request id, if any.
  template <typename T>
  absl::StatusOr<std::optional<T>> Replayed(const std::string& project_id,
                                            const v1::ReportContext& context);
  // Stores `record` as `report` (answered again to a retry) and returns
  // what the call answers: `record`, or the first answer when replayed.
  template <typename T>
  absl::StatusOr<T> Save(ProgressStore::Report report, const T& record,
                         const v1::ReportContext& context, const std::string& project_name);

  ProjectSource& projects_;
  ProgressStore& store_;
  const Clock& clock_;
  const CalcOptions options_;
  OnChange on_change_;
};

}  // namespace targetwatch

#endif  // TARGETWATCH_SERVICES_PROGRESS_PROGRESS_H_
