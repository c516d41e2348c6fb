// twctl: the command-line client of Targetwatch.
#include <iostream>
#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "tools/twctl/command.h"

namespace targetwatch::twctl {
namespace {

const Command kCommands[] = {
    {"health", "[--wait=SECONDS]",
     "show whether registry, progress and alerting are SERVING", RunHealth},
    {"table parse", "FILE [--json]",
     "read target tables offline (no server) and print what was understood",
     RunTableParse},
    {"import", "FILE [--dry-run] [--request-id ID] [--json]",
     "import target tables into the registry (--dry-run: show, write nothing)",
     RunImport},
    {"projects list",
     "[--year Y] [--department D] [--district D] [--category C] [--json]",
     "list projects", RunProjectsList},
    {"projects get", "NAME [--json]", "show one project", RunProjectsGet},
    {"indicators list", "PROJECT [--json]", "list a project's indicators",
     RunIndicatorsList},
    {"milestones list", "PROJECT [--json]", "list a project's milestones",
     RunMilestonesList},
    {"milestones create", "PROJECT --title T --due YYYY-MM-DD [--district D]",
     "add a milestone", RunMilestonesCreate},
    {"milestones update",
     "NAME [--title T] [--due D] [--done D] [--district D] [--etag E]",
     "change a milestone", RunMilestonesUpdate},
    {"report measurement",
     "--indicator NAME (--value V | --grade G) --district D [--at RFC3339] "
     "[--note TEXT] [--request-id ID]",
     "report an indicator's value or grade", RunReportMeasurement},
    {"report milestone", "--milestone NAME --done YYYY-MM-DD --district D",
     "report a milestone done", RunReportMilestone},
    {"report disbursement",
     "--project NAME --amount-yuan N --date YYYY-MM-DD --district D [--voucher REF]",
     "report money paid out", RunReportDisbursement},
    {"report outage",
     "--project NAME --service NAME --start RFC3339 [--end RFC3339] --district D",
     "report an outage of a monitored service (--outage NAME --end T closes one)",
     RunReportOutage},
    {"status", "PROJECT [--as-of RFC3339] [--json] | --all [--department D] [--state S]",
     "where a project stands (indicators, budget, milestones, services, score);"
     " --all: every project's dashboard line",
     RunStatus},
    {"watch", "PROJECT [--json]",
     "print the project's progress now and after every change (Ctrl-C stops)", RunWatch},
    {"alerts list", "[--state firing|pending|resolved] [--severity S] [--project P] [--json]",
     "list alerts", RunAlertsList},
    {"alerts ack", "ALERT --note TEXT [--by NAME]", "acknowledge an alert", RunAlertsAck},
    {"alerts history", "ALERT [--json]", "an alert's transitions", RunAlertsHistory},
    {"alerts watch", "[--state S] [--project P] [--json]",
     "print alert changes as they happen (Ctrl-C stops)", RunAlertsWatch},
    {"silences add",
     "--match label=value[,label!=value] (--hours N | --until RFC3339) --comment TEXT",
     "silence notifications of matching alerts (they still list)", RunSilencesAdd},
    {"silences list", "[--all] [--json]", "active silences (--all: expired too)",
     RunSilencesList},
    {"silences expire", "SILENCE", "end a silence now", RunSilencesExpire},
    {"receivers add",
     "--url URL [--group-by L,L] [--group-wait 30s] [--group-interval 5m] "
     "[--repeat-interval 4h] [--send-resolved]",
     "add a webhook receiver (Alertmanager's format)", RunReceiversAdd},
    {"receivers list", "[--json]", "webhook receivers", RunReceiversList},
    {"receivers delete", "RECEIVER", "remove a webhook receiver", RunReceiversDelete},
    {"rules list", "[--json]", "the alert rules (built-in and custom)", RunRulesList},
    {"rules create",
     "--type TYPE [--threshold N] [--severity S] [--for 10m] [--keep-firing-for 5m] "
     "[--project P] [--department D] [--district D] [--name N] [--summary TEMPLATE]",
     "add a custom alert rule", RunRulesCreate},
    {"rules delete", "RULE", "delete a custom alert rule", RunRulesDelete},
    {"selfeval", "PROJECT [--format csv|json|markdown] [--as-of RFC3339]",
     "the year-end self-evaluation table (自评表)", RunSelfEval},
};

// Switches (flags without a value) any command may take.
const std::vector<std::string> kSwitches = {"help", "json", "dry-run", "all",
                                            "allow-over-budget", "send-resolved"};

void PrintHelp(std::ostream& out) {
  out << "twctl: the Targetwatch command-line client\n\n"
         "Usage: twctl COMMAND [ARGS] [FLAGS]\n\nCommands:\n";
  for (const Command& command : kCommands) {
    out << "  twctl " << command.name << " " << command.usage << "\n      "
        << command.summary << "\n";
  }
  out << "\nServer addresses: --registry=host:port (or TW_REGISTRY, default "
         "127.0.0.1:7001),\n  --progress (TW_PROGRESS, :7002), --alerting "
         "(TW_ALERTING, :7003).\n"
         "Exit codes: 0 done, 1 refused or failed, 2 bad usage, 3 server "
         "unreachable.\n";
}

int Main(int argc, char** argv) {
  std::vector<std::string> argv_words(argv + 1, argv + argc);
  absl::StatusOr<CliArgs> args = ParseCliArgs(argv_words, kSwitches);
  if (!args.ok()) {
    std::cerr << "twctl: " << args.status().message() << "\n";
    return kExitUsage;
  }
  if (args->words.empty()) {
    PrintHelp(args->Has("help") ? std::cout : std::cerr);
    return args->Has("help") ? kExitOk : kExitUsage;
  }
  // The longest command name that the words start with wins.
  const Command* best = nullptr;
  size_t best_words = 0;
  for (const Command& command : kCommands) {
    std::vector<std::string> name = absl::StrSplit(command.name, ' ');
    if (name.size() <= args->words.size() && name.size() > best_words &&
        std::equal(name.begin(), name.end(), args->words.begin())) {
      best = &command;
      best_words = name.size();
    }
  }
  if (best == nullptr) {
    std::cerr << "twctl: unknown command \"" << args->words[0]
              << "\"; see twctl --help\n";
    return kExitUsage;
  }
  if (args->Has("help")) {
    std::cout << "twctl " << best->name << " " << best->usage << "\n  "
              << best->summary << "\n";
    return kExitOk;
  }
  CliArgs rest = *args;
  rest.words.erase(rest.words.begin(), rest.words.begin() + best_words);
  return best->run(rest);
}

}  // namespace
}  // namespace targetwatch::twctl

int main(int argc, char** argv) { return targetwatch::twctl::Main(argc, argv); }
