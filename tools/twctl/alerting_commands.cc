// twctl commands of the alerting service: alerts list, ack, history, rules.
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "services/common/clock.h"
#include "services/common/proto_time.h"
#include "targetwatch/v1/alerting.grpc.pb.h"
#include "tools/twctl/cli_values.h"
#include "tools/twctl/command.h"
#include "tools/twctl/rpc.h"

namespace targetwatch::twctl {
namespace {

std::unique_ptr<v1::AlertingService::Stub> Stub(const CliArgs& args) {
  return v1::AlertingService::NewStub(AlertingChannel(args));
}

std::string When(const google::protobuf::Timestamp& t) {
  if (t.seconds() == 0) return "-";
  return absl::FormatTime("%Y-%m-%d %H:%M", FromTimestamp(t), absl::FixedTimeZone(8 * 3600));
}

std::string Lower(const std::string& s) { return absl::AsciiStrToLower(s); }

}  // namespace

int RunAlertsList(const CliArgs& args) {
  if (!args.words.empty()) return Usage("alerts list [--state firing|pending|resolved] [--json]");
  v1::ListAlertsRequest request;
  std::vector<std::string> terms;
  if (auto state = args.Get("state")) terms.push_back("state=" + *state);
  if (auto severity = args.Get("severity")) terms.push_back("severity=" + *severity);
  if (auto project = args.Get("project")) terms.push_back("project=" + Qualify(*project, "projects"));
  request.set_filter(absl::StrJoin(terms, " AND "));
  v1::ListAlertsResponse all;
  auto stub = Stub(args);
  grpc::Status status = ForEachPage<v1::ListAlertsRequest, v1::ListAlertsResponse>(
      args, request,
      [&stub](auto* context, const auto& r, auto* page) { return stub->ListAlerts(context, r, page); },
      [&all](const v1::ListAlertsResponse& page) {
        for (const auto& a : page.alerts()) *all.add_alerts() = a;
      });
  if (!status.ok()) return Fail(status);
  if (args.Has("json")) {
    PrintJson(all);
    return kExitOk;
  }
  std::cout << "ALERT\tSTATE\tSEVERITY\tSINCE\tACK\tSUMMARY\n";
  for (const v1::Alert& a : all.alerts()) {
    auto summary = a.annotations().find("summary");
    std::cout << a.name() << "\t" << Lower(v1::AlertState_Name(a.state())) << "\t"
              << Lower(v1::Severity_Name(a.severity())) << "\t" << When(a.active_time()) << "\t"
              << (a.has_acknowledgement() ? a.acknowledgement().by() : "-") << "\t"
              << (summary != a.annotations().end() ? summary->second : a.rule()) << "\n";
  }
  std::cout << all.alerts_size() << " alert(s)\n";
  return kExitOk;
}

int RunAlertsAck(const CliArgs& args) {
  if (args.words.size() != 1) return Usage("alerts ack ALERT --note TEXT [--by NAME]");
  v1::AcknowledgeAlertRequest request;
  request.set_name(Qualify(args.words[0], "alerts"));
  const char* user = std::getenv("USER");
  request.set_by(args.GetOr("by", nullptr, user != nullptr ? user : "twctl"));
  request.set_note(args.GetOr("note", nullptr, ""));
  v1::Alert alert;
  auto context = CallContext(args);
  grpc::Status status = Stub(args)->AcknowledgeAlert(context.get(), request, &alert);
  if (!status.ok()) return Fail(status);
  if (args.Has("json")) {
    PrintJson(alert);
  } else {
    std::cout << "acknowledged " << alert.name() << " by " << alert.acknowledgement().by() << "\n";
  }
  return kExitOk;
}

int RunAlertsHistory(const CliArgs& args) {
  if (args.words.size() != 1) return Usage("alerts history ALERT [--json]");
  v1::ListAlertHistoryRequest request;
  request.set_name(Qualify(args.words[0], "alerts"));
  v1::ListAlertHistoryResponse response;
  auto context = CallContext(args);
  grpc::Status status = Stub(args)->ListAlertHistory(context.get(), request, &response);
  if (!status.ok()) return Fail(status);
  if (args.Has("json")) {
    PrintJson(response);
    return kExitOk;
  }
  for (const v1::AlertTransition& t : response.transitions()) {
    std::cout << When(t.time()) << "\t" << Lower(v1::AlertState_Name(t.from())) << " -> "
              << Lower(v1::AlertState_Name(t.to())) << "\t" << Lower(v1::Severity_Name(t.severity()))
              << absl::StrFormat("\tvalue %.2f\n", t.value());
  }
  return kExitOk;
}

int RunRulesList(const CliArgs& args) {
  v1::ListRulesRequest request;
  v1::ListRulesResponse response;
  auto context = CallContext(args);
  grpc::Status status = Stub(args)->ListRules(context.get(), request, &response);
  if (!status.ok()) return Fail(status);
  if (args.Has("json")) {
    PrintJson(response);
    return kExitOk;
  }
  std::cout << "RULE\tTYPE\tSEVERITY\tTHRESHOLD\tNAME\n";
  for (const v1::Rule& r : response.rules()) {
    std::cout << r.name() << "\t" << v1::RuleType_Name(r.type()) << "\t"
              << Lower(v1::Severity_Name(r.severity())) << "\t" << r.threshold() << "\t"
              << r.display_name() << "\n";
  }
  return kExitOk;
}

// twctl alerts watch: a line per alert change, until interrupted.
int RunAlertsWatch(const CliArgs& args) {
  v1::WatchAlertsRequest request;
  std::vector<std::string> terms;
  if (auto state = args.Get("state")) terms.push_back("state=" + *state);
  if (auto project = args.Get("project")) terms.push_back("project=" + Qualify(*project, "projects"));
  request.set_filter(absl::StrJoin(terms, " AND "));
  grpc::ClientContext context;
  auto stream = Stub(args)->WatchAlerts(&context, request);
  v1::AlertEvent event;
  while (stream->Read(&event)) {
    if (args.Has("json")) {
      PrintJson(event);
      std::cout << std::endl;
      continue;
    }
    const v1::Alert& a = event.alert();
    auto summary = a.annotations().find("summary");
    std::cout << When(a.update_time()) << "\t" << a.name() << "\t"
              << (event.has_transition()
                      ? absl::StrCat(Lower(v1::AlertState_Name(event.transition().from())), " -> ",
                                     Lower(v1::AlertState_Name(event.transition().to())))
                      : Lower(v1::AlertState_Name(a.state())))
              << "\t" << (summary != a.annotations().end() ? summary->second : a.rule())
              << std::endl;
  }
  grpc::Status status = stream->Finish();
  return status.ok() ? kExitOk : Fail(status);
}

// twctl silences add --match label=value ... --hours N --comment TEXT
int RunSilencesAdd(const CliArgs& args) {
  const char* usage =
      "silences add --match label=value[,label!=value...] (--hours N | --until RFC3339) "
      "--comment TEXT [--by NAME]";
  if (!args.words.empty() || !args.Has("match") || !args.Has("comment")) return Usage(usage);
  v1::CreateSilenceRequest request;
  v1::Silence* silence = request.mutable_silence();
  for (absl::string_view term : absl::StrSplit(*args.Get("match"), ',')) {
    v1::SilenceMatcher* m = silence->add_matchers();
    size_t ne = term.find("!=");
    size_t eq = term.find('=');
    if (eq == absl::string_view::npos) return Usage(usage);
    bool negate = ne != absl::string_view::npos && ne < eq;
    m->set_label(std::string(term.substr(0, negate ? ne : eq)));
    m->set_value(std::string(term.substr(eq + 1)));
    m->set_negate(negate);
  }
  absl::Time end;
  if (auto until = args.Get("until")) {
    absl::StatusOr<absl::Time> t = ParseRfc3339(*until, "--until");
    if (!t.ok()) return Usage(usage);
    end = *t;
  } else {
    double hours = 0;
    if (!absl::SimpleAtod(args.GetOr("hours", nullptr, "2"), &hours) || hours <= 0) {
      return Usage(usage);
    }
    end = absl::Now() + absl::Seconds(hours * 3600);
  }
  SetTimestamp(end, silence->mutable_end_time());
  const char* user = std::getenv("USER");
  silence->set_created_by(args.GetOr("by", nullptr, user != nullptr ? user : "twctl"));
  silence->set_comment(*args.Get("comment"));
  v1::Silence created;
  auto context = CallContext(args);
  grpc::Status status = Stub(args)->CreateSilence(context.get(), request, &created);
  if (!status.ok()) return Fail(status);
  std::cout << "created " << created.name() << " until " << When(created.end_time()) << "\n";
  return kExitOk;
}

int RunSilencesList(const CliArgs& args) {
  v1::ListSilencesRequest request;
  request.set_include_expired(args.Has("all"));
  v1::ListSilencesResponse response;
  auto context = CallContext(args);
  grpc::Status status = Stub(args)->ListSilences(context.get(), request, &response);
  if (!status.ok()) return Fail(status);
  if (args.Has("json")) {
    PrintJson(response);
    return kExitOk;
  }
  std::cout << "SILENCE\tUNTIL\tBY\tMATCHERS\tCOMMENT\n";
  for (const v1::Silence& s : response.silences()) {
    std::vector<std::string> matchers;
    for (const auto& m : s.matchers()) {
      matchers.push_back(absl::StrCat(m.label(), m.negate() ? "!=" : "=", m.value()));
    }
    std::cout << s.name() << "\t" << When(s.end_time()) << "\t" << s.created_by() << "\t"
              << absl::StrJoin(matchers, ",") << "\t" << s.comment() << "\n";
  }
  return kExitOk;
}

int RunSilencesExpire(const CliArgs& args) {
  if (args.words.size() != 1) return Usage("silences expire SILENCE");
  v1::ExpireSilenceRequest request;
  request.set_name(Qualify(args.words[0], "silences"));
  v1::Silence silence;
  auto context = CallContext(args);
  grpc::Status status = Stub(args)->ExpireSilence(context.get(), request, &silence);
  if (!status.ok()) return Fail(status);
  std::cout << "expired " << silence.name() << "\n";
  return kExitOk;
}

int RunReceiversAdd(const CliArgs& args) {
  const char* usage =
      "receivers add --url URL [--group-by label[,label]] [--group-wait 30s] "
      "[--group-interval 5m] [--repeat-interval 4h] [--timeout 5s] [--send-resolved]";
  if (!args.words.empty() || !args.Has("url")) return Usage(usage);
  v1::CreateReceiverRequest request;
  v1::Receiver* r = request.mutable_receiver();
  r->set_url(*args.Get("url"));
  r->set_send_resolved(args.Has("send-resolved"));
  for (absl::string_view label : absl::StrSplit(args.GetOr("group-by", nullptr, "department"), ',',
                                                absl::SkipEmpty())) {
    r->add_group_by(std::string(label));
  }
  for (const auto& [flag, field] :
       {std::pair{"group-wait", r->mutable_group_wait()},
        {"group-interval", r->mutable_group_interval()},
        {"repeat-interval", r->mutable_repeat_interval()}, {"timeout", r->mutable_timeout()}}) {
    if (auto value = args.Get(flag)) {
      absl::Duration d;
      if (!absl::ParseDuration(*value, &d) || d < absl::ZeroDuration()) {
        std::cerr << "twctl: --" << flag << ": a duration such as 30s, 5m or 4h\n";
        return kExitUsage;
      }
      field->set_seconds(absl::ToInt64Seconds(d));
    }
  }
  request.set_request_id(args.GetOr("request-id", nullptr, ""));
  v1::Receiver created;
  auto context = CallContext(args);
  grpc::Status status = Stub(args)->CreateReceiver(context.get(), request, &created);
  if (!status.ok()) return Fail(status);
  std::cout << "created " << created.name() << "\n";
  return kExitOk;
}

int RunReceiversList(const CliArgs& args) {
  v1::ListReceiversRequest request;
  v1::ListReceiversResponse response;
  auto context = CallContext(args);
  grpc::Status status = Stub(args)->ListReceivers(context.get(), request, &response);
  if (!status.ok()) return Fail(status);
  if (args.Has("json")) {
    PrintJson(response);
    return kExitOk;
  }
  std::cout << "RECEIVER\tURL\tGROUP BY\tWAIT\tINTERVAL\tREPEAT\n";
  for (const v1::Receiver& r : response.receivers()) {
    std::cout << r.name() << "\t" << r.url() << "\t" << absl::StrJoin(r.group_by(), ",") << "\t"
              << r.group_wait().seconds() << "s\t" << r.group_interval().seconds() << "s\t"
              << r.repeat_interval().seconds() << "s\n";
  }
  return kExitOk;
}

int RunReceiversDelete(const CliArgs& args) {
  if (args.words.size() != 1) return Usage("receivers delete RECEIVER");
  v1::DeleteReceiverRequest request;
  request.set_name(Qualify(args.words[0], "receivers"));
  v1::DeleteReceiverResponse response;
  auto context = CallContext(args);
  grpc::Status status = Stub(args)->DeleteReceiver(context.get(), request, &response);
  if (!status.ok()) return Fail(status);
  std::cout << "deleted " << request.name() << "\n";
  return kExitOk;
}

int RunRulesCreate(const CliArgs& args) {
  const char* usage =
      "rules create --type TYPE [--threshold N] [--severity critical|warning|info] "
      "[--for 10m] [--keep-firing-for 5m] [--project P] [--department D] [--district D] "
      "[--name DISPLAY] [--summary TEMPLATE] [--label key=value] [--request-id ID]";
  if (!args.words.empty() || !args.Has("type")) return Usage(usage);
  v1::CreateRuleRequest request;
  v1::Rule* rule = request.mutable_rule();
  v1::RuleType type;
  if (!v1::RuleType_Parse(absl::AsciiStrToUpper(*args.Get("type")), &type)) {
    std::cerr << "twctl: --type: one of INDICATOR_OFF_TRACK, INDICATOR_AT_RISK, "
                 "MILESTONE_OVERDUE, MILESTONE_DUE_SOON, DISBURSEMENT_BEHIND, REPORT_STALE, "
                 "AVAILABILITY_BURN\n";
    return kExitUsage;
  }
  rule->set_type(type);
  if (auto threshold = args.Get("threshold")) {
    double t;
    if (!absl::SimpleAtod(*threshold, &t)) {
      std::cerr << "twctl: --threshold: not a number\n";
      return kExitUsage;
    }
    rule->set_threshold(t);
  }
  if (auto severity = args.Get("severity")) {
    v1::Severity s;
    if (!v1::Severity_Parse(absl::AsciiStrToUpper(*severity), &s)) {
      std::cerr << "twctl: --severity: critical, warning or info\n";
      return kExitUsage;
    }
    rule->set_severity(s);
  }
  for (const auto& [flag, field] : {std::pair{"for", rule->mutable_for_duration()},
                                    {"keep-firing-for", rule->mutable_keep_firing_for()}}) {
    if (auto value = args.Get(flag)) {
      absl::Duration d;
      if (!absl::ParseDuration(*value, &d)) {
        std::cerr << "twctl: --" << flag << ": a duration such as 10m or 1h30m\n";
        return kExitUsage;
      }
      field->set_seconds(absl::ToInt64Seconds(d));
    }
  }
  if (auto project = args.Get("project")) rule->mutable_scope()->set_project(Qualify(*project, "projects"));
  rule->mutable_scope()->set_department(args.GetOr("department", nullptr, ""));
  rule->mutable_scope()->set_district(args.GetOr("district", nullptr, ""));
  rule->set_display_name(args.GetOr("name", nullptr, ""));
  if (auto summary = args.Get("summary")) (*rule->mutable_annotations())["summary"] = *summary;
  if (auto label = args.Get("label")) {
    size_t eq = label->find('=');
    if (eq == std::string::npos) {
      std::cerr << "twctl: --label: key=value\n";
      return kExitUsage;
    }
    (*rule->mutable_labels())[label->substr(0, eq)] = label->substr(eq + 1);
  }
  request.set_request_id(args.GetOr("request-id", nullptr, ""));
  v1::Rule created;
  auto context = CallContext(args);
  grpc::Status status = Stub(args)->CreateRule(context.get(), request, &created);
  if (!status.ok()) return Fail(status);
  if (args.Has("json")) {
    PrintJson(created);
  } else {
    std::cout << "created " << created.name() << "\n";
  }
  return kExitOk;
}

int RunRulesDelete(const CliArgs& args) {
  if (args.words.size() != 1) return Usage("rules delete RULE [--etag E]");
  v1::DeleteRuleRequest request;
  request.set_name(Qualify(args.words[0], "rules"));
  request.set_etag(args.GetOr("etag", nullptr, ""));
  v1::DeleteRuleResponse response;
  auto context = CallContext(args);
  grpc::Status status = Stub(args)->DeleteRule(context.get(), request, &response);
  if (!status.ok()) return Fail(status);
  std::cout << "deleted " << request.name() << "\n";
  return kExitOk;
}

}  // namespace targetwatch::twctl
