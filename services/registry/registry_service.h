#ifndef TARGETWATCH_SERVICES_REGISTRY_REGISTRY_SERVICE_H_
#define TARGETWATCH_SERVICES_REGISTRY_REGISTRY_SERVICE_H_

#include "services/common/worker_pool.h"
#include "services/registry/registry.h"
#include "targetwatch/v1/registry.grpc.pb.h"

namespace targetwatch {

// The registry's gRPC handlers: each hands its request to Registry (or the
// table import) on the worker pool, since they block on Redis.
class RegistryServiceImpl final : public v1::RegistryService::CallbackService {
 public:
  // Both must outlive the service.
  RegistryServiceImpl(Registry& registry, WorkerPool& workers)
      : registry_(registry), workers_(workers) {}

  using Ctx = grpc::CallbackServerContext;
  using Reactor = grpc::ServerUnaryReactor;

  Reactor* GetProject(Ctx*, const v1::GetProjectRequest*, v1::Project*) override;
  Reactor* ListProjects(Ctx*, const v1::ListProjectsRequest*,
                        v1::ListProjectsResponse*) override;
  Reactor* CreateProject(Ctx*, const v1::CreateProjectRequest*, v1::Project*) override;
  Reactor* UpdateProject(Ctx*, const v1::UpdateProjectRequest*, v1::Project*) override;
  Reactor* DeleteProject(Ctx*, const v1::DeleteProjectRequest*,
                         v1::DeleteProjectResponse*) override;
  Reactor* GetIndicator(Ctx*, const v1::GetIndicatorRequest*, v1::Indicator*) override;
  Reactor* ListIndicators(Ctx*, const v1::ListIndicatorsRequest*,
                          v1::ListIndicatorsResponse*) override;
  Reactor* CreateIndicator(Ctx*, const v1::CreateIndicatorRequest*,
                           v1::Indicator*) override;
  Reactor* UpdateIndicator(Ctx*, const v1::UpdateIndicatorRequest*,
                           v1::Indicator*) override;
  Reactor* DeleteIndicator(Ctx*, const v1::DeleteIndicatorRequest*,
                           v1::DeleteIndicatorResponse*) override;
  Reactor* GetMilestone(Ctx*, const v1::GetMilestoneRequest*, v1::Milestone*) override;
  Reactor* ListMilestones(Ctx*, const v1::ListMilestonesRequest*,
                          v1::ListMilestonesResponse*) override;
  Reactor* CreateMilestone(Ctx*, const v1::CreateMilestoneRequest*,
                           v1::Milestone*) override;
  Reactor* UpdateMilestone(Ctx*, const v1::UpdateMilestoneRequest*,
                           v1::Milestone*) override;
  Reactor* DeleteMilestone(Ctx*, const v1::DeleteMilestoneRequest*,
                           v1::DeleteMilestoneResponse*) override;
  Reactor* ParseTargetTable(Ctx*, const v1::ParseTargetTableRequest*,
                            v1::ParseTargetTableResponse*) override;
  Reactor* ImportTargetTable(Ctx*, const v1::ImportTargetTableRequest*,
                             v1::ImportTargetTableResponse*) override;

 private:
  Registry& registry_;
  WorkerPool& workers_;
};

}  // namespace targetwatch

#endif  // TARGETWATCH_SERVICES_REGISTRY_REGISTRY_SERVICE_H_
