#include "services/alerting/alert_filter.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace targetwatch {

absl::StatusOr<AlertFilter> ParseAlertFilter(const std::string& filter) {
  AlertFilter terms;
  if (absl::StripAsciiWhitespace(filter).empty()) return terms;
  for (absl::string_view part : absl::StrSplit(filter, " AND ")) {
    part = absl::StripAsciiWhitespace(part);
    size_t eq = part.find('=');
    std::string field(absl::StripAsciiWhitespace(part.substr(0, std::min(eq, part.size()))));
    if (eq == absl::string_view::npos ||
        (field != "state" && field != "severity" && field != "project" && field != "department")) {
      return absl::InvalidArgumentError(absl::StrCat(
          "filter: \"", part, "\" is not one of state=, severity=, project=, department="));
    }
    std::string value(absl::StripAsciiWhitespace(part.substr(eq + 1)));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    if (field == "state" || field == "severity") value = absl::AsciiStrToUpper(value);
    terms.emplace_back(field, value);
  }
  return terms;
}

bool Matches(const v1::Alert& alert, const AlertFilter& filter) {
  for (const auto& [field, value] : filter) {
    if (field == "state" && v1::AlertState_Name(alert.state()) != value) return false;
    if (field == "severity" && v1::Severity_Name(alert.severity()) != value) return false;
    if (field == "project" || field == "department") {
      auto it = alert.labels().find(field);
      if (it == alert.labels().end() || it->second != value) return false;
    }
  }
  return true;
}

}  // namespace targetwatch
