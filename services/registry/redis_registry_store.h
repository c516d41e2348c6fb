#ifndef TARGETWATCH_SERVICES_REGISTRY_REDIS_REGISTRY_STORE_H_
#define TARGETWATCH_SERVICES_REGISTRY_REDIS_REGISTRY_STORE_H_

#include "services/redis/key_space.h"
#include "services/registry/change_channel.h"
#include "services/redis/redis_pool.h"
#include "services/redis/redis_script.h"
#include "services/registry/registry_store.h"

namespace targetwatch {

// RegistryStore on Redis. Keys (prefix P):
//   P{p:<id>}:doc        the project document (protobuf)
//   P{p:<id>}:etag       its etag, for compare-and-set in Lua
//   P{p:<id>}:req:<rid>  a write's response, for a day
//   P{reg}:idx:all, P{reg}:idx:<field>:<value>
//                        sorted sets of project ids (score 0, read by lex)
//   P{reg}:natkey        hash: natural key -> project id
//   P{reg}:req:<rid>     responses of imports
// and publishes each written project id on ChangeChannel.
// A project's keys share the tag {p:<id>}, and one Lua script writes them;
// the index keys share {reg}. Index entries are added before a document is
// written and removed after, so an index never misses a project.
class RedisRegistryStore final : public RegistryStore {
 public:
  // `redis` must outlive the store.
  RedisRegistryStore(redis::RedisPool& redis, redis::KeySpace keys);

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

 private:
  std::string IndexKey(const std::optional<IndexTerm>& term) const;
  absl::Status AddToIndexes(const std::string& id, const v1::Project& project);
  // Drops `id` from the indexes of `terms` (and from the all-projects
  // index when `from_all`), and releases `natural_key` if it is the id's.
  absl::Status RemoveFromIndexes(const std::string& id, const std::vector<IndexTerm>& terms,
                                 bool from_all, const std::string& natural_key);

  redis::RedisPool& redis_;
  const redis::KeySpace keys_;
  redis::RedisScript write_script_;
  redis::RedisScript unclaim_script_;
};

}  // namespace targetwatch

#endif  // TARGETWATCH_SERVICES_REGISTRY_REDIS_REGISTRY_STORE_H_
