#ifndef TARGETWATCH_SERVICES_REDIS_KEY_SPACE_H_
#define TARGETWATCH_SERVICES_REDIS_KEY_SPACE_H_

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace targetwatch::redis {

// Builds the keys of one deployment: every key starts with its prefix (tests
// and deployments sharing a Redis use their own), and a project's keys carry
// the hash tag {p:<id>} so they live in one Redis Cluster slot and can be
// updated by one MULTI/EXEC or Lua script.
//
//   KeySpace keys("tw:");
//   keys.Global("projects")             -> "tw:projects"
//   keys.Project("abc", "indicators")   -> "tw:{p:abc}:indicators"
class KeySpace {
 public:
  explicit KeySpace(std::string prefix) : prefix_(std::move(prefix)) {}

  const std::string& prefix() const { return prefix_; }

  std::string Global(absl::string_view name) const {
    return absl::StrCat(prefix_, name);
  }
  std::string Project(absl::string_view project_id,
                      absl::string_view name) const {
    return absl::StrCat(prefix_, "{p:", project_id, "}:", name);
  }

 private:
  std::string prefix_;
};

}  // namespace targetwatch::redis

#endif  // TARGETWATCH_SERVICES_REDIS_KEY_SPACE_H_
