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
#include "services/common/proto_bytes.h"
#include "services/common/proto_time.h"
#include "services/common/random_id.h"
#include "services/common/resource_name.h"
#include "services/common/stable_hash.h"
#include "services/common/status_macros.h"
#include "services/common/update_mask.h"
#include "services/registry/child_resources.h"
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


const Clock& Registry::DefaultClock() {
  static const RealClock* clock = new RealClock();
  return *clock;
}

void Registry::Stamp(google::protobuf::Timestamp* time) const {
  SetTimestamp(clock_.Now(), time);
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
    document.set_etag(RandomId());
    Stamp(document.mutable_update_time());
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
  std::string id = IdFor("project", request.request_id());
  if (!request.request_id().empty()) {
    ASSIGN_OR_RETURN(std::optional<std::string> replay,
                     store_.Replay(id, request.request_id()));
    if (replay) return Decode<v1::Project>(*replay);
  }
  project.set_name(ProjectName(id));
  project.set_etag(RandomId());
  Stamp(project.mutable_create_time());
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

// Indicators and milestones live inside their project's document; one set
// of templates serves both (see child_resources.h).

template <typename T>
absl::StatusOr<T> Registry::GetChild(const std::string& name) {
  using Traits = ChildTraits<T>;
  ASSIGN_OR_RETURN(auto ids, ParseName(name, Traits::kPattern, "name"));
  ASSIGN_OR_RETURN(v1::Project doc, store_.Get(ids[0]));
  T* found = FindChild(Traits::Of(doc), name);
  if (found == nullptr) return absl::NotFoundError(absl::StrCat(name, " does not exist"));
  return *found;
}

template <typename T>
absl::StatusOr<std::pair<std::vector<T>, std::string>> Registry::ListChildren(
    const std::string& parent, const std::string& filter, int page_size,
    const std::string& page_token) {
  using Traits = ChildTraits<T>;
  ASSIGN_OR_RETURN(auto ids, ParseName(parent, "projects/*", "parent"));
  ASSIGN_OR_RETURN(auto terms, ParseChildFilter(filter, Traits::Filters()));
  ASSIGN_OR_RETURN(auto page, ChildPage(parent, Traits::kCollection, filter, page_size,
                                        page_token));
  ASSIGN_OR_RETURN(v1::Project doc, store_.Get(ids[0]));
  std::vector<const T*> matching;
  for (const T& child : *Traits::Of(doc)) {
    bool ok = true;
    for (const auto& [field, value] : terms) ok = ok && Traits::FilterValue(child, field) == value;
    if (ok) matching.push_back(&child);
  }
  std::pair<std::vector<T>, std::string> result;
  int end = std::min<int>(page.first + page.second, matching.size());
  for (int i = page.first; i < end; ++i) result.first.push_back(*matching[i]);
  if (end < static_cast<int>(matching.size())) {
    result.second = EncodePageToken(
        absl::StrCat(Traits::kCollection, "|", parent, "|", filter), std::to_string(end));
  }
  return result;
}

template <typename T>
absl::StatusOr<T> Registry::CreateChild(const std::string& parent, T child,
                                        const std::string& request_id) {
  using Traits = ChildTraits<T>;
  ASSIGN_OR_RETURN(auto ids, ParseName(parent, "projects/*", "parent"));
  RETURN_IF_ERROR(Traits::Prepare(child));
  std::string id = IdFor(Traits::kField, request_id);
  child.set_name(absl::StrCat(parent, "/", Traits::kCollection, "/", id));
  ASSIGN_OR_RETURN(std::string response,
                   Mutate(ids[0], "", request_id,
                          [&child](v1::Project& doc, std::string* response) {
                            if (FindChild(Traits::Of(doc), child.name())) {
                              return absl::AlreadyExistsError(
                                  absl::StrCat(child.name(), " exists"));
                            }
                            child.set_etag(doc.etag());
                            *Traits::Of(doc)->Add() = child;
                            *response = Encode(child);
                            return absl::OkStatus();
                          }));
  return Decode<T>(response);
}

template <typename T>
absl::StatusOr<T> Registry::UpdateChild(const T& update,
                                        const google::protobuf::FieldMask& mask,
                                        const std::string& request_id) {
  using Traits = ChildTraits<T>;
  const std::string& name = update.name();
  ASSIGN_OR_RETURN(auto ids, ParseName(name, Traits::kPattern,
                                       absl::StrCat(Traits::kField, ".name")));
  ASSIGN_OR_RETURN(
      std::string response,
      Mutate(ids[0], "", request_id,
             [&](v1::Project& doc, std::string* response) -> absl::Status {
               T* found = FindChild(Traits::Of(doc), name);
               if (found == nullptr) {
                 return absl::NotFoundError(absl::StrCat(name, " does not exist"));
               }
               if (!update.etag().empty() && update.etag() != found->etag()) {
                 return absl::AbortedError(absl::StrCat("etag \"", update.etag(),
                                                        "\" is stale; the ", Traits::kField,
                                                        " has changed"));
               }
               T merged = *found;
               RETURN_IF_ERROR(ApplyUpdateMask(update, mask, Traits::Mutable(), &merged));
               RETURN_IF_ERROR(Traits::Prepare(merged));
               merged.set_etag(doc.etag());
               *found = merged;
               *response = Encode(merged);
               return absl::OkStatus();
             }));
  return Decode<T>(response);
}

template <typename T>
absl::Status Registry::DeleteChild(const std::string& name, const std::string& etag,
                                   const std::string& request_id) {
  using Traits = ChildTraits<T>;
  ASSIGN_OR_RETURN(auto ids, ParseName(name, Traits::kPattern, "name"));
  ASSIGN_OR_RETURN(std::string response,
                   Mutate(ids[0], "", request_id,
                          [&](v1::Project& doc, std::string*) -> absl::Status {
                            auto* children = Traits::Of(doc);
                            for (int i = 0; i < children->size(); ++i) {
                              if (children->Get(i).name() != name) continue;
                              if (!etag.empty() && etag != children->Get(i).etag()) {
                                return absl::AbortedError(
                                    absl::StrCat("etag \"", etag, "\" is stale"));
                              }
                              children->erase(children->begin() + i);
                              Traits::OnDelete(doc, name);
                              return absl::OkStatus();
                            }
                            return absl::NotFoundError(absl::StrCat(name, " does not exist"));
                          }));
  (void)response;
  return absl::OkStatus();
}

absl::StatusOr<v1::Indicator> Registry::GetIndicator(const v1::GetIndicatorRequest& request) {
  return GetChild<v1::Indicator>(request.name());
}

absl::StatusOr<v1::ListIndicatorsResponse> Registry::ListIndicators(
    const v1::ListIndicatorsRequest& request) {
  ASSIGN_OR_RETURN(auto page, ListChildren<v1::Indicator>(request.parent(), request.filter(),
                                                          request.page_size(),
                                                          request.page_token()));
  v1::ListIndicatorsResponse response;
  for (auto& child : page.first) *response.add_indicators() = std::move(child);
  response.set_next_page_token(page.second);
  return response;
}

absl::StatusOr<v1::Indicator> Registry::CreateIndicator(
    const v1::CreateIndicatorRequest& request) {
  return CreateChild(request.parent(), request.indicator(), request.request_id());
}

absl::StatusOr<v1::Indicator> Registry::UpdateIndicator(
    const v1::UpdateIndicatorRequest& request) {
  return UpdateChild(request.indicator(), request.update_mask(), request.request_id());
}

absl::Status Registry::DeleteIndicator(const v1::DeleteIndicatorRequest& request) {
  return DeleteChild<v1::Indicator>(request.name(), request.etag(), request.request_id());
}

absl::StatusOr<v1::Milestone> Registry::GetMilestone(const v1::GetMilestoneRequest& request) {
  return GetChild<v1::Milestone>(request.name());
}

absl::StatusOr<v1::ListMilestonesResponse> Registry::ListMilestones(
    const v1::ListMilestonesRequest& request) {
  ASSIGN_OR_RETURN(auto page, ListChildren<v1::Milestone>(request.parent(), request.filter(),
                                                          request.page_size(),
                                                          request.page_token()));
  v1::ListMilestonesResponse response;
  for (auto& child : page.first) *response.add_milestones() = std::move(child);
  response.set_next_page_token(page.second);
  return response;
}

absl::StatusOr<v1::Milestone> Registry::CreateMilestone(
    const v1::CreateMilestoneRequest& request) {
  return CreateChild(request.parent(), request.milestone(), request.request_id());
}

absl::StatusOr<v1::Milestone> Registry::UpdateMilestone(
    const v1::UpdateMilestoneRequest& request) {
  return UpdateChild(request.milestone(), request.update_mask(), request.request_id());
}

absl::Status Registry::DeleteMilestone(const v1::DeleteMilestoneRequest& request) {
  return DeleteChild<v1::Milestone>(request.name(), request.etag(), request.request_id());
}

}  // namespace targetwatch
