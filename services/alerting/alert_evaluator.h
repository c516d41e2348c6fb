#ifndef TARGETWATCH_SERVICES_ALERTING_ALERT_EVALUATOR_H_
#define TARGETWATCH_SERVICES_ALERTING_ALERT_EVALUATOR_H_

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "grpcpp/channel.h"
#include "services/alerting/alert_store.h"
#include "services/common/clock.h"
#include "targetwatch/v1/progress.grpc.pb.h"

namespace targetwatch {

// Where alerting reads how projects stand.
class ProgressSource {
 public:
  virtual ~ProgressSource() = default;
  virtual absl::StatusOr<v1::ProjectProgress> GetProgress(const std::string& project) = 0;
  virtual absl::StatusOr<std::vector<std::string>> ListProjects() = 0;
};

// ProgressSource over the progress service's gRPC API.
class ProgressClient final : public ProgressSource {
 public:
  explicit ProgressClient(std::shared_ptr<grpc::Channel> progress);
  absl::StatusOr<v1::ProjectProgress> GetProgress(const std::string& project) override;
  absl::StatusOr<std::vector<std::string>> ListProjects() override;

 private:
  std::unique_ptr<v1::ProgressService::Stub> stub_;
};

// Evaluates rules on a project's progress (read once per evaluation) and
// moves its alerts through their lifecycle in the store. Runs on events
// (NotifyProjectChanged) and on a periodic sweep, since time alone makes
// milestones overdue and reports stale. Several replicas may evaluate the
// same project at once: the store's compare-and-set lets one apply each
// step. Thread-safe.
class AlertEvaluator {
 public:
  // `rules` gives the rules in force (read at each evaluation, so rule
  // changes apply at once).
  using RulesFn = std::function<absl::StatusOr<std::vector<v1::Rule>>()>;
  AlertEvaluator(ProgressSource& progress, AlertStore& store, const Clock& clock,
                 RulesFn rules);

  absl::Status EvaluateProject(const std::string& project);
  // Every project; returns how many were evaluated.
  absl::StatusOr<int> Sweep();

 private:
  ProgressSource& progress_;
  AlertStore& store_;
  const Clock& clock_;
  const RulesFn rules_;
};

}  // namespace targetwatch

#endif  // TARGETWATCH_SERVICES_ALERTING_ALERT_EVALUATOR_H_
