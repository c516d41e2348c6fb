#include "services/registry/registry_service.h"

#include "services/registry/table_import.h"
#include "services/server/blocking_call.h"

namespace targetwatch {

grpc::ServerUnaryReactor* RegistryServiceImpl::GetProject(
    Ctx* ctx, const v1::GetProjectRequest* q, v1::Project* r) {
  return Answer(ctx, workers_, r, [this, q] { return registry_.GetProject(*q); });
}

grpc::ServerUnaryReactor* RegistryServiceImpl::ListProjects(
    Ctx* ctx, const v1::ListProjectsRequest* q, v1::ListProjectsResponse* r) {
  return Answer(ctx, workers_, r, [this, q] { return registry_.ListProjects(*q); });
}

grpc::ServerUnaryReactor* RegistryServiceImpl::CreateProject(
    Ctx* ctx, const v1::CreateProjectRequest* q, v1::Project* r) {
  return Answer(ctx, workers_, r, [this, q] { return registry_.CreateProject(*q); });
}

grpc::ServerUnaryReactor* RegistryServiceImpl::UpdateProject(
    Ctx* ctx, const v1::UpdateProjectRequest* q, v1::Project* r) {
  return Answer(ctx, workers_, r, [this, q] { return registry_.UpdateProject(*q); });
}

grpc::ServerUnaryReactor* RegistryServiceImpl::DeleteProject(
    Ctx* ctx, const v1::DeleteProjectRequest* q, v1::DeleteProjectResponse* r) {
  return Answer(ctx, workers_, r, [this, q] { return registry_.DeleteProject(*q); });
}

grpc::ServerUnaryReactor* RegistryServiceImpl::GetIndicator(
    Ctx* ctx, const v1::GetIndicatorRequest* q, v1::Indicator* r) {
  return Answer(ctx, workers_, r, [this, q] { return registry_.GetIndicator(*q); });
}

grpc::ServerUnaryReactor* RegistryServiceImpl::ListIndicators(
    Ctx* ctx, const v1::ListIndicatorsRequest* q, v1::ListIndicatorsResponse* r) {
  return Answer(ctx, workers_, r, [this, q] { return registry_.ListIndicators(*q); });
}

grpc::ServerUnaryReactor* RegistryServiceImpl::CreateIndicator(
    Ctx* ctx, const v1::CreateIndicatorRequest* q, v1::Indicator* r) {
  return Answer(ctx, workers_, r, [this, q] { return registry_.CreateIndicator(*q); });
}

grpc::ServerUnaryReactor* RegistryServiceImpl::UpdateIndicator(
    Ctx* ctx, const v1::UpdateIndicatorRequest* q, v1::Indicator* r) {
  return Answer(ctx, workers_, r, [this, q] { return registry_.UpdateIndicator(*q); });
}

grpc::ServerUnaryReactor* RegistryServiceImpl::DeleteIndicator(
    Ctx* ctx, const v1::DeleteIndicatorRequest* q, v1::DeleteIndicatorResponse* r) {
  return Answer(ctx, workers_, r, [this, q] { return registry_.DeleteIndicator(*q); });
}

grpc::ServerUnaryReactor* RegistryServiceImpl::GetMilestone(
    Ctx* ctx, const v1::GetMilestoneRequest* q, v1::Milestone* r) {
  return Answer(ctx, workers_, r, [this, q] { return registry_.GetMilestone(*q); });
}

grpc::ServerUnaryReactor* RegistryServiceImpl::ListMilestones(
    Ctx* ctx, const v1::ListMilestonesRequest* q, v1::ListMilestonesResponse* r) {
  return Answer(ctx, workers_, r, [this, q] { return registry_.ListMilestones(*q); });
}

grpc::ServerUnaryReactor* RegistryServiceImpl::CreateMilestone(
    Ctx* ctx, const v1::CreateMilestoneRequest* q, v1::Milestone* r) {
  return Answer(ctx, workers_, r, [this, q] { return registry_.CreateMilestone(*q); });
}

grpc::ServerUnaryReactor* RegistryServiceImpl::UpdateMilestone(
    Ctx* ctx, const v1::UpdateMilestoneRequest* q, v1::Milestone* r) {
  return Answer(ctx, workers_, r, [this, q] { return registry_.UpdateMilestone(*q); });
}

grpc::ServerUnaryReactor* RegistryServiceImpl::DeleteMilestone(
    Ctx* ctx, const v1::DeleteMilestoneRequest* q, v1::DeleteMilestoneResponse* r) {
  return Answer(ctx, workers_, r, [this, q] { return registry_.DeleteMilestone(*q); });
}

grpc::ServerUnaryReactor* RegistryServiceImpl::ParseTargetTable(
    Ctx* ctx, const v1::ParseTargetTableRequest* q, v1::ParseTargetTableResponse* r) {
  return Answer(ctx, workers_, r, [this, q] { return ParseTable(*q); });
}

grpc::ServerUnaryReactor* RegistryServiceImpl::ImportTargetTable(
    Ctx* ctx, const v1::ImportTargetTableRequest* q, v1::ImportTargetTableResponse* r) {
  return Answer(ctx, workers_, r, [this, q] { return ImportTable(registry_, *q); });
}

}  // namespace targetwatch
