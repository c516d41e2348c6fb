#ifndef TARGETWATCH_SERVICES_PROGRESS_SELF_EVALUATION_H_
#define TARGETWATCH_SERVICES_PROGRESS_SELF_EVALUATION_H_

// The year-end self-evaluation table (自评表) of a project.

#include <map>
#include <string>
#include <vector>

#include "targetwatch/v1/progress.pb.h"
#include "targetwatch/v1/registry.pb.h"

namespace targetwatch {

// Builds the table from the project's progress at the evaluation moment and
// the districts' deviation notes per indicator name.
v1::SelfEvaluation BuildSelfEvaluation(
    const v1::Project& project, const v1::ProjectProgress& progress,
    const std::map<std::string, std::vector<std::string>>& notes);

// The table as CSV (RFC 4180) or Markdown, for people and spreadsheets.
std::string SelfEvaluationCsv(const v1::SelfEvaluation& evaluation);
std::string SelfEvaluationMarkdown(const v1::SelfEvaluation& evaluation);

}  // namespace targetwatch

#endif  // TARGETWATCH_SERVICES_PROGRESS_SELF_EVALUATION_H_
