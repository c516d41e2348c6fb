#ifndef TARGETWATCH_SERVICES_REGISTRY_MEMORY_REGISTRY_STORE_H_
#define TARGETWATCH_SERVICES_REGISTRY_MEMORY_REGISTRY_STORE_H_

#include <map>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "services/registry/registry_store.h"

namespace targetwatch {

// RegistryStore in memory, for service tests. Behaves as the Redis store
// does (the same contract tests run against both); replays never expire.
// `SetUnavailable(true)` makes every call fail UNAVAILABLE.
class MemoryRegistryStore final : public RegistryStore {
 public:
  absl::StatusOr<v1::Project> Get(const std::string& id) override;
  absl::StatusOr<std::vector<std::optional<v1::Project>>> GetMany(
      const std::vector<std::string>& ids) override;
  absl::StatusOr<Outcome> Apply(const Write& write) override;
  absl::StatusOr<std::optional<std::string>> Replay(
      const std::string& id, const std::string& request_id) override;
  absl::StatusOr<std::optional<std::string>> ReplayGlobal(
      const std::string& request_id) override;
  absl::Status RememberGlobal(const std::string& request_id,
                              const std::string& response) override;
  absl::StatusOr<std::string> ClaimNaturalKey(const std::string& key,
                                              const std::string& proposed) override;
  absl::StatusOr<std::optional<std::string>> FindNaturalKey(
      const std::string& key) override;
  absl::StatusOr<std::vector<std::string>> Scan(
      const std::optional<IndexTerm>& term, const std::string& after,
      int limit) override;

  void SetUnavailable(bool unavailable);

 private:
  absl::Status Check() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  absl::Mutex mu_;
  std::map<std::string, v1::Project> documents_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, std::string> replays_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, std::string> natural_keys_ ABSL_GUARDED_BY(mu_);
  bool unavailable_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace targetwatch

#endif  // TARGETWATCH_SERVICES_REGISTRY_MEMORY_REGISTRY_STORE_H_
