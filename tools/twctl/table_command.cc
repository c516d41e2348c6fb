// twctl table parse FILE [--json]: reads target tables offline, with no
// server, and prints what was understood.
#include <iomanip>
#include <iostream>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "google/protobuf/util/json_util.h"
#include "services/tables/table_reader.h"
#include "tools/twctl/cli_values.h"
#include "tools/twctl/command.h"
#include "tools/twctl/text_file.h"

namespace targetwatch::twctl {
namespace {

std::string Yuan(int64_t fen) {
  // 26470288.00 as 26,470,288.00
  std::string digits = std::to_string(fen / 100);
  std::string grouped;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped.push_back(',');
    grouped.push_back(digits[i]);
  }
  return absl::StrFormat("%s.%02d", grouped, fen % 100);
}

std::string TargetText(const v1::Target& t) {
  if (t.kind() == v1::QUALITATIVE) {
    return absl::StrCat("QUALITATIVE \"", t.expectation(), "\"");
  }
  std::string text = absl::StrCat(v1::TargetKind_Name(t.kind()), " ",
                                  v1::Comparator_Name(t.comparator()), " ",
                                  t.value(), t.unit().empty() ? "" : " ", t.unit());
  if (!t.expectation().empty() && t.kind() == v1::NUMERIC) {
    absl::StrAppend(&text, " \"", t.expectation(), "\"");
  }
  return absl::StrCat(text, " (", v1::Direction_Name(t.direction()), ")");
}

void PrintProject(const v1::Project& p, int index) {
  std::cout << "Project " << index << " (line " << p.source_line()
            << "): " << p.title() << "\n"
            << "  department:       " << p.department() << "\n"
            << "  fiscal year:      " << p.fiscal_year() << "\n"
            << "  category:         " << p.category() << "\n"
            << "  performance type: " << p.performance_type() << "\n"
            << "  purchased services: "
            << (p.has_includes_purchased_services()
                    ? (p.includes_purchased_services() ? "是" : "否")
                    : "-")
            << "\n"
            << "  planned:          " << DateText(p.planned_start()) << " .. "
            << DateText(p.planned_end()) << "\n"
            << "  budget (元):      total " << Yuan(p.budget().total_fen())
            << ", current year " << Yuan(p.budget().current_year_fen())
            << ", last year " << Yuan(p.budget().previous_year_budget_fen())
            << " (executed " << Yuan(p.budget().previous_year_executed_fen())
            << ")\n"
            << "  indicators (" << p.indicators_size() << "):\n";
  for (const v1::Indicator& ind : p.indicators()) {
    std::cout << "    line " << std::setw(4) << ind.source_line() << "  "
              << ind.level1() << " / " << ind.level2() << " / " << ind.title()
              << "  \"" << ind.target().raw() << "\" -> "
              << TargetText(ind.target()) << "\n";
  }
}

}  // namespace

int RunTableParse(const CliArgs& args) {
  if (args.words.size() != 1) {
    std::cerr << "usage: twctl table parse FILE [--json]\n";
    return kExitUsage;
  }
  const std::string& path = args.words[0];
  absl::StatusOr<std::string> text = ReadTextFile(path);
  if (!text.ok()) {
    std::cerr << "twctl: " << text.status().message() << "\n";
    return kExitFailed;
  }
  tables::ReadResult read = tables::ReadTargetTables(*text);
  for (const v1::LineMessage& w : read.warnings) {
    std::cerr << path << ":" << w.line() << ": warning: " << w.message() << "\n";
  }
  if (!read.errors.empty()) {
    for (const v1::LineMessage& e : read.errors) {
      std::cerr << path << ":" << e.line() << ": error: " << e.message() << "\n";
    }
    std::cerr << "twctl: " << read.errors.size() << " error(s); " << path
              << " was not understood\n";
    return kExitFailed;
  }
  if (args.Has("json")) {
    v1::ParseTargetTableResponse response;
    for (const v1::Project& p : read.projects) *response.add_projects() = p;
    for (const v1::LineMessage& w : read.warnings) *response.add_warnings() = w;
    google::protobuf::util::JsonPrintOptions options;
    options.add_whitespace = true;
    options.always_print_primitive_fields = true;
    std::string json;
    auto status = google::protobuf::util::MessageToJsonString(response, &json, options);
    if (!status.ok()) {
      std::cerr << "twctl: " << status.ToString() << "\n";
      return kExitFailed;
    }
    std::cout << json;
    return kExitOk;
  }
  int index = 0;
  for (const v1::Project& p : read.projects) PrintProject(p, ++index);
  if (!read.warnings.empty()) {
    std::cout << read.warnings.size() << " warning(s), on stderr\n";
  }
  return kExitOk;
}

}  // namespace targetwatch::twctl
