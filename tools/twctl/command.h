#ifndef TARGETWATCH_TOOLS_TWCTL_COMMAND_H_
#define TARGETWATCH_TOOLS_TWCTL_COMMAND_H_

#include <string>

#include "tools/twctl/cli_args.h"

namespace targetwatch::twctl {

// Exit codes: 0 done, 1 the server or the input said no, 2 bad usage,
// 3 a server could not be reached.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitUnavailable = 3;

// One twctl command ("health", "table parse", ...).
struct Command {
  const char* name;     // the words that select it
  const char* usage;    // the rest of the command line
  const char* summary;  // one line for `twctl --help`
  int (*run)(const CliArgs& args);  // args.words without the name
};

// twctl health
int RunHealth(const CliArgs& args);
// twctl table parse FILE [--json]
int RunTableParse(const CliArgs& args);

// Registry commands.
int RunImport(const CliArgs& args);
int RunProjectsList(const CliArgs& args);
int RunProjectsGet(const CliArgs& args);
int RunIndicatorsList(const CliArgs& args);
int RunMilestonesList(const CliArgs& args);
int RunMilestonesCreate(const CliArgs& args);
int RunMilestonesUpdate(const CliArgs& args);

// Progress commands.
int RunReportMeasurement(const CliArgs& args);
int RunReportMilestone(const CliArgs& args);
int RunReportDisbursement(const CliArgs& args);
int RunReportOutage(const CliArgs& args);
int RunStatus(const CliArgs& args);
int RunSelfEval(const CliArgs& args);
int RunWatch(const CliArgs& args);

// Alerting commands.
int RunAlertsList(const CliArgs& args);
int RunAlertsAck(const CliArgs& args);
int RunAlertsHistory(const CliArgs& args);
int RunRulesList(const CliArgs& args);
int RunReceiversAdd(const CliArgs& args);
int RunReceiversList(const CliArgs& args);
int RunReceiversDelete(const CliArgs& args);
int RunAlertsWatch(const CliArgs& args);
int RunSilencesAdd(const CliArgs& args);
int RunSilencesList(const CliArgs& args);
int RunSilencesExpire(const CliArgs& args);
int RunRulesCreate(const CliArgs& args);
int RunRulesDelete(const CliArgs& args);

}  // namespace targetwatch::twctl

#endif  // TARGETWATCH_TOOLS_TWCTL_COMMAND_H_
