// twctl commands of the progress service: report ..., status.
#include <cmath>
#include <iostream>
#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "services/common/clock.h"
#include "services/common/proto_time.h"
#include "services/progress/self_evaluation.h"
#include "targetwatch/v1/progress.grpc.pb.h"
#include "tools/twctl/cli_values.h"
#include "tools/twctl/command.h"
#include "tools/twctl/rpc.h"

namespace targetwatch::twctl {
namespace {

std::unique_ptr<v1::ProgressService::Stub> Stub(const CliArgs& args) {
  return v1::ProgressService::NewStub(ProgressChannel(args));
}

int BadFlag(const std::string& flag, const std::string& why) {
  std::cerr << "twctl: --" << flag << ": " << why << "\n";
  return kExitUsage;
}

// --district, --note, --request-id, --at: what every report carries.
// Returns 0, or the exit code of a bad flag.
int Context(const CliArgs& args, v1::ReportContext* context) {
  context->set_district(args.GetOr("district", nullptr, ""));
  context->set_note(args.GetOr("note", nullptr, ""));
  context->set_request_id(args.GetOr("request-id", nullptr, ""));
  if (auto at = args.Get("at")) {
    absl::StatusOr<absl::Time> time = ParseRfc3339(*at, "--at");
    if (!time.ok()) return BadFlag("at", std::string(time.status().message()));
    SetTimestamp(*time, context->mutable_time());
  }
  return 0;
}

template <typename Response>
int Finish(const CliArgs& args, const grpc::Status& status, const Response& response,
           const std::string& what) {
  if (!status.ok()) return Fail(status);
  if (args.Has("json")) {
    PrintJson(response);
  } else {
    std::cout << "accepted " << what << " " << response.name() << "\n";
  }
  return kExitOk;
}

const char* StatusName(v1::ProgressStatus s) {
  switch (s) {
    case v1::MET: return "MET";
    case v1::ON_TRACK: return "ON_TRACK";
    case v1::AT_RISK: return "AT_RISK";
    case v1::OFF_TRACK: return "OFF_TRACK";
    case v1::NO_DATA: return "NO_DATA";
    default: return "-";
  }
}

const char* GradeName(v1::ScoreGrade g) {
  switch (g) {
    case v1::EXCELLENT: return "优";
    case v1::GOOD: return "良";
    case v1::FAIR: return "中";
    case v1::POOR: return "差";
    default: return "-";
  }
}

}  // namespace

int RunReportMeasurement(const CliArgs& args) {
  const char* usage =
      "report measurement --indicator NAME (--value V | --grade 达成|部分达成|未达成 "
      "[--grade-percent P]) --district D [--at RFC3339] [--note TEXT] [--evidence TEXT] "
      "[--request-id ID]";
  if (!args.words.empty() || !args.Has("indicator") ||
      args.Has("value") == args.Has("grade")) {
    return Usage(usage);
  }
  v1::ReportMeasurementRequest request;
  request.set_indicator(*args.Get("indicator"));
  if (auto value = args.Get("value")) {
    double v;
    if (!absl::SimpleAtod(*value, &v) || !std::isfinite(v)) return BadFlag("value", "not a number");
    request.set_value(v);
  } else {
    std::string grade = *args.Get("grade");
    if (grade == "达成" || grade == "ACHIEVED") {
      request.set_grade(v1::ACHIEVED);
    } else if (grade == "部分达成" || grade == "PARTIALLY_ACHIEVED") {
      request.set_grade(v1::PARTIALLY_ACHIEVED);
    } else if (grade == "未达成" || grade == "NOT_ACHIEVED") {
      request.set_grade(v1::NOT_ACHIEVED);
    } else {
      return BadFlag("grade", "must be 达成, 部分达成 or 未达成");
    }
    if (auto percent = args.Get("grade-percent")) {
      double p;
      if (!absl::SimpleAtod(*percent, &p)) return BadFlag("grade-percent", "not a number");
      request.set_grade_percent(p);
    }
  }
  request.set_evidence(args.GetOr("evidence", nullptr, ""));
  if (int code = Context(args, request.mutable_context())) return code;
  v1::Measurement response;
  auto context = CallContext(args);
  grpc::Status status = Stub(args)->ReportMeasurement(context.get(), request, &response);
  return Finish(args, status, response, "measurement");
}

int RunReportMilestone(const CliArgs& args) {
  const char* usage = "report milestone --milestone NAME --done YYYY-MM-DD --district D "
                      "[--note TEXT] [--request-id ID]";
  if (!args.words.empty() || !args.Has("milestone") || !args.Has("done")) return Usage(usage);
  v1::ReportMilestoneRequest request;
  request.set_milestone(*args.Get("milestone"));
  if (!ParseDate(*args.Get("done"), request.mutable_done_date())) {
    return BadFlag("done", "not YYYY-MM-DD");
  }
  if (int code = Context(args, request.mutable_context())) return code;
  v1::MilestoneReport response;
  auto context = CallContext(args);
  grpc::Status status = Stub(args)->ReportMilestone(context.get(), request, &response);
  return Finish(args, status, response, "milestone report");
}

int RunReportDisbursement(const CliArgs& args) {
  const char* usage = "report disbursement --project NAME --amount-yuan N --date YYYY-MM-DD "
                      "--district D [--voucher REF] [--allow-over-budget] [--request-id ID]";
  if (!args.words.empty() || !args.Has("project") || !args.Has("amount-yuan") ||
      !args.Has("date")) {
    return Usage(usage);
  }
  v1::ReportDisbursementRequest request;
  request.set_project(Qualify(*args.Get("project"), "projects"));
  // Yuan to exact fen: at most two decimals.
  std::string yuan = *args.Get("amount-yuan");
  std::vector<std::string> parts = absl::StrSplit(yuan, '.');
  int64_t whole = 0, cents = 0;
  if (parts.size() > 2 || !absl::SimpleAtoi(parts[0], &whole) ||
      (parts.size() == 2 && (parts[1].size() > 2 || parts[1].empty() ||
                             !absl::SimpleAtoi(parts[1], &cents)))) {
    return BadFlag("amount-yuan", "not an amount in yuan with at most two decimals");
  }
  if (parts.size() == 2 && parts[1].size() == 1) cents *= 10;
  request.set_amount_fen(whole * 100 + (whole < 0 ? -cents : cents));
  if (!ParseDate(*args.Get("date"), request.mutable_payment_date())) {
    return BadFlag("date", "not YYYY-MM-DD");
  }
  request.set_voucher(args.GetOr("voucher", nullptr, ""));
  request.set_allow_over_budget(args.Has("allow-over-budget"));
  if (int code = Context(args, request.mutable_context())) return code;
  v1::Disbursement response;
  auto context = CallContext(args);
  grpc::Status status = Stub(args)->ReportDisbursement(context.get(), request, &response);
  return Finish(args, status, response, "disbursement");
}

int RunReportOutage(const CliArgs& args) {
  const char* usage = "report outage --project NAME --service NAME (--start RFC3339 | "
                      "--outage NAME) [--end RFC3339] --district D [--request-id ID]";
  if (!args.words.empty() || !args.Has("project") || !args.Has("service") ||
      args.Has("start") == args.Has("outage")) {
    return Usage(usage);
  }
  v1::ReportOutageRequest request;
  request.set_project(Qualify(*args.Get("project"), "projects"));
  request.set_service(*args.Get("service"));
  request.set_outage(args.GetOr("outage", nullptr, ""));
  for (const char* flag : {"start", "end"}) {
    if (auto value = args.Get(flag)) {
      absl::StatusOr<absl::Time> time = ParseRfc3339(*value, std::string("--") + flag);
      if (!time.ok()) return BadFlag(flag, std::string(time.status().message()));
      SetTimestamp(*time, std::string(flag) == "start" ? request.mutable_start_time()
                                                       : request.mutable_end_time());
    }
  }
  if (int code = Context(args, request.mutable_context())) return code;
  v1::Outage response;
  auto context = CallContext(args);
  grpc::Status status = Stub(args)->ReportOutage(context.get(), request, &response);
  return Finish(args, status, response, "outage");
}

// twctl status --all: the dashboard of every project.
int RunStatusAll(const CliArgs& args) {
  std::vector<std::string> terms;
  for (const auto& [flag, field] : {std::pair{"department", "department"},
                                    {"district", "district"},
                                    {"state", "status"},
                                    {"year", "fiscal_year"}}) {
    if (auto value = args.Get(flag)) terms.push_back(absl::StrCat(field, "=\"", *value, "\""));
  }
  v1::ListProjectProgressRequest request;
  request.set_filter(absl::StrJoin(terms, " AND "));
  v1::ListProjectProgressResponse all;
  auto stub = Stub(args);
  grpc::Status status = ForEachPage<v1::ListProjectProgressRequest, v1::ListProjectProgressResponse>(
      args, request,
      [&stub](auto* context, const auto& r, auto* page) {
        return stub->ListProjectProgress(context, r, page);
      },
      [&all](const v1::ListProjectProgressResponse& page) {
        for (const auto& s : page.summaries()) *all.add_summaries() = s;
      });
  if (!status.ok()) return Fail(status);
  if (args.Has("json")) {
    PrintJson(all);
    return kExitOk;
  }
  std::cout << "STATUS\tSCORE\tPAID\tLAG\tOFF\tRISK\tOVERDUE\tPROJECT\tTITLE\n";
  for (const v1::ProgressSummary& s : all.summaries()) {
    std::cout << absl::StrFormat("%s\t%.1f %s\t%.1f%%\t%+.1f\t%d\t%d\t%d\t%s\t%s\n",
                                 StatusName(s.status()), s.score(), GradeName(s.grade()),
                                 s.executed_percent(), s.lag_points(), s.indicators_off_track(),
                                 s.indicators_at_risk(), s.milestones_overdue(), s.project(),
                                 s.title());
  }
  std::cout << all.summaries_size() << " project(s)\n";
  return kExitOk;
}

int RunStatus(const CliArgs& args) {
  if (args.Has("all") && args.words.empty()) return RunStatusAll(args);
  if (args.words.size() != 1) {
    return Usage("status PROJECT [--as-of RFC3339] [--json] | status --all [--department D] "
                 "[--district D] [--state S] [--year Y] [--json]");
  }
  v1::GetProjectProgressRequest request;
  request.set_name(Qualify(args.words[0], "projects"));
  if (auto as_of = args.Get("as-of")) {
    absl::StatusOr<absl::Time> time = ParseRfc3339(*as_of, "--as-of");
    if (!time.ok()) return BadFlag("as-of", std::string(time.status().message()));
    SetTimestamp(*time, request.mutable_as_of());
  }
  v1::ProjectProgress p;
  auto context = CallContext(args);
  grpc::Status status = Stub(args)->GetProjectProgress(context.get(), request, &p);
  if (!status.ok()) return Fail(status);
  if (args.Has("json")) {
    PrintJson(p);
    return kExitOk;
  }
  const v1::BudgetProgress& b = p.budget();
  std::cout << p.title() << " (" << p.project() << ")\n"
            << absl::StrFormat("  status %s, score %.1f (%s)\n", StatusName(p.status()),
                               p.score(), GradeName(p.grade()))
            << absl::StrFormat(
                   "  budget: %.2f%% paid of %.2f 元, plan %.2f%%, %+.2f points (%s)\n",
                   b.executed_percent(), b.current_year_fen() / 100.0, b.planned_percent(),
                   b.lag_points(), StatusName(b.status()))
            << "  milestones: " << p.milestones_done() << " done, " << p.milestones_overdue()
            << " overdue of " << p.milestones_size() << "\n";
  for (const v1::ServiceAvailability& s : p.services()) {
    std::cout << absl::StrFormat(
        "  service %s: %.3f%% year to date, %.3f%% last 30 days, target %.1f%%%s (%s)\n",
        s.service(), s.year_to_date_percent(), s.last_30_days_percent(), s.target_percent(),
        s.down_now() ? ", DOWN NOW" : "", StatusName(s.status()));
  }
  std::cout << "  STATUS\tPOINTS\tACTUAL\tTARGET\tINDICATOR\n";
  for (const v1::IndicatorProgress& ind : p.indicators()) {
    std::string actual = "-";
    if (ind.has_actual()) {
      actual = ind.actual_grade() != v1::GRADE_UNSPECIFIED
                   ? v1::Grade_Name(ind.actual_grade())
                   : absl::StrFormat("%g", ind.actual_value());
    }
    std::cout << absl::StrFormat("  %s\t%.1f/%.1f\t%s\t%s\t%s\n", StatusName(ind.status()),
                                 ind.points_earned(), ind.points_possible(), actual,
                                 ind.target().raw(), ind.title());
  }
  return kExitOk;
}

// twctl watch PROJECT: one line per change, until interrupted.
int RunWatch(const CliArgs& args) {
  if (args.words.size() != 1) return Usage("watch PROJECT [--json]");
  v1::WatchProgressRequest request;
  request.set_name(Qualify(args.words[0], "projects"));
  grpc::ClientContext context;  // no deadline: a watch runs until stopped
  auto stream = Stub(args)->WatchProgress(&context, request);
  v1::ProjectProgress p;
  while (stream->Read(&p)) {
    if (args.Has("json")) {
      PrintJson(p);
      std::cout << std::endl;
      continue;
    }
    std::cout << absl::StrFormat(
                     "%s v%d %s score %.1f %s, paid %.1f%% (plan %.1f%%), %d overdue\n",
                     absl::FormatTime("%Y-%m-%d %H:%M:%S",
                                      absl::FromUnixSeconds(p.update_time().seconds()),
                                      absl::FixedTimeZone(8 * 3600)),
                     p.version(), StatusName(p.status()), p.score(), GradeName(p.grade()),
                     p.budget().executed_percent(), p.budget().planned_percent(),
                     p.milestones_overdue())
              << std::flush;
  }
  grpc::Status status = stream->Finish();
  return status.ok() ? kExitOk : Fail(status);
}

int RunSelfEval(const CliArgs& args) {
  const char* usage = "selfeval PROJECT [--format csv|json|markdown] [--as-of RFC3339]";
  std::string format = args.GetOr("format", nullptr, args.Has("json") ? "json" : "markdown");
  if (args.words.size() != 1 || (format != "csv" && format != "json" && format != "markdown")) {
    return Usage(usage);
  }
  v1::GetSelfEvaluationRequest request;
  request.set_name(Qualify(args.words[0], "projects"));
  if (auto as_of = args.Get("as-of")) {
    absl::StatusOr<absl::Time> time = ParseRfc3339(*as_of, "--as-of");
    if (!time.ok()) return BadFlag("as-of", std::string(time.status().message()));
    SetTimestamp(*time, request.mutable_as_of());
  }
  v1::SelfEvaluation evaluation;
  auto context = CallContext(args);
  grpc::Status status = Stub(args)->GetSelfEvaluation(context.get(), request, &evaluation);
  if (!status.ok()) return Fail(status);
  if (format == "json") {
    PrintJson(evaluation);
  } else if (format == "csv") {
    std::cout << SelfEvaluationCsv(evaluation);
  } else {
    std::cout << SelfEvaluationMarkdown(evaluation);
  }
  return kExitOk;
}

}  // namespace targetwatch::twctl
