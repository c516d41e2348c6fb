#ifndef TARGETWATCH_SERVICES_PROGRESS_PROGRESS_SERVICE_H_
#define TARGETWATCH_SERVICES_PROGRESS_PROGRESS_SERVICE_H_

#include "services/common/worker_pool.h"
#include "services/progress/progress.h"
#include "services/progress/progress_watchers.h"
#include "targetwatch/v1/progress.grpc.pb.h"

namespace targetwatch {

// The progress service's gRPC handlers, run on the worker pool since they
// block on Redis and the registry; WatchProgress streams (WatchReactor).
class ProgressServiceImpl final : public v1::ProgressService::CallbackService {
 public:
  // Both must outlive the service.
  // `watchers` hears of changes (see ProgressWatchers); all must outlive
  // the service.
  ProgressServiceImpl(Progress& progress, WorkerPool& workers, ProgressWatchers& watchers)
      : progress_(progress), workers_(workers), watchers_(watchers) {}

  using Ctx = grpc::CallbackServerContext;
  using Reactor = grpc::ServerUnaryReactor;

  Reactor* ReportMeasurement(Ctx*, const v1::ReportMeasurementRequest*,
                             v1::Measurement*) override;
  Reactor* ReportMilestone(Ctx*, const v1::ReportMilestoneRequest*,
                           v1::MilestoneReport*) override;
  Reactor* ReportDisbursement(Ctx*, const v1::ReportDisbursementRequest*,
                              v1::Disbursement*) override;
  Reactor* ReportOutage(Ctx*, const v1::ReportOutageRequest*, v1::Outage*) override;
  Reactor* GetProjectProgress(Ctx*, const v1::GetProjectProgressRequest*,
                              v1::ProjectProgress*) override;
  Reactor* GetSelfEvaluation(Ctx*, const v1::GetSelfEvaluationRequest*,
                             v1::SelfEvaluation*) override;
  Reactor* ListProjectProgress(Ctx*, const v1::ListProjectProgressRequest*,
                               v1::ListProjectProgressResponse*) override;
  grpc::ServerWriteReactor<v1::ProjectProgress>* WatchProgress(
      Ctx*, const v1::WatchProgressRequest*) override;

 private:
  Progress& progress_;
  WorkerPool& workers_;
  ProgressWatchers& watchers_;
};

}  // namespace targetwatch

#endif  // TARGETWATCH_SERVICES_PROGRESS_PROGRESS_SERVICE_H_
