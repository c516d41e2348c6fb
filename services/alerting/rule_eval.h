#ifndef TARGETWATCH_SERVICES_ALERTING_RULE_EVAL_H_
#define TARGETWATCH_SERVICES_ALERTING_RULE_EVAL_H_

// Which alert conditions hold for a project at a moment. Pure: no I/O.

#include <map>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "targetwatch/v1/alerting.pb.h"
#include "targetwatch/v1/progress.pb.h"

namespace targetwatch {

// One condition that holds: it becomes (or keeps) the alert of its
// fingerprint.
struct Condition {
  std::string rule;  // rules/{rule}
  std::map<std::string, std::string> labels;
  std::map<std::string, std::string> annotations;
  v1::Severity severity = v1::WARNING;
  double value = 0;
  std::string fingerprint;  // of rule and labels
};

// The rules that hold for every project without configuration.
std::vector<v1::Rule> BuiltinRules();

// What the rules do not see in the progress itself.
struct ProjectFacts {
  std::vector<std::string> districts;
};

// Every condition of `rules` holding for the project at `now`. Disabled
// rules and rules whose scope does not match are skipped.
std::vector<Condition> Evaluate(const std::vector<v1::Rule>& rules,
                                const v1::ProjectProgress& progress,
                                const ProjectFacts& facts, absl::Time now);

// A stable fingerprint of rule and labels (16 hex digits).
std::string Fingerprint(const std::string& rule,
                        const std::map<std::string, std::string>& labels);

// Fills {{name}} from `values`; unknown names are left as they are.
std::string RenderTemplate(const std::string& text,
                           const std::map<std::string, std::string>& values);

}  // namespace targetwatch

#endif  // TARGETWATCH_SERVICES_ALERTING_RULE_EVAL_H_
