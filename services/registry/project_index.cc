#include "services/registry/project_index.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace targetwatch {

std::vector<IndexTerm> IndexTermsOf(const v1::Project& project) {
  std::vector<IndexTerm> terms;
  if (project.fiscal_year() != 0) {
    terms.push_back({"fiscal_year", std::to_string(project.fiscal_year())});
  }
  if (!project.department().empty()) {
    terms.push_back({"department", project.department()});
  }
  if (!project.category().empty()) terms.push_back({"category", project.category()});
  for (const std::string& district : project.districts()) {
    terms.push_back({"district", district});
  }
  std::sort(terms.begin(), terms.end());
  terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
  return terms;
}

absl::StatusOr<std::vector<IndexTerm>> ParseProjectFilter(absl::string_view filter) {
  std::vector<IndexTerm> terms;
  if (absl::StripAsciiWhitespace(filter).empty()) return terms;
  for (absl::string_view part : absl::StrSplit(filter, " AND ")) {
    part = absl::StripAsciiWhitespace(part);
    size_t eq = part.find('=');
    auto bad = [&](absl::string_view why) {
      return absl::InvalidArgumentError(
          absl::StrCat("filter: \"", part, "\" ", why,
                       " (write field=value joined by AND; fields: fiscal_year, "
                       "department, district, category)"));
    };
    if (eq == absl::string_view::npos) return bad("is not field=value");
    std::string field(absl::StripAsciiWhitespace(part.substr(0, eq)));
    absl::string_view value = absl::StripAsciiWhitespace(part.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    if (field != "fiscal_year" && field != "department" && field != "district" &&
        field != "category") {
      return bad("names a field that cannot be filtered on");
    }
    if (value.empty()) return bad("has no value");
    if (field == "fiscal_year") {
      for (char c : value) {
        if (c < '0' || c > '9') return bad("needs a year");
      }
    }
    terms.push_back({field, std::string(value)});
  }
  return terms;
}

bool Matches(const v1::Project& project, const std::vector<IndexTerm>& terms) {
  std::vector<IndexTerm> has = IndexTermsOf(project);
  for (const IndexTerm& term : terms) {
    if (!std::binary_search(has.begin(), has.end(), term)) return false;
  }
  return true;
}

std::string NaturalKeyOf(const v1::Project& project) {
  // The unit separator cannot appear in a table's cells.
  return absl::StrCat(project.department(), "\x1f", project.title(), "\x1f",
                      project.fiscal_year());
}

}  // namespace targetwatch
