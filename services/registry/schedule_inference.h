#ifndef TARGETWATCH_SERVICES_REGISTRY_SCHEDULE_INFERENCE_H_
#define TARGETWATCH_SERVICES_REGISTRY_SCHEDULE_INFERENCE_H_

// Proposes a schedule from a table's 项目实施计划 ("3月前，排定项目实施计划。
// ……11月，基本完成项目资金支付。"): a milestone per dated step, and a
// disbursement checkpoint where a step completes the payments. People edit
// the proposals afterwards; every proposal comes with a note saying so.

#include <string>
#include <vector>

#include "targetwatch/v1/registry.pb.h"

namespace targetwatch {

struct ProposedSchedule {
  std::vector<v1::Milestone> milestones;  // inferred = true, no names yet
  std::vector<v1::DisbursementCheckpoint> disbursement_plan;
  std::vector<std::string> notes;  // one per proposal, for the warnings
};

// Reads the project's narrative.implementation_plan for steps dated by a
// month of its fiscal year ("5月前", "8月底", "11月，"); day-dates such as
// "1月1日" are not steps. Nothing when the project has no fiscal year.
ProposedSchedule InferSchedule(const v1::Project& project);

}  // namespace targetwatch

#endif  // TARGETWATCH_SERVICES_REGISTRY_SCHEDULE_INFERENCE_H_
