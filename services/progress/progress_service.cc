#include "services/progress/progress_service.h"

#include "services/common/grpc_status.h"
#include "services/common/resource_name.h"
#include "services/progress/watch_reactor.h"
#include "services/server/blocking_call.h"

namespace targetwatch {

grpc::ServerUnaryReactor* ProgressServiceImpl::ReportMeasurement(
    Ctx* ctx, const v1::ReportMeasurementRequest* q, v1::Measurement* r) {
  return Answer(ctx, workers_, r, [this, q] { return progress_.ReportMeasurement(*q); });
}

grpc::ServerUnaryReactor* ProgressServiceImpl::ReportMilestone(
    Ctx* ctx, const v1::ReportMilestoneRequest* q, v1::MilestoneReport* r) {
  return Answer(ctx, workers_, r, [this, q] { return progress_.ReportMilestone(*q); });
}

grpc::ServerUnaryReactor* ProgressServiceImpl::ReportDisbursement(
    Ctx* ctx, const v1::ReportDisbursementRequest* q, v1::Disbursement* r) {
  return Answer(ctx, workers_, r, [this, q] { return progress_.ReportDisbursement(*q); });
}

grpc::ServerUnaryReactor* ProgressServiceImpl::ReportOutage(
    Ctx* ctx, const v1::ReportOutageRequest* q, v1::Outage* r) {
  return Answer(ctx, workers_, r, [this, q] { return progress_.ReportOutage(*q); });
}

grpc::ServerUnaryReactor* ProgressServiceImpl::GetProjectProgress(
    Ctx* ctx, const v1::GetProjectProgressRequest* q, v1::ProjectProgress* r) {
  return Answer(ctx, workers_, r, [this, q] { return progress_.GetProjectProgress(*q); });
}

grpc::ServerUnaryReactor* ProgressServiceImpl::GetSelfEvaluation(
    Ctx* ctx, const v1::GetSelfEvaluationRequest* q, v1::SelfEvaluation* r) {
  return Answer(ctx, workers_, r, [this, q] { return progress_.GetSelfEvaluation(*q); });
}

grpc::ServerUnaryReactor* ProgressServiceImpl::ListProjectProgress(
    Ctx* ctx, const v1::ListProjectProgressRequest* q, v1::ListProjectProgressResponse* r) {
  return Answer(ctx, workers_, r, [this, q] { return progress_.ListProjectProgress(*q); });
}

grpc::ServerWriteReactor<v1::ProjectProgress>* ProgressServiceImpl::WatchProgress(
    Ctx*, const v1::WatchProgressRequest* q) {
  absl::StatusOr<std::vector<std::string>> ids = ParseName(q->name(), "projects/*", "name");
  if (!ids.ok()) {
    // A reactor that only reports the error.
    class Refusal final : public grpc::ServerWriteReactor<v1::ProjectProgress> {
     public:
      explicit Refusal(const grpc::Status& status) { Finish(status); }
      void OnDone() override { delete this; }
    };
    return new Refusal(ToGrpcStatus(ids.status()));
  }
  return new WatchReactor(progress_, workers_, watchers_, q->name(), (*ids)[0]);
}

}  // namespace targetwatch
