#include "services/alerting/alert_evaluator.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "services/alerting/rule_eval.h"
#include "services/common/grpc_status.h"
#include "services/common/log.h"
#include "services/common/status_macros.h"

namespace targetwatch {

ProgressClient::ProgressClient(std::shared_ptr<grpc::Channel> progress)
    : stub_(v1::ProgressService::NewStub(std::move(progress))) {}

absl::StatusOr<v1::ProjectProgress> ProgressClient::GetProgress(const std::string& project) {
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(5)));
  v1::GetProjectProgressRequest request;
  request.set_name(project);
  v1::ProjectProgress progress;
  grpc::Status status = stub_->GetProjectProgress(&context, request, &progress);
  if (!status.ok()) return FromGrpcStatus(status);
  return progress;
}

absl::StatusOr<std::vector<std::string>> ProgressClient::ListProjects() {
  std::vector<std::string> projects;
  v1::ListProjectProgressRequest request;
  request.set_page_size(1000);
  do {
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(5)));
    v1::ListProjectProgressResponse page;
    grpc::Status status = stub_->ListProjectProgress(&context, request, &page);
    if (!status.ok()) return FromGrpcStatus(status);
    for (const auto& s : page.summaries()) projects.push_back(s.project());
    request.set_page_token(page.next_page_token());
  } while (!request.page_token().empty());
  return projects;
}

AlertEvaluator::AlertEvaluator(ProgressSource& progress, AlertStore& store, const Clock& clock,
                               RulesFn rules)
    : progress_(progress), store_(store), clock_(clock), rules_(std::move(rules)) {}

absl::Status AlertEvaluator::EvaluateProject(const std::string& project) {
  ASSIGN_OR_RETURN(std::vector<v1::Rule> rules, rules_());
  std::map<std::string, const v1::Rule*> by_name;
  for (const v1::Rule& rule : rules) by_name[rule.name()] = &rule;
  const v1::Rule fallback;  // for alerts whose rule is gone: they resolve
  auto rule_of = [&](const std::string& name) -> const v1::Rule& {
    auto it = by_name.find(name);
    return it == by_name.end() ? fallback : *it->second;
  };
  absl::StatusOr<v1::ProjectProgress> progress = progress_.GetProgress(project);
  std::vector<Condition> conditions;
  if (progress.ok()) {
    ProjectFacts facts{{progress->districts().begin(), progress->districts().end()}};
    conditions = Evaluate(rules, *progress, facts, clock_.Now());
  } else if (!absl::IsNotFound(progress.status())) {
    return progress.status();  // no evaluation rather than a wrong one
  }
  ASSIGN_OR_RETURN(std::vector<v1::Alert> existing, store_.OfProject(project));
  std::map<std::string, const Condition*> holding;
  for (const Condition& c : conditions) holding[c.fingerprint] = &c;
  std::map<std::string, v1::Alert> current;
  for (v1::Alert& a : existing) current[a.fingerprint()] = std::move(a);
  std::set<std::string> fingerprints;
  for (const auto& [fp, c] : holding) fingerprints.insert(fp);
  for (const auto& [fp, a] : current) fingerprints.insert(fp);

  const absl::Time now = clock_.Now();
  for (const std::string& fp : fingerprints) {
    const Condition* condition = holding.count(fp) ? holding[fp] : nullptr;
    std::optional<v1::Alert> alert;
    if (current.count(fp)) alert = current[fp];
    for (int attempt = 0; attempt < 2; ++attempt) {
      const v1::Rule& rule = rule_of(condition ? condition->rule : alert ? alert->rule() : "");
      AlertStep step = Advance(alert, condition, rule, now);
      if (!step.changed) break;
      absl::Status applied = store_.Apply(step, alert ? alert->version() : 0, project);
      if (applied.ok()) break;
      if (!absl::IsAborted(applied)) return applied;
      // Another replica moved it: look again once; if it moved again,
      // that replica is on it.
      ASSIGN_OR_RETURN(alert, store_.Get(fp));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<int> AlertEvaluator::Sweep() {
  ASSIGN_OR_RETURN(std::vector<std::string> projects, progress_.ListProjects());
  int evaluated = 0;
  for (const std::string& project : projects) {
    absl::Status s = EvaluateProject(project);
    if (s.ok()) {
      ++evaluated;
    } else {
      LogWarning("evaluation of ", project, " failed: ", s.message());
    }
  }
  return evaluated;
}

}  // namespace targetwatch
