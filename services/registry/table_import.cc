#include "services/registry/table_import.h"

#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "google/protobuf/util/message_differencer.h"
#include "services/common/random_id.h"
#include "services/common/resource_name.h"
#include "services/common/stable_hash.h"
#include "services/common/status_macros.h"
#include "services/registry/project_index.h"
#include "services/registry/registry_validation.h"
#include "services/registry/schedule_inference.h"
#include "services/tables/table_reader.h"

namespace targetwatch {
namespace {

using google::protobuf::util::MessageDifferencer;

constexpr int kMaxConcurrentRetries = 5;

absl::Status CheckText(const std::string& text) {
  if (text.size() > kMaxTableBytes) {
    return absl::InvalidArgumentError(absl::StrCat(
        "text: ", text.size(), " bytes; at most ", kMaxTableBytes >> 20, " MiB"));
  }
  return absl::OkStatus();
}

// The digits of a service number in an indicator's title ("962121平台运行
// 服务时长" -> "962121"), else the title itself.
std::string ServiceOf(const std::string& title) {
  std::string digits;
  for (char c : title) {
    if (c >= '0' && c <= '9') {
      digits.push_back(c);
    } else if (digits.size() >= 3) {
      break;
    } else {
      digits.clear();
    }
  }
  return digits.size() >= 3 ? digits : title;
}

// Everything the registry proposes for one parsed table: indicator names,
// monitored services, the inferred schedule.
struct Proposal {
  v1::Project project;  // FULL, names set, no etag or times
  std::vector<v1::LineMessage> notes;
};

Proposal Propose(const v1::Project& parsed, const std::string& id) {
  Proposal proposal;
  v1::Project& p = proposal.project;
  p = parsed;
  p.set_name(ProjectName(id));
  std::map<std::string, int> seen;
  for (v1::Indicator& ind : *p.mutable_indicators()) {
    // Stable across imports of the same table, unique within the project.
    std::string key = absl::StrCat(ind.level1(), "|", ind.level2(), "|", ind.title());
    int n = seen[key]++;
    if (n > 0) absl::StrAppend(&key, "|", n);
    ind.set_name(IndicatorName(id, StableId(key).substr(0, 12)));
    if (ind.target().kind() == v1::AVAILABILITY) {
      v1::MonitoredService* service = p.add_monitored_services();
      service->set_service(ServiceOf(ind.title()));
      service->set_indicator(ind.name());
      service->set_target_percent(ind.target().value());
    }
  }
  ProposedSchedule schedule = InferSchedule(p);
  for (v1::Milestone& m : schedule.milestones) {
    m.set_name(MilestoneName(id, StableId(absl::StrCat("plan|", m.title())).substr(0, 12)));
    *p.add_milestones() = std::move(m);
  }
  for (v1::DisbursementCheckpoint& c : schedule.disbursement_plan) {
    *p.add_disbursement_plan() = std::move(c);
  }
  for (const std::string& note : schedule.notes) {
    v1::LineMessage m;
    m.set_line(parsed.source_line());
    m.set_message(absl::StrCat(parsed.title(), ": ", note, "; edit it as needed"));
    proposal.notes.push_back(std::move(m));
  }
  return proposal;
}

bool SameFields(const google::protobuf::Message& a, const google::protobuf::Message& b,
                const std::vector<const google::protobuf::FieldDescriptor*>& ignored) {
  MessageDifferencer differ;
  for (const auto* field : ignored) differ.IgnoreField(field);
  return differ.Compare(a, b);
}

// True when `a` and `b` agree on the one field `name`.
bool SameField(const v1::Project& a, const v1::Project& b, const char* name) {
  const auto* d = v1::Project::descriptor();
  MessageDifferencer differ;
  for (int i = 0; i < d->field_count(); ++i) {
    if (d->field(i)->name() != name) differ.IgnoreField(d->field(i));
  }
  return differ.Compare(a, b);
}

// Merges a proposal into the stored project: the table's facts and
// indicators win; what people set that tables do not carry (districts,
// edited milestones, weights the table leaves out, an edited disbursement
// plan) stays. `changed` gets the fields that differ.
v1::Project Merge(const v1::Project& stored, const v1::Project& proposal,
                  std::vector<std::string>* changed) {
  for (const char* name : {"title", "department", "category", "fiscal_year",
                           "planned_start", "planned_end",
                           "includes_purchased_services", "performance_type",
                           "narrative", "budget", "monitored_services"}) {
    if (!SameField(stored, proposal, name)) changed->push_back(name);
  }
  v1::Project merged = proposal;
  merged.set_name(stored.name());
  *merged.mutable_create_time() = stored.create_time();
  *merged.mutable_districts() = stored.districts();

  // Indicators: the table's list, keeping weights people set where the
  // table has none, and the etags of those that did not change.
  std::map<std::string, const v1::Indicator*> old_indicators;
  for (const v1::Indicator& ind : stored.indicators()) old_indicators[ind.name()] = &ind;
  int added = 0, updated = 0;
  const auto* etag_field = v1::Indicator::descriptor()->FindFieldByName("etag");
  for (v1::Indicator& next : *merged.mutable_indicators()) {
    auto it = old_indicators.find(next.name());
    if (it == old_indicators.end()) {
      ++added;
      continue;
    }
    if (next.weight() == 0) next.set_weight(it->second->weight());
    next.set_etag(it->second->etag());
    if (!SameFields(*it->second, next, {etag_field})) {
      ++updated;
      next.clear_etag();  // gets the new document etag
    }
    old_indicators.erase(it);
  }
  int removed = static_cast<int>(old_indicators.size());
  if (added || updated || removed) {
    changed->push_back(absl::StrCat("indicators (", added, " added, ", updated,
                                    " changed, ", removed, " removed)"));
  }

  // Milestones: inferred ones follow the table; ones people made or edited
  // stay as they are.
  std::set<std::string> old_inferred;
  std::set<std::string> kept_names;
  merged.clear_milestones();
  for (const v1::Milestone& m : stored.milestones()) {
    if (m.inferred()) {
      old_inferred.insert(m.name() + "|" + m.title());
    } else {
      kept_names.insert(m.name());
      *merged.add_milestones() = m;
    }
  }
  std::set<std::string> new_inferred;
  for (const v1::Milestone& m : proposal.milestones()) {
    if (kept_names.count(m.name())) continue;
    new_inferred.insert(m.name() + "|" + m.title());
    *merged.add_milestones() = m;
  }
  if (old_inferred != new_inferred) changed->push_back("milestones");

  // A disbursement plan people have is theirs; a proposal only fills a gap.
  if (!stored.disbursement_plan().empty()) {
    *merged.mutable_disbursement_plan() = stored.disbursement_plan();
  } else if (!proposal.disbursement_plan().empty()) {
    changed->push_back("disbursement_plan");
  }
  return merged;
}

}  // namespace

absl::StatusOr<v1::ParseTargetTableResponse> ParseTable(
    const v1::ParseTargetTableRequest& request) {
  RETURN_IF_ERROR(CheckText(request.text()));
  ASSIGN_OR_RETURN(v1::ParseTargetTableResponse response,
                   tables::ParseTargetTables(request.text()));
  for (v1::Project& project : *response.mutable_projects()) {
    Proposal proposal = Propose(project, "new");
    project.clear_name();
    *project.mutable_milestones() = proposal.project.milestones();
    *project.mutable_disbursement_plan() = proposal.project.disbursement_plan();
    for (v1::Milestone& m : *project.mutable_milestones()) m.clear_name();
    for (v1::LineMessage& note : proposal.notes) *response.add_warnings() = note;
  }
  return response;
}

absl::StatusOr<v1::ImportTargetTableResponse> ImportTable(
    Registry& registry, const v1::ImportTargetTableRequest& request) {
  RETURN_IF_ERROR(CheckText(request.text()));
  if (request.request_id().size() > 128) {
    return absl::InvalidArgumentError("request_id: longer than 128 characters");
  }
  RegistryStore& store = registry.store();
  if (!request.request_id().empty() && !request.dry_run()) {
    ASSIGN_OR_RETURN(std::optional<std::string> replay,
                     store.ReplayGlobal(request.request_id()));
    if (replay) {
      v1::ImportTargetTableResponse response;
      if (!response.ParseFromString(*replay)) {
        return absl::DataLossError("stored import response is corrupt");
      }
      return response;
    }
  }
  ASSIGN_OR_RETURN(v1::ParseTargetTableResponse parsed,
                   tables::ParseTargetTables(request.text()));
  v1::ImportTargetTableResponse response;
  response.set_dry_run(request.dry_run());
  *response.mutable_warnings() = parsed.warnings();

  // Check everything before writing anything.
  std::set<std::string> keys;
  for (v1::Project& project : *parsed.mutable_projects()) {
    std::string where = absl::StrCat("line ", project.source_line(), ": ");
    absl::Status valid = ValidateProject(project, "project");
    if (!valid.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(where, valid.message()));
    }
    if (!keys.insert(NaturalKeyOf(project)).second) {
      return absl::InvalidArgumentError(absl::StrCat(
          where, "the text has two tables of \"", project.title(),
          "\" for the same department and year"));
    }
  }

  for (const v1::Project& project : parsed.projects()) {
    std::string key = NaturalKeyOf(project);
    std::string proposed_id = StableId(key);
    v1::ProjectChange* change = response.add_changes();
    change->set_title(project.title());
    for (int attempt = 0;; ++attempt) {
      std::string id = proposed_id;
      if (request.dry_run()) {
        ASSIGN_OR_RETURN(std::optional<std::string> found, store.FindNaturalKey(key));
        if (found) id = *found;
      } else {
        ASSIGN_OR_RETURN(id, store.ClaimNaturalKey(key, proposed_id));
      }
      Proposal proposal = Propose(project, id);
      if (attempt == 0) {
        for (v1::LineMessage& note : proposal.notes) *response.add_warnings() = note;
      }
      change->set_project(ProjectName(id));
      absl::StatusOr<v1::Project> stored = store.Get(id);
      if (!stored.ok() && !absl::IsNotFound(stored.status())) return stored.status();

      RegistryStore::Write write;
      write.id = id;
      if (!stored.ok()) {
        change->set_action(v1::ProjectChange::CREATED);
        change->clear_changed_fields();
        if (request.dry_run()) break;
        write.mode = RegistryStore::Mode::kCreate;
        write.document = std::move(proposal.project);
        write.document.set_etag(RandomId());
        registry.Stamp(write.document.mutable_create_time());
        *write.document.mutable_update_time() = write.document.create_time();
        for (auto& ind : *write.document.mutable_indicators()) ind.set_etag(write.document.etag());
        for (auto& m : *write.document.mutable_milestones()) m.set_etag(write.document.etag());
      } else {
        std::vector<std::string> changed;
        v1::Project merged = Merge(*stored, proposal.project, &changed);
        change->clear_changed_fields();
        for (const std::string& field : changed) change->add_changed_fields(field);
        change->set_action(changed.empty() ? v1::ProjectChange::UNCHANGED
                                           : v1::ProjectChange::UPDATED);
        if (changed.empty() || request.dry_run()) break;
        write.mode = RegistryStore::Mode::kUpdate;
        write.expected_etag = stored->etag();
        write.document = std::move(merged);
        write.document.set_etag(RandomId());
        registry.Stamp(write.document.mutable_update_time());
        for (auto& ind : *write.document.mutable_indicators()) {
          if (ind.etag().empty()) ind.set_etag(write.document.etag());
        }
        for (auto& m : *write.document.mutable_milestones()) {
          if (m.etag().empty()) m.set_etag(write.document.etag());
        }
      }
      absl::StatusOr<RegistryStore::Outcome> outcome = store.Apply(write);
      bool raced = absl::IsAborted(outcome.status()) ||
                   (outcome.ok() && outcome->kind == RegistryStore::Outcome::Kind::kExists);
      if (raced && attempt < kMaxConcurrentRetries) continue;  // another import won
      if (!outcome.ok()) return outcome.status();
      break;
    }
  }
  if (!request.request_id().empty() && !request.dry_run()) {
    std::string bytes;
    response.SerializeToString(&bytes);
    RETURN_IF_ERROR(store.RememberGlobal(request.request_id(), bytes));
  }
  return response;
}

}  // namespace targetwatch
