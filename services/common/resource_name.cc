#include "services/common/resource_name.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"

namespace targetwatch {

bool IsValidId(absl::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
      return false;
    }
  }
  return true;
}

absl::StatusOr<std::vector<std::string>> ParseName(absl::string_view name,
                                                   absl::string_view pattern,
                                                   absl::string_view field) {
  std::vector<absl::string_view> parts = absl::StrSplit(name, '/');
  std::vector<absl::string_view> want = absl::StrSplit(pattern, '/');
  auto bad = [&] {
    return absl::InvalidArgumentError(absl::StrCat(
        field, ": \"", name, "\" is not a resource name of the form ",
        absl::StrReplaceAll(pattern, {{"*", "{id}"}})));
  };
  if (parts.size() != want.size()) return bad();
  std::vector<std::string> ids;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (want[i] == "*") {
      if (!IsValidId(parts[i])) return bad();
      ids.emplace_back(parts[i]);
    } else if (parts[i] != want[i]) {
      return bad();
    }
  }
  return ids;
}

std::string ProjectName(absl::string_view project) {
  return absl::StrCat("projects/", project);
}
std::string IndicatorName(absl::string_view project, absl::string_view indicator) {
  return absl::StrCat("projects/", project, "/indicators/", indicator);
}
std::string MilestoneName(absl::string_view project, absl::string_view milestone) {
  return absl::StrCat("projects/", project, "/milestones/", milestone);
}

}  // namespace targetwatch
