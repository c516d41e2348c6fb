#include "services/progress/progress.h"

#include <algorithm>
#include <atomic>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "services/common/log.h"
#include "services/common/page_token.h"
#include "services/common/proto_bytes.h"
#include "services/common/proto_time.h"
#include "services/common/random_id.h"
#include "services/common/resource_name.h"
#include "services/common/stable_hash.h"
#include "services/common/status_macros.h"
#include "services/progress/self_evaluation.h"
#include "services/tables/scoring.h"
#include "services/tables/text_norm.h"

namespace targetwatch {
namespace {

absl::Status Bad(absl::string_view field, absl::string_view why) {
  return absl::InvalidArgumentError(absl::StrCat(field, ": ", why));
}

absl::Status CheckDate(const v1::Date& d, absl::string_view field, absl::Time now,
                       absl::TimeZone zone) {
  if (d.year() == 0) return Bad(field, "is required");
  absl::CivilDay day(d.year(), d.month(), d.day());
  if (day.year() != d.year() || day.month() != d.month() || day.day() != d.day()) {
    return Bad(field, absl::StrCat(d.year(), "-", d.month(), "-", d.day(),
                                   " is not a calendar date"));
  }
  if (day > absl::ToCivilDay(now + Progress::kAllowedSkew, zone)) {
    return Bad(field, "is in the future");
  }
  return absl::OkStatus();
}


const v1::Indicator* FindIndicator(const v1::Project& p, const std::string& name) {
  for (const v1::Indicator& ind : p.indicators()) {
    if (ind.name() == name) return &ind;
  }
  return nullptr;
}

}  // namespace

Progress::Progress(ProjectSource& projects, ProgressStore& store, const Clock& clock,
                   CalcOptions options, OnChange on_change)
    : projects_(projects),
      store_(store),
      clock_(clock),
      options_(std::move(options)),
      on_change_(std::move(on_change)) {}

absl::Status Progress::CheckContext(v1::ReportContext* context, absl::Time now) const {
  if (tables::TrimText(context->district()).empty()) {
    return Bad("context.district", "is required: the reporting district office");
  }
  if (tables::CodePointCount(context->district()) > 50) {
    return Bad("context.district", "is longer than 50 characters");
  }
  if (tables::CodePointCount(context->note()) > 2000) {
    return Bad("context.note", "is longer than 2000 characters");
  }
  if (context->request_id().size() > 128) {
    return Bad("context.request_id", "is longer than 128 characters");
  }
  if (!context->has_time()) {
    SetTimestamp(now, context->mutable_time());
  } else if (FromTimestamp(context->time()) > now + kAllowedSkew) {
    return Bad("context.time", "is in the future");
  }
  return absl::OkStatus();
}

template <typename T>
absl::StatusOr<std::optional<T>> Progress::Replayed(const std::string& project_id,
                                                    const v1::ReportContext& context) {
  if (context.request_id().empty()) return std::optional<T>();
  ASSIGN_OR_RETURN(std::optional<std::string> replay, store_.Replay(project_id, context.request_id()));
  if (!replay) return std::optional<T>();
  ASSIGN_OR_RETURN(T answer, Decode<T>(*replay));
  return std::optional<T>(std::move(answer));
}

template <typename T>
absl::StatusOr<T> Progress::Save(ProgressStore::Report report, const T& record,
                                 const v1::ReportContext& context,
                                 const std::string& project_name) {
  report.record = Encode(record);
  report.request_id = context.request_id();
  report.response = report.record;  // a retry is answered with the record
  ASSIGN_OR_RETURN(ProgressStore::Outcome outcome, Store(report, project_name));
  if (outcome.replayed) return Decode<T>(outcome.stored);
  return record;
}

absl::StatusOr<ProgressStore::Outcome> Progress::Store(ProgressStore::Report report,
                                                       const std::string& project_name) {
  ASSIGN_OR_RETURN(ProgressStore::Outcome outcome, store_.Apply(report));
  if (outcome.replayed) return outcome;
  // The report is stored; a summary that fails to follow is caught up by
  // the periodic refresh, so it does not fail the report.
  if (absl::Status s = RefreshSummary(report.project_id); !s.ok()) {
    LogWarning("summary of ", project_name, " not updated: ", s.message());
  }
  if (on_change_) on_change_(project_name, outcome.version);
  return outcome;
}

absl::Status Progress::RefreshSummary(const std::string& project_id) {
  ASSIGN_OR_RETURN(v1::Project project, projects_.GetProject(project_id));
  absl::Time now = clock_.Now();
  ASSIGN_OR_RETURN(ProjectReports reports, store_.Snapshot(project, now, options_.zone));
  v1::ProjectProgress p = ComputeProgress(project, reports, now, options_);
  v1::ProgressSummary summary;
  summary.set_project(project.name());
  summary.set_title(project.title());
  summary.set_department(project.department());
  summary.set_fiscal_year(project.fiscal_year());
  *summary.mutable_districts() = project.districts();
  summary.set_status(p.status());
  summary.set_score(p.score());
  summary.set_grade(p.grade());
  summary.set_executed_percent(p.budget().executed_percent());
  summary.set_lag_points(p.budget().lag_points());
  for (const v1::IndicatorProgress& ind : p.indicators()) {
    if (ind.status() == v1::OFF_TRACK) summary.set_indicators_off_track(summary.indicators_off_track() + 1);
    if (ind.status() == v1::AT_RISK) summary.set_indicators_at_risk(summary.indicators_at_risk() + 1);
  }
  summary.set_milestones_overdue(p.milestones_overdue());
  summary.set_version(p.version());
  SetTimestamp(now, summary.mutable_update_time());
  return store_.PutSummary(project_id, summary);
}

absl::StatusOr<int> Progress::RefreshSummaries() {
  ASSIGN_OR_RETURN(std::vector<std::string> ids, projects_.ListProjectIds());
  int written = 0;
  for (const std::string& id : ids) {
    absl::Status s = RefreshSummary(id);
    if (s.ok()) {
      ++written;
    } else if (!absl::IsNotFound(s)) {
      return s;
    }
  }
  return written;
}

absl::StatusOr<v1::ListProjectProgressResponse> Progress::ListProjectProgress(
    const v1::ListProjectProgressRequest& request) {
  ASSIGN_OR_RETURN(int size, PageSize(request.page_size(), 50, 1000));
  ASSIGN_OR_RETURN(std::string after,
                   DecodePageToken(request.page_token(), "progress|" + request.filter()));
  std::vector<std::pair<std::string, std::string>> terms;
  if (!absl::StripAsciiWhitespace(request.filter()).empty()) {
    for (absl::string_view part : absl::StrSplit(request.filter(), " AND ")) {
      part = absl::StripAsciiWhitespace(part);
      size_t eq = part.find('=');
      std::string field(absl::StripAsciiWhitespace(part.substr(0, std::min(eq, part.size()))));
      if (eq == absl::string_view::npos ||
          (field != "department" && field != "district" && field != "status" &&
           field != "fiscal_year")) {
        return Bad("filter", absl::StrCat("\"", part, "\" is not one of department=, district=, "
                                          "status=, fiscal_year="));
      }
      absl::string_view value = absl::StripAsciiWhitespace(part.substr(eq + 1));
      if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
        value = value.substr(1, value.size() - 2);
      }
      v1::ProgressStatus parsed;
      if (field == "status" && !v1::ProgressStatus_Parse(std::string(value), &parsed)) {
        return Bad("filter", absl::StrCat("status \"", value, "\" is not MET, ON_TRACK, AT_RISK, "
                                          "OFF_TRACK or NO_DATA"));
      }
      terms.emplace_back(field, std::string(value));
    }
  }
  auto matches = [&terms](const v1::ProgressSummary& s) {
    for (const auto& [field, value] : terms) {
      if (field == "department" && s.department() != value) return false;
      if (field == "status" && v1::ProgressStatus_Name(s.status()) != value) return false;
      if (field == "fiscal_year" && std::to_string(s.fiscal_year()) != value) return false;
      if (field == "district" &&
          std::find(s.districts().begin(), s.districts().end(), value) == s.districts().end()) {
        return false;
      }
    }
    return true;
  };
  v1::ListProjectProgressResponse response;
  std::string last = after;
  bool exhausted = false;
  int scanned = 0;
  while (response.summaries_size() < size && scanned < 5000) {
    int batch = std::max(size - response.summaries_size(), 16);
    ASSIGN_OR_RETURN(auto page, store_.ScanSummaries(last, batch));
    scanned += static_cast<int>(page.size());
    if (page.empty()) {
      exhausted = true;
      break;
    }
    bool full = false;
    for (auto& [id, summary] : page) {
      last = id;
      if (!matches(summary)) continue;
      *response.add_summaries() = std::move(summary);
      if (response.summaries_size() == size) {
        full = true;
        break;
      }
    }
    if (!full && static_cast<int>(page.size()) < batch) {
      exhausted = true;
      break;
    }
  }
  if (!exhausted) {
    response.set_next_page_token(EncodePageToken("progress|" + request.filter(), last));
  }
  return response;
}

absl::StatusOr<v1::Measurement> Progress::ReportMeasurement(
    const v1::ReportMeasurementRequest& request) {
  ASSIGN_OR_RETURN(auto ids, ParseName(request.indicator(), "projects/*/indicators/*",
                                       "indicator"));
  const absl::Time now = clock_.Now();
  v1::ReportContext context = request.context();
  RETURN_IF_ERROR(CheckContext(&context, now));
  ASSIGN_OR_RETURN(std::optional<v1::Measurement> replayed,
                   Replayed<v1::Measurement>(ids[0], context));
  if (replayed) return *std::move(replayed);
  ASSIGN_OR_RETURN(v1::Project project, projects_.GetProject(ids[0]));
  const v1::Indicator* indicator = FindIndicator(project, request.indicator());
  if (indicator == nullptr) {
    return absl::NotFoundError(absl::StrCat("indicator: ", request.indicator(),
                                            " does not exist"));
  }
  const v1::Target& target = indicator->target();
  if (request.actual_case() == v1::ReportMeasurementRequest::ACTUAL_NOT_SET) {
    return Bad("actual", target.kind() == v1::QUALITATIVE
                             ? "grade is required (达成, 部分达成 or 未达成)"
                             : "value is required");
  }
  if (target.kind() == v1::QUALITATIVE) {
    if (request.actual_case() != v1::ReportMeasurementRequest::kGrade) {
      return Bad("value", absl::StrCat("\"", indicator->title(), "\" has the qualitative target \"",
                                       target.raw(), "\": report a grade, not a value"));
    }
    std::optional<double> percent;
    if (request.has_grade_percent()) percent = request.grade_percent();
    absl::StatusOr<tables::Judgement> judged =
        tables::JudgeGrade(target, request.grade(), percent);
    if (!judged.ok()) return judged.status();
  } else {
    if (request.actual_case() != v1::ReportMeasurementRequest::kValue) {
      return Bad("grade", absl::StrCat("\"", indicator->title(), "\" has the numeric target \"",
                                       target.raw(), "\": report a value, not a grade"));
    }
    if (!std::isfinite(request.value())) return Bad("value", "must be a finite number");
    if (target.unit() == "%" && (request.value() < 0 || request.value() > 100)) {
      return Bad("value", absl::StrCat(request.value(), " is not a percentage (0 to 100)"));
    }
    if (request.value() < 0 && target.unit() != "") {
      return Bad("value", "must not be negative");
    }
  }
  if (tables::CodePointCount(request.evidence()) > 2000) {
    return Bad("evidence", "is longer than 2000 characters");
  }
  v1::Measurement m;
  m.set_name(absl::StrCat(request.indicator(), "/measurements/",
                          IdFor("report", context.request_id())));
  m.set_indicator(request.indicator());
  if (request.actual_case() == v1::ReportMeasurementRequest::kGrade) {
    m.set_grade(request.grade());
    if (request.has_grade_percent()) m.set_grade_percent(request.grade_percent());
  } else {
    m.set_value(request.value());
  }
  m.set_evidence(request.evidence());
  *m.mutable_context() = context;
  SetTimestamp(now, m.mutable_accept_time());

  ProgressStore::Report report;
  report.project_id = ids[0];
  report.kind = ProgressStore::Report::Kind::kMeasurement;
  report.series = ids[1];
  report.position = std::to_string(absl::ToUnixMillis(FromTimestamp(context.time())));
  return Save(std::move(report), m, context, project.name());
}

absl::StatusOr<v1::MilestoneReport> Progress::ReportMilestone(
    const v1::ReportMilestoneRequest& request) {
  ASSIGN_OR_RETURN(auto ids, ParseName(request.milestone(), "projects/*/milestones/*",
                                       "milestone"));
  const absl::Time now = clock_.Now();
  v1::ReportContext context = request.context();
  RETURN_IF_ERROR(CheckContext(&context, now));
  ASSIGN_OR_RETURN(std::optional<v1::MilestoneReport> replayed,
                   Replayed<v1::MilestoneReport>(ids[0], context));
  if (replayed) return *std::move(replayed);
  RETURN_IF_ERROR(CheckDate(request.done_date(), "done_date", now, options_.zone));
  ASSIGN_OR_RETURN(v1::Project project, projects_.GetProject(ids[0]));
  bool known = false;
  for (const v1::Milestone& m : project.milestones()) known = known || m.name() == request.milestone();
  if (!known) {
    return absl::NotFoundError(absl::StrCat("milestone: ", request.milestone(), " does not exist"));
  }
  v1::MilestoneReport r;
  r.set_name(absl::StrCat(request.milestone(), "/reports/", IdFor("report", context.request_id())));
  r.set_milestone(request.milestone());
  *r.mutable_done_date() = request.done_date();
  *r.mutable_context() = context;
  SetTimestamp(now, r.mutable_accept_time());
  ProgressStore::Report report;
  report.project_id = ids[0];
  report.kind = ProgressStore::Report::Kind::kMilestone;
  report.position = ids[1];
  return Save(std::move(report), r, context, project.name());
}

absl::StatusOr<v1::Disbursement> Progress::ReportDisbursement(
    const v1::ReportDisbursementRequest& request) {
  ASSIGN_OR_RETURN(auto ids, ParseName(request.project(), "projects/*", "project"));
  const absl::Time now = clock_.Now();
  v1::ReportContext context = request.context();
  RETURN_IF_ERROR(CheckContext(&context, now));
  ASSIGN_OR_RETURN(std::optional<v1::Disbursement> replayed,
                   Replayed<v1::Disbursement>(ids[0], context));
  if (replayed) return *std::move(replayed);
  if (request.amount_fen() <= 0) return Bad("amount_fen", "must be more than 0");
  RETURN_IF_ERROR(CheckDate(request.payment_date(), "payment_date", now, options_.zone));
  if (request.voucher().size() > 200) return Bad("voucher", "is longer than 200 bytes");
  ASSIGN_OR_RETURN(v1::Project project, projects_.GetProject(ids[0]));
  ASSIGN_OR_RETURN(int64_t paid, store_.PaidFen(ids[0]));
  v1::Disbursement d;
  d.set_name(absl::StrCat(request.project(), "/disbursements/",
                          IdFor("report", context.request_id())));
  d.set_project(request.project());
  d.set_amount_fen(request.amount_fen());
  *d.mutable_payment_date() = request.payment_date();
  d.set_voucher(request.voucher());
  d.set_cumulative_fen(paid + request.amount_fen());  // as seen at acceptance
  *d.mutable_context() = context;
  SetTimestamp(now, d.mutable_accept_time());
  const v1::Date& day = request.payment_date();
  ProgressStore::Report report;
  report.project_id = ids[0];
  report.kind = ProgressStore::Report::Kind::kDisbursement;
  report.position = std::to_string(absl::CivilDay(day.year(), day.month(), day.day()) -
                                   absl::CivilDay(1970, 1, 1));
  report.amount_fen = request.amount_fen();
  report.cap_fen = request.allow_over_budget() ? -1 : project.budget().current_year_fen();
  return Save(std::move(report), d, context, project.name());
}

absl::StatusOr<v1::Outage> Progress::ReportOutage(const v1::ReportOutageRequest& request) {
  ASSIGN_OR_RETURN(auto ids, ParseName(request.project(), "projects/*", "project"));
  const absl::Time now = clock_.Now();
  v1::ReportContext context = request.context();
  RETURN_IF_ERROR(CheckContext(&context, now));
  ASSIGN_OR_RETURN(std::optional<v1::Outage> replayed,
                   Replayed<v1::Outage>(ids[0], context));
  if (replayed) return *std::move(replayed);
  ASSIGN_OR_RETURN(v1::Project project, projects_.GetProject(ids[0]));
  std::vector<std::string> known;
  for (const v1::MonitoredService& m : project.monitored_services()) known.push_back(m.service());
  if (std::find(known.begin(), known.end(), request.service()) == known.end()) {
    return Bad("service", absl::StrCat("\"", request.service(),
                                       "\" is not a monitored service of ", project.name(),
                                       known.empty() ? " (it has none)"
                                                     : absl::StrCat("; it has ",
                                                                    absl::StrJoin(known, ", "))));
  }
  v1::Outage outage;
  if (!request.outage().empty()) {
    // Closing an outage reported open.
    ASSIGN_OR_RETURN(auto oids, ParseName(request.outage(), "projects/*/outages/*", "outage"));
    if (oids[0] != ids[0]) return Bad("outage", "belongs to another project");
    ASSIGN_OR_RETURN(std::optional<v1::Outage> open, store_.GetOutage(ids[0], oids[1]));
    if (!open) return absl::NotFoundError(absl::StrCat("outage: ", request.outage(), " does not exist"));
    if (open->service() != request.service()) return Bad("service", "differs from the outage's");
    outage = *open;
  } else {
    if (!request.has_start_time()) return Bad("start_time", "is required");
    outage.set_name(absl::StrCat(request.project(), "/outages/", IdFor("report", context.request_id())));
    outage.set_project(request.project());
    outage.set_service(request.service());
    *outage.mutable_start_time() = request.start_time();
  }
  if (FromTimestamp(outage.start_time()) > now + kAllowedSkew) return Bad("start_time", "is in the future");
  if (request.has_end_time()) {
    if (FromTimestamp(request.end_time()) < FromTimestamp(outage.start_time())) {
      return Bad("end_time", "is before start_time");
    }
    if (FromTimestamp(request.end_time()) > now + kAllowedSkew) return Bad("end_time", "is in the future");
    *outage.mutable_end_time() = request.end_time();
  }
  *outage.mutable_context() = context;
  SetTimestamp(now, outage.mutable_accept_time());
  ProgressStore::Report report;
  report.project_id = ids[0];
  report.kind = ProgressStore::Report::Kind::kOutage;
  report.position = LastId(outage.name());
  return Save(std::move(report), outage, context, project.name());
}

absl::StatusOr<v1::ProjectProgress> Progress::GetProjectProgress(
    const v1::GetProjectProgressRequest& request) {
  ASSIGN_OR_RETURN(auto ids, ParseName(request.name(), "projects/*", "name"));
  absl::Time as_of = request.has_as_of() ? FromTimestamp(request.as_of()) : clock_.Now();
  ASSIGN_OR_RETURN(v1::Project project, projects_.GetProject(ids[0]));
  ASSIGN_OR_RETURN(ProjectReports reports, store_.Snapshot(project, as_of, options_.zone));
  v1::ProjectProgress progress = ComputeProgress(project, reports, as_of, options_);
  SetTimestamp(clock_.Now(), progress.mutable_update_time());
  return progress;
}

absl::StatusOr<v1::SelfEvaluation> Progress::GetSelfEvaluation(
    const v1::GetSelfEvaluationRequest& request) {
  ASSIGN_OR_RETURN(auto ids, ParseName(request.name(), "projects/*", "name"));
  ASSIGN_OR_RETURN(v1::Project project, projects_.GetProject(ids[0]));
  absl::Time as_of;
  if (request.has_as_of()) {
    as_of = FromTimestamp(request.as_of());
  } else {
    // The last moment of the planned period: everything of the year counts.
    const v1::Date& end = project.planned_end();
    absl::CivilDay last = end.year() != 0 ? absl::CivilDay(end.year(), end.month(), end.day())
                                          : absl::CivilDay(project.fiscal_year(), 12, 31);
    as_of = absl::FromCivil(last + 1, options_.zone) - absl::Milliseconds(1);
  }
  ASSIGN_OR_RETURN(ProjectReports reports, store_.Snapshot(project, as_of, options_.zone));
  ASSIGN_OR_RETURN(auto notes, store_.Notes(project, as_of));
  return BuildSelfEvaluation(project, ComputeProgress(project, reports, as_of, options_), notes);
}

}  // namespace targetwatch
