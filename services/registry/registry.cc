#include "services/registry/registry.h"

#include <algorithm>
#include <set>

#include "absl/random/random.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "services/common/page_token.h"
#include "services/common/resource_name.h"
#include "services/common/stable_hash.h"
#include "services/common/status_macros.h"
#include "services/common/update_mask.h"
#include "services/registry/project_index.h"
#include "services/registry/registry_validation.h"

namespace targetwatch {
namespace {

constexpr int kDefaultPageSize = 50;
constexpr int kMaxPageSize = 1000;
// Index entries read at most per List call; a short page with a token
// follows when filters skip many.
constexpr int kMaxScanned = 5000;
constexpr int kMaxConcurrentRetries = 5;

const std::set<std::string> kProjectMutable = {
    "title", "department", "category", "fiscal_year", "planned_start",
    "planned_end", "includes_purchased_services", "performance_type",
    "narrative", "budget", "districts", "disbursement_plan",
    "monitored_services"};
const std::set<std::string> kIndicatorMutable = {"level1", "level2", "title",
                                                 "target", "weight", "cumulative"};
const std::set<std::string> kMilestoneMutable = {"title", "due_date", "done_date",
                                                 "district"};

void StripView(v1::Project& project, v1::ProjectView view) {
  if (view != v1::FULL) {
    project.clear_indicators();
    project.clear_milestones();
  }
}

// Checks a request id's shape: it is a key, kept for a day.
absl::Status CheckRequestId(const std::string& request_id) {
  if (request_id.size() > 128) {
    return absl::InvalidArgumentError("request_id: longer than 128 characters");
  }
  return absl::OkStatus();
}

template <typename T>
absl::StatusOr<T> Decode(const std::string& bytes) {
  T message;
  if (!message.ParseFromString(bytes)) {
    return absl::DataLossError("stored response is corrupt");
  }
  return message;
}

template <typename T>
std::string Encode(const T& message) {
  std::string bytes;
  message.SerializeToString(&bytes);
  return bytes;
}

// Finds a child (indicator, milestone) of a document by its full name.
template <typename T>
T* FindChild(google::protobuf::RepeatedPtrField<T>* children, const std::string& name) {
  for (T& child : *children) {
    if (child.name() == name) return &child;
  }
  return nullptr;
}

template <typename T>
bool RemoveChild(google::protobuf::RepeatedPtrField<T>* children, const std::string& name) {
  for (int i = 0; i < children->size(); ++i) {
    if (children->Get(i).name() == name) {
      children->erase(children->begin() + i);
      return true;
    }
  }
  return false;
}

// Pages a document's children by position; filter terms level1=, level2=
// (indicators) or none (milestones).
absl::StatusOr<std::pair<int, int>> ChildPage(const std::string& parent,
                                              const std::string& kind,
                                              const std::string& filter,
                                              int requested_size,
                                              const std::string& token) {
  ASSIGN_OR_RETURN(int size, PageSize(requested_size, kDefaultPageSize, kMaxPageSize));
  ASSIGN_OR_RETURN(std::string position,
                   DecodePageToken(token, absl::StrCat(kind, "|", parent, "|", filter)));
  int start = 0;
  if (!position.empty() && !absl::SimpleAtoi(position, &start)) {
    return absl::InvalidArgumentError("page_token: not a token this list returned");
  }
  return std::make_pair(start, size);
}

absl::StatusOr<std::vector<std::pair<std::string, std::string>>> ParseChildFilter(
    const std::string& filter, const std::set<std::string>& fields) {
  std::vector<std::pair<std::string, std::string>> terms;
  if (absl::StripAsciiWhitespace(filter).empty()) return terms;
  for (absl::string_view part : absl::StrSplit(filter, " AND ")) {
    part = absl::StripAsciiWhitespace(part);
    size_t eq = part.find('=');
    std::string field(absl::StripAsciiWhitespace(part.substr(0, std::min(eq, part.size()))));
    if (eq == absl::string_view::npos || !fields.count(field)) {
      return absl::InvalidArgumentError(
          absl::StrCat("filter: \"", part, "\" is not one of field=value on ",
                       absl::StrJoin(fields, ", ")));
    }
    absl::string_view value = absl::StripAsciiWhitespace(part.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    terms.emplace_back(field, std::string(value));
  }
  return terms;
}

}  // namespace

std::string NewEtag() {
  static absl::Mutex mu(absl::kConstInit);
  static absl::BitGen* gen = new absl::BitGen();
  absl::MutexLock lock(&mu);
  return absl::StrFormat("%016x", absl::Uniform<uint64_t>(*gen));
}

std::string NewId() { return NewEtag(); }

void SetNow(google::protobuf::Timestamp* time) {
  absl::Time now = absl::Now();
  int64_t seconds = absl::ToUnixSeconds(now);
  time->set_seconds(seconds);
  time->set_nanos(static_cast<int32_t>(
      absl::ToInt64Nanoseconds(now - absl::FromUnixSeconds(seconds))));
}

absl::StatusOr<std::string> Registry::Mutate(const std::string& project_id,
                                             const std::string& expected_etag,
                                             const std::string& request_id,
                                             const Change& change) {
  RETURN_IF_ERROR(CheckRequestId(request_id));
  if (!request_id.empty()) {
    ASSIGN_OR_RETURN(std::optional<std::string> replay,
                     store_.Replay(project_id, request_id));
    if (replay) return *replay;
  }
  for (int attempt = 0;; ++attempt) {
    ASSIGN_OR_RETURN(v1::Project document, store_.Get(project_id));
    if (!expected_etag.empty() && document.etag() != expected_etag) {
      return absl::AbortedError(absl::StrCat("etag \"", expected_etag,
                                             "\" is stale; the project has changed"));
    }
    std::string read_etag = document.etag();
    document.set_etag(NewEtag());
    SetNow(document.mutable_update_time());
    std::string response;
    RETURN_IF_ERROR(change(document, &response));
    RegistryStore::Write write;
    write.mode = RegistryStore::Mode::kUpdate;
    write.id = project_id;
    write.expected_etag = read_etag;
    write.document = std::move(document);
    write.request_id = request_id;
    write.response = response;
    absl::StatusOr<RegistryStore::Outcome> outcome = store_.Apply(write);
    if (absl::IsAborted(outcome.status()) && expected_etag.empty() &&
        attempt < kMaxConcurrentRetries) {
      continue;  // someone else wrote in between: read again
    }
    if (!outcome.ok()) return outcome.status();
    if (outcome->kind == RegistryStore::Outcome::Kind::kReplayed) return outcome->stored;
    return response;
  }
}

absl::StatusOr<v1::Project> Registry::GetProject(const v1::GetProjectRequest& request) {
  ASSIGN_OR_RETURN(auto ids, ParseName(request.name(), "projects/*", "name"));
  ASSIGN_OR_RETURN(v1::Project project, store_.Get(ids[0]));
  StripView(project, request.view());
  return project;
}

absl::StatusOr<v1::ListProjectsResponse> Registry::ListProjects(
    const v1::ListProjectsRequest& request) {
  ASSIGN_OR_RETURN(int size, PageSize(request.page_size(), kDefaultPageSize, kMaxPageSize));
  ASSIGN_OR_RETURN(std::vector<IndexTerm> terms, ParseProjectFilter(request.filter()));
  ASSIGN_OR_RETURN(std::string after,
                   DecodePageToken(request.page_token(),
                                   absl::StrCat("projects|", request.filter())));
  std::optional<IndexTerm> driver;
  if (!terms.empty()) driver = terms.front();

  v1::ListProjectsResponse response;
  int scanned = 0;
  bool exhausted = false;
  std::string last = after;
  while (response.projects_size() < size && scanned < kMaxScanned) {
    int batch = std::max(size - response.projects_size(), 16);
    ASSIGN_OR_RETURN(std::vector<std::string> ids, store_.Scan(driver, last, batch));
    scanned += static_cast<int>(ids.size());
    if (ids.empty()) {
      exhausted = true;
      break;
    }
    ASSIGN_OR_RETURN(auto documents, store_.GetMany(ids));
    for (size_t i = 0; i < ids.size(); ++i) {
      last = ids[i];
      // The index may name a project that changed since: check it.
      if (!documents[i] || !Matches(*documents[i], terms)) continue;
      v1::Project& project = *response.add_projects() = std::move(*documents[i]);
      StripView(project, request.view());
      if (response.projects_size() == size) break;
    }
    if (static_cast<int>(ids.size()) < batch && last == ids.back()) {
      exhausted = true;
      break;
    }
  }
  if (!exhausted) {
    response.set_next_page_token(
        EncodePageToken(absl::StrCat("projects|", request.filter()), last));
  }
  return response;
}

absl::StatusOr<v1::Project> Registry::CreateProject(const v1::CreateProjectRequest& request) {
  RETURN_IF_ERROR(CheckRequestId(request.request_id()));
  v1::Project project = request.project();
  RETURN_IF_ERROR(ValidateProject(project, "project"));
  std::string id = request.request_id().empty()
                       ? NewId()
                       : StableId(absl::StrCat("project|", request.request_id()));
  if (!request.request_id().empty()) {
    ASSIGN_OR_RETURN(std::optional<std::string> replay,
                     store_.Replay(id, request.request_id()));
    if (replay) return Decode<v1::Project>(*replay);
  }
  project.set_name(ProjectName(id));
  project.set_etag(NewEtag());
  SetNow(project.mutable_create_time());
  *project.mutable_update_time() = project.create_time();
  project.set_source_line(0);
  for (int i = 0; i < project.indicators_size(); ++i) {
    v1::Indicator& ind = *project.mutable_indicators(i);
    RETURN_IF_ERROR(ValidateAndTypeIndicator(ind, absl::StrCat("project.indicators[", i, "]")));
    ind.set_name(IndicatorName(id, StableId(absl::StrCat(i, "|", ind.title()))));
    ind.set_etag(project.etag());
  }
  for (int i = 0; i < project.milestones_size(); ++i) {
    v1::Milestone& m = *project.mutable_milestones(i);
    RETURN_IF_ERROR(ValidateMilestone(m, absl::StrCat("project.milestones[", i, "]")));
    m.set_name(MilestoneName(id, StableId(absl::StrCat(i, "|", m.title()))));
    m.set_etag(project.etag());
  }
  ASSIGN_OR_RETURN(std::string claimed, store_.ClaimNaturalKey(NaturalKeyOf(project), id));
  if (claimed != id) {
    absl::StatusOr<v1::Project> other = store_.Get(claimed);
    if (other.ok()) {
      return absl::AlreadyExistsError(absl::StrCat(
          "project: ", other->name(), " already has this department, title and "
          "fiscal_year"));
    }
    if (!absl::IsNotFound(other.status())) return other.status();
  }
  RegistryStore::Write write;
  write.mode = RegistryStore::Mode::kCreate;
  write.id = id;
  write.document = project;
  write.request_id = request.request_id();
  write.response = Encode(project);
  ASSIGN_OR_RETURN(RegistryStore::Outcome outcome, store_.Apply(write));
  if (outcome.kind == RegistryStore::Outcome::Kind::kReplayed) {
    return Decode<v1::Project>(outcome.stored);
  }
  if (outcome.kind == RegistryStore::Outcome::Kind::kExists) {
    return absl::AlreadyExistsError(absl::StrCat("project: ", project.name(), " exists"));
  }
  return project;
}

absl::StatusOr<v1::Project> Registry::UpdateProject(const v1::UpdateProjectRequest& request) {
  ASSIGN_OR_RETURN(auto ids, ParseName(request.project().name(), "projects/*", "project.name"));
  ASSIGN_OR_RETURN(
      std::string response,
      Mutate(ids[0], request.project().etag(), request.request_id(),
             [&request](v1::Project& doc, std::string* response) -> absl::Status {
               v1::Project merged = doc;
               RETURN_IF_ERROR(ApplyUpdateMask(request.project(), request.update_mask(),
                                               kProjectMutable, &merged));
               RETURN_IF_ERROR(ValidateProject(merged, "project"));
               doc = std::move(merged);
               v1::Project answer = doc;
               StripView(answer, v1::BASIC);
               *response = Encode(answer);
               return absl::OkStatus();
             }));
  return Decode<v1::Project>(response);
}

absl::Status Registry::DeleteProject(const v1::DeleteProjectRequest& request) {
  ASSIGN_OR_RETURN(auto ids, ParseName(request.name(), "projects/*", "name"));
  RETURN_IF_ERROR(CheckRequestId(request.request_id()));
  RegistryStore::Write write;
  write.mode = RegistryStore::Mode::kDelete;
  write.id = ids[0];
  write.expected_etag = request.etag();
  write.request_id = request.request_id();
  ASSIGN_OR_RETURN(RegistryStore::Outcome outcome, store_.Apply(write));
  (void)outcome;
  return absl::OkStatus();
}

// Indicators and milestones live inside their project's document.

absl::StatusOr<v1::Indicator> Registry::GetIndicator(const v1::GetIndicatorRequest& request) {
  ASSIGN_OR_RETURN(auto ids, ParseName(request.name(), "projects/*/indicators/*", "name"));
  ASSIGN_OR_RETURN(v1::Project doc, store_.Get(ids[0]));
  v1::Indicator* found = FindChild(doc.mutable_indicators(), request.name());
  if (found == nullptr) {
    return absl::NotFoundError(absl::StrCat(request.name(), " does not exist"));
  }
  return *found;
}

absl::StatusOr<v1::ListIndicatorsResponse> Registry::ListIndicators(
    const v1::ListIndicatorsRequest& request) {
  ASSIGN_OR_RETURN(auto ids, ParseName(request.parent(), "projects/*", "parent"));
  ASSIGN_OR_RETURN(auto terms, ParseChildFilter(request.filter(), {"level1", "level2"}));
  ASSIGN_OR_RETURN(auto page, ChildPage(request.parent(), "indicators", request.filter(),
                                        request.page_size(), request.page_token()));
  ASSIGN_OR_RETURN(v1::Project doc, store_.Get(ids[0]));
  std::vector<const v1::Indicator*> matching;
  for (const v1::Indicator& ind : doc.indicators()) {
    bool ok = true;
    for (const auto& [field, value] : terms) {
      ok = ok && (field == "level1" ? ind.level1() : ind.level2()) == value;
    }
    if (ok) matching.push_back(&ind);
  }
  v1::ListIndicatorsResponse response;
  int end = std::min<int>(page.first + page.second, matching.size());
  for (int i = page.first; i < end; ++i) *response.add_indicators() = *matching[i];
  if (end < static_cast<int>(matching.size())) {
    response.set_next_page_token(EncodePageToken(
        absl::StrCat("indicators|", request.parent(), "|", request.filter()),
        std::to_string(end)));
  }
  return response;
}

absl::StatusOr<v1::Indicator> Registry::CreateIndicator(
    const v1::CreateIndicatorRequest& request) {
  ASSIGN_OR_RETURN(auto ids, ParseName(request.parent(), "projects/*", "parent"));
  v1::Indicator indicator = request.indicator();
  RETURN_IF_ERROR(ValidateAndTypeIndicator(indicator, "indicator"));
  std::string id = request.request_id().empty()
                       ? NewId()
                       : StableId(absl::StrCat("indicator|", request.request_id()));
  indicator.set_name(IndicatorName(ids[0], id));
  ASSIGN_OR_RETURN(std::string response,
                   Mutate(ids[0], "", request.request_id(),
                          [&indicator](v1::Project& doc, std::string* response) {
                            if (FindChild(doc.mutable_indicators(), indicator.name())) {
                              return absl::AlreadyExistsError(
                                  absl::StrCat(indicator.name(), " exists"));
                            }
                            indicator.set_etag(doc.etag());
                            *doc.add_indicators() = indicator;
                            *response = Encode(indicator);
                            return absl::OkStatus();
                          }));
  return Decode<v1::Indicator>(response);
}

absl::StatusOr<v1::Indicator> Registry::UpdateIndicator(
    const v1::UpdateIndicatorRequest& request) {
  const std::string& name = request.indicator().name();
  ASSIGN_OR_RETURN(auto ids, ParseName(name, "projects/*/indicators/*", "indicator.name"));
  ASSIGN_OR_RETURN(
      std::string response,
      Mutate(ids[0], "", request.request_id(),
             [&](v1::Project& doc, std::string* response) -> absl::Status {
               v1::Indicator* found = FindChild(doc.mutable_indicators(), name);
               if (found == nullptr) {
                 return absl::NotFoundError(absl::StrCat(name, " does not exist"));
               }
               if (!request.indicator().etag().empty() &&
                   request.indicator().etag() != found->etag()) {
                 return absl::AbortedError(absl::StrCat(
                     "etag \"", request.indicator().etag(),
                     "\" is stale; the indicator has changed"));
               }
               v1::Indicator merged = *found;
               RETURN_IF_ERROR(ApplyUpdateMask(request.indicator(), request.update_mask(),
                                               kIndicatorMutable, &merged));
               RETURN_IF_ERROR(ValidateAndTypeIndicator(merged, "indicator"));
               merged.set_etag(doc.etag());
               *found = merged;
               *response = Encode(merged);
               return absl::OkStatus();
             }));
  return Decode<v1::Indicator>(response);
}

absl::Status Registry::DeleteIndicator(const v1::DeleteIndicatorRequest& request) {
  ASSIGN_OR_RETURN(auto ids, ParseName(request.name(), "projects/*/indicators/*", "name"));
  ASSIGN_OR_RETURN(std::string response,
                   Mutate(ids[0], "", request.request_id(),
                          [&request](v1::Project& doc, std::string*) -> absl::Status {
                            v1::Indicator* found =
                                FindChild(doc.mutable_indicators(), request.name());
                            if (found == nullptr) {
                              return absl::NotFoundError(
                                  absl::StrCat(request.name(), " does not exist"));
                            }
                            if (!request.etag().empty() && request.etag() != found->etag()) {
                              return absl::AbortedError(absl::StrCat(
                                  "etag \"", request.etag(), "\" is stale"));
                            }
                            RemoveChild(doc.mutable_indicators(), request.name());
                            auto* services = doc.mutable_monitored_services();
                            services->erase(
                                std::remove_if(services->begin(), services->end(),
                                               [&request](const v1::MonitoredService& m) {
                                                 return m.indicator() == request.name();
                                               }),
                                services->end());
                            return absl::OkStatus();
                          }));
  (void)response;
  return absl::OkStatus();
}

absl::StatusOr<v1::Milestone> Registry::GetMilestone(const v1::GetMilestoneRequest& request) {
  ASSIGN_OR_RETURN(auto ids, ParseName(request.name(), "projects/*/milestones/*", "name"));
  ASSIGN_OR_RETURN(v1::Project doc, store_.Get(ids[0]));
  v1::Milestone* found = FindChild(doc.mutable_milestones(), request.name());
  if (found == nullptr) {
    return absl::NotFoundError(absl::StrCat(request.name(), " does not exist"));
  }
  return *found;
}

absl::StatusOr<v1::ListMilestonesResponse> Registry::ListMilestones(
    const v1::ListMilestonesRequest& request) {
  ASSIGN_OR_RETURN(auto ids, ParseName(request.parent(), "projects/*", "parent"));
  ASSIGN_OR_RETURN(auto terms, ParseChildFilter(request.filter(), {"district"}));
  ASSIGN_OR_RETURN(auto page, ChildPage(request.parent(), "milestones", request.filter(),
                                        request.page_size(), request.page_token()));
  ASSIGN_OR_RETURN(v1::Project doc, store_.Get(ids[0]));
  std::vector<const v1::Milestone*> matching;
  for (const v1::Milestone& m : doc.milestones()) {
    bool ok = true;
    for (const auto& term : terms) ok = ok && m.district() == term.second;
    if (ok) matching.push_back(&m);
  }
  v1::ListMilestonesResponse response;
  int end = std::min<int>(page.first + page.second, matching.size());
  for (int i = page.first; i < end; ++i) *response.add_milestones() = *matching[i];
  if (end < static_cast<int>(matching.size())) {
    response.set_next_page_token(EncodePageToken(
        absl::StrCat("milestones|", request.parent(), "|", request.filter()),
        std::to_string(end)));
  }
  return response;
}

absl::StatusOr<v1::Milestone> Registry::CreateMilestone(
    const v1::CreateMilestoneRequest& request) {
  ASSIGN_OR_RETURN(auto ids, ParseName(request.parent(), "projects/*", "parent"));
  v1::Milestone milestone = request.milestone();
  RETURN_IF_ERROR(ValidateMilestone(milestone, "milestone"));
  std::string id = request.request_id().empty()
                       ? NewId()
                       : StableId(absl::StrCat("milestone|", request.request_id()));
  milestone.set_name(MilestoneName(ids[0], id));
  milestone.set_inferred(false);
  ASSIGN_OR_RETURN(std::string response,
                   Mutate(ids[0], "", request.request_id(),
                          [&milestone](v1::Project& doc, std::string* response) {
                            if (FindChild(doc.mutable_milestones(), milestone.name())) {
                              return absl::AlreadyExistsError(
                                  absl::StrCat(milestone.name(), " exists"));
                            }
                            milestone.set_etag(doc.etag());
                            *doc.add_milestones() = milestone;
                            *response = Encode(milestone);
                            return absl::OkStatus();
                          }));
  return Decode<v1::Milestone>(response);
}

absl::StatusOr<v1::Milestone> Registry::UpdateMilestone(
    const v1::UpdateMilestoneRequest& request) {
  const std::string& name = request.milestone().name();
  ASSIGN_OR_RETURN(auto ids, ParseName(name, "projects/*/milestones/*", "milestone.name"));
  ASSIGN_OR_RETURN(
      std::string response,
      Mutate(ids[0], "", request.request_id(),
             [&](v1::Project& doc, std::string* response) -> absl::Status {
               v1::Milestone* found = FindChild(doc.mutable_milestones(), name);
               if (found == nullptr) {
                 return absl::NotFoundError(absl::StrCat(name, " does not exist"));
               }
               if (!request.milestone().etag().empty() &&
                   request.milestone().etag() != found->etag()) {
                 return absl::AbortedError(absl::StrCat(
                     "etag \"", request.milestone().etag(),
                     "\" is stale; the milestone has changed"));
               }
               v1::Milestone merged = *found;
               RETURN_IF_ERROR(ApplyUpdateMask(request.milestone(), request.update_mask(),
                                               kMilestoneMutable, &merged));
               RETURN_IF_ERROR(ValidateMilestone(merged, "milestone"));
               merged.set_etag(doc.etag());
               merged.set_inferred(false);  // a person has set it now
               *found = merged;
               *response = Encode(merged);
               return absl::OkStatus();
             }));
  return Decode<v1::Milestone>(response);
}

absl::Status Registry::DeleteMilestone(const v1::DeleteMilestoneRequest& request) {
  ASSIGN_OR_RETURN(auto ids, ParseName(request.name(), "projects/*/milestones/*", "name"));
  ASSIGN_OR_RETURN(std::string response,
                   Mutate(ids[0], "", request.request_id(),
                          [&request](v1::Project& doc, std::string*) -> absl::Status {
                            v1::Milestone* found =
                                FindChild(doc.mutable_milestones(), request.name());
                            if (found == nullptr) {
                              return absl::NotFoundError(
                                  absl::StrCat(request.name(), " does not exist"));
                            }
                            if (!request.etag().empty() && request.etag() != found->etag()) {
                              return absl::AbortedError(absl::StrCat(
                                  "etag \"", request.etag(), "\" is stale"));
                            }
                            RemoveChild(doc.mutable_milestones(), request.name());
                            return absl::OkStatus();
                          }));
  (void)response;
  return absl::OkStatus();
}

}  // namespace targetwatch
