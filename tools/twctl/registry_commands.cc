// twctl commands of the registry: import, projects, indicators, milestones.
#include <iostream>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "targetwatch/v1/registry.grpc.pb.h"
#include "tools/twctl/cli_values.h"
#include "tools/twctl/command.h"
#include "tools/twctl/rpc.h"
#include "tools/twctl/text_file.h"

namespace targetwatch::twctl {
namespace {

std::unique_ptr<v1::RegistryService::Stub> Stub(const CliArgs& args) {
  return v1::RegistryService::NewStub(RegistryChannel(args));
}

const char* ActionName(v1::ProjectChange::Action action) {
  switch (action) {
    case v1::ProjectChange::CREATED: return "created";
    case v1::ProjectChange::UPDATED: return "updated";
    case v1::ProjectChange::UNCHANGED: return "unchanged";
    default: return "?";
  }
}

}  // namespace

int RunImport(const CliArgs& args) {
  if (args.words.size() != 1) return Usage("import FILE [--dry-run] [--request-id ID] [--json]");
  const std::string& path = args.words[0];
  absl::StatusOr<std::string> text = ReadTextFile(path);
  if (!text.ok()) {
    std::cerr << "twctl: " << text.status().message() << "\n";
    return kExitFailed;
  }
  v1::ImportTargetTableRequest request;
  request.set_text(*text);
  request.set_source_name(path);
  request.set_dry_run(args.Has("dry-run"));
  request.set_request_id(args.GetOr("request-id", nullptr, ""));
  v1::ImportTargetTableResponse response;
  auto context = CallContext(args);
  grpc::Status status = Stub(args)->ImportTargetTable(context.get(), request, &response);
  if (!status.ok()) {
    if (status.error_code() == grpc::StatusCode::INVALID_ARGUMENT) {
      // The message lists "line N: ..." for each error; say which file.
      for (absl::string_view line : absl::StrSplit(status.error_message(), '\n')) {
        std::cerr << path << ": " << line << "\n";
      }
      std::cerr << "twctl: " << path << " was not imported; nothing was written\n";
      return kExitFailed;
    }
    return Fail(status);
  }
  if (args.Has("json")) {
    PrintJson(response);
    return kExitOk;
  }
  for (const v1::LineMessage& w : response.warnings()) {
    std::cerr << path << ":" << w.line() << ": warning: " << w.message() << "\n";
  }
  int counts[4] = {0, 0, 0, 0};
  for (const v1::ProjectChange& change : response.changes()) {
    ++counts[change.action()];
    std::cout << (response.dry_run() ? "would be " : "") << ActionName(change.action())
              << "\t" << change.project() << "\t" << change.title();
    if (change.changed_fields_size() > 0) {
      std::cout << "\t(";
      for (int i = 0; i < change.changed_fields_size(); ++i) {
        std::cout << (i ? ", " : "") << change.changed_fields(i);
      }
      std::cout << ")";
    }
    std::cout << "\n";
  }
  std::cout << (response.dry_run() ? "dry run, nothing written: " : "")
            << counts[v1::ProjectChange::CREATED] << " created, "
            << counts[v1::ProjectChange::UPDATED] << " updated, "
            << counts[v1::ProjectChange::UNCHANGED] << " unchanged";
  if (!response.dry_run() && counts[v1::ProjectChange::CREATED] == 0 &&
      counts[v1::ProjectChange::UPDATED] == 0) {
    std::cout << " (nothing new)";
  }
  std::cout << "; " << response.warnings_size() << " warning(s)\n";
  return kExitOk;
}

int RunProjectsList(const CliArgs& args) {
  if (!args.words.empty()) {
    return Usage("projects list [--year Y] [--department D] [--district D] [--category C] [--json]");
  }
  std::vector<std::string> terms;
  for (const auto& [flag, field] : {std::pair{"year", "fiscal_year"},
                                    {"department", "department"},
                                    {"district", "district"},
                                    {"category", "category"}}) {
    if (auto value = args.Get(flag)) terms.push_back(absl::StrCat(field, "=\"", *value, "\""));
  }
  v1::ListProjectsRequest request;
  request.set_filter(absl::StrJoin(terms, " AND "));
  v1::ListProjectsResponse all;
  auto stub = Stub(args);
  grpc::Status status = ForEachPage<v1::ListProjectsRequest, v1::ListProjectsResponse>(
      args, request,
      [&stub](auto* context, const auto& r, auto* page) { return stub->ListProjects(context, r, page); },
      [&all](const v1::ListProjectsResponse& page) {
        for (const auto& p : page.projects()) *all.add_projects() = p;
      });
  if (!status.ok()) return Fail(status);
  if (args.Has("json")) {
    PrintJson(all);
    return kExitOk;
  }
  std::cout << "NAME\tYEAR\tDEPARTMENT\tCATEGORY\tCURRENT-YEAR BUDGET (元)\tTITLE\n";
  for (const v1::Project& p : all.projects()) {
    std::cout << p.name() << "\t" << p.fiscal_year() << "\t" << p.department() << "\t"
              << p.category() << "\t"
              << absl::StrFormat("%.2f", p.budget().current_year_fen() / 100.0) << "\t"
              << p.title() << "\n";
  }
  std::cout << all.projects_size() << " project(s)\n";
  return kExitOk;
}

int RunProjectsGet(const CliArgs& args) {
  if (args.words.size() != 1) return Usage("projects get NAME [--json]");
  v1::GetProjectRequest request;
  request.set_name(Qualify(args.words[0], "projects"));
  request.set_view(v1::FULL);
  v1::Project p;
  auto context = CallContext(args);
  grpc::Status status = Stub(args)->GetProject(context.get(), request, &p);
  if (!status.ok()) return Fail(status);
  if (args.Has("json")) {
    PrintJson(p);
    return kExitOk;
  }
  std::cout << p.name() << "\n  title:       " << p.title()
            << "\n  department:  " << p.department()
            << "\n  fiscal year: " << p.fiscal_year()
            << "\n  category:    " << p.category()
            << "\n  planned:     " << DateText(p.planned_start()) << " .. "
            << DateText(p.planned_end())
            << absl::StrFormat("\n  budget:      total %.2f 元, current year %.2f 元",
                               p.budget().total_fen() / 100.0,
                               p.budget().current_year_fen() / 100.0)
            << "\n  districts:   " << absl::StrJoin(p.districts(), ", ")
            << "\n  indicators:  " << p.indicators_size()
            << "\n  milestones:  " << p.milestones_size()
            << "\n  etag:        " << p.etag() << "\n";
  return kExitOk;
}

int RunIndicatorsList(const CliArgs& args) {
  if (args.words.size() != 1) return Usage("indicators list PROJECT [--json]");
  v1::ListIndicatorsRequest request;
  request.set_parent(Qualify(args.words[0], "projects"));
  request.set_page_size(1000);
  v1::ListIndicatorsResponse response;
  auto context = CallContext(args);
  grpc::Status status = Stub(args)->ListIndicators(context.get(), request, &response);
  if (!status.ok()) return Fail(status);
  if (args.Has("json")) {
    PrintJson(response);
    return kExitOk;
  }
  std::cout << "NAME\tLEVEL1\tLEVEL2\tTITLE\tTARGET\tKIND\tWEIGHT\n";
  for (const v1::Indicator& ind : response.indicators()) {
    std::cout << ind.name() << "\t" << ind.level1() << "\t" << ind.level2() << "\t"
              << ind.title() << "\t" << ind.target().raw() << "\t"
              << v1::TargetKind_Name(ind.target().kind()) << "\t" << ind.weight() << "\n";
  }
  std::cout << response.indicators_size() << " indicator(s)\n";
  return kExitOk;
}

int RunMilestonesList(const CliArgs& args) {
  if (args.words.size() != 1) return Usage("milestones list PROJECT [--json]");
  v1::ListMilestonesRequest request;
  request.set_parent(Qualify(args.words[0], "projects"));
  request.set_page_size(1000);
  v1::ListMilestonesResponse response;
  auto context = CallContext(args);
  grpc::Status status = Stub(args)->ListMilestones(context.get(), request, &response);
  if (!status.ok()) return Fail(status);
  if (args.Has("json")) {
    PrintJson(response);
    return kExitOk;
  }
  std::cout << "NAME\tDUE\tDONE\tDISTRICT\tINFERRED\tTITLE\n";
  for (const v1::Milestone& m : response.milestones()) {
    std::cout << m.name() << "\t" << DateText(m.due_date()) << "\t"
              << DateText(m.done_date()) << "\t" << (m.district().empty() ? "-" : m.district())
              << "\t" << (m.inferred() ? "yes" : "no") << "\t" << m.title() << "\n";
  }
  std::cout << response.milestones_size() << " milestone(s)\n";
  return kExitOk;
}

// Fills a milestone from --title, --due, --done, --district; the mask
// names what was given. False (after a message) on a bad date.
static bool MilestoneFlags(const CliArgs& args, v1::Milestone* m,
                           google::protobuf::FieldMask* mask) {
  if (auto title = args.Get("title")) {
    m->set_title(*title);
    mask->add_paths("title");
  }
  for (const auto& [flag, path] : {std::pair{"due", "due_date"}, {"done", "done_date"}}) {
    if (auto value = args.Get(flag)) {
      v1::Date* date = std::string(path) == "due_date" ? m->mutable_due_date()
                                                       : m->mutable_done_date();
      if (!ParseDate(*value, date)) {
        std::cerr << "twctl: --" << flag << " \"" << *value << "\" is not YYYY-MM-DD\n";
        return false;
      }
      mask->add_paths(path);
    }
  }
  if (auto district = args.Get("district")) {
    m->set_district(*district);
    mask->add_paths("district");
  }
  return true;
}

int RunMilestonesCreate(const CliArgs& args) {
  const char* usage = "milestones create PROJECT --title T --due YYYY-MM-DD [--district D]";
  if (args.words.size() != 1 || !args.Has("title") || !args.Has("due")) return Usage(usage);
  v1::CreateMilestoneRequest request;
  request.set_parent(Qualify(args.words[0], "projects"));
  google::protobuf::FieldMask unused;
  if (!MilestoneFlags(args, request.mutable_milestone(), &unused)) return kExitUsage;
  request.set_request_id(args.GetOr("request-id", nullptr, ""));
  v1::Milestone created;
  auto context = CallContext(args);
  grpc::Status status = Stub(args)->CreateMilestone(context.get(), request, &created);
  if (!status.ok()) return Fail(status);
  if (args.Has("json")) {
    PrintJson(created);
  } else {
    std::cout << "created " << created.name() << "\n";
  }
  return kExitOk;
}

int RunMilestonesUpdate(const CliArgs& args) {
  const char* usage =
      "milestones update NAME [--title T] [--due YYYY-MM-DD] [--done YYYY-MM-DD] "
      "[--district D] [--etag E]";
  if (args.words.size() != 1) return Usage(usage);
  v1::UpdateMilestoneRequest request;
  v1::Milestone* m = request.mutable_milestone();
  m->set_name(args.words[0]);
  m->set_etag(args.GetOr("etag", nullptr, ""));
  if (!MilestoneFlags(args, m, request.mutable_update_mask())) return kExitUsage;
  if (request.update_mask().paths().empty()) return Usage(usage);
  v1::Milestone updated;
  auto context = CallContext(args);
  grpc::Status status = Stub(args)->UpdateMilestone(context.get(), request, &updated);
  if (!status.ok()) return Fail(status);
  if (args.Has("json")) {
    PrintJson(updated);
  } else {
    std::cout << "updated " << updated.name() << " (etag " << updated.etag() << ")\n";
  }
  return kExitOk;
}

}  // namespace targetwatch::twctl
