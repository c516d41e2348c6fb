#ifndef TARGETWATCH_SERVICES_PROGRESS_REGISTRY_CLIENT_H_
#define TARGETWATCH_SERVICES_PROGRESS_REGISTRY_CLIENT_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "grpcpp/channel.h"
#include "services/progress/project_source.h"
#include "services/redis/redis_subscriber.h"
#include "targetwatch/v1/registry.grpc.pb.h"

namespace targetwatch {

// Reads projects from the registry over gRPC, through a cache that stays
// correct when the registry changes them: the registry publishes every
// written project id on a Redis channel in the same step as the write, and
// this client drops the cached copy when the id arrives. While the
// subscription is down (or being set up) nothing is served from the cache,
// and on every (re)subscription the cache is emptied, since ids may have
// been missed. A fetch that raced with a change is not cached.
// Thread-safe.
class RegistryClient final : public ProjectSource {
 public:
  // `redis` and `channel`: where the registry publishes its changes.
  RegistryClient(std::shared_ptr<grpc::Channel> registry, redis::RedisOptions redis,
                 std::string channel);

  absl::StatusOr<v1::Project> GetProject(const std::string& project_id) override;
  absl::StatusOr<std::vector<std::string>> ListProjectIds() override;

  // Counts, for tests and logs.
  int64_t fetches() const;
  int64_t hits() const;

 private:
  void Invalidate(const std::string& project_id);
  void Reset();

  std::unique_ptr<v1::RegistryService::Stub> stub_;
  mutable absl::Mutex mu_;
  std::map<std::string, v1::Project> cache_ ABSL_GUARDED_BY(mu_);
  // Bumped by every invalidation, so a fetch can tell it raced with one.
  uint64_t changes_ ABSL_GUARDED_BY(mu_) = 0;
  int64_t fetches_ ABSL_GUARDED_BY(mu_) = 0;
  int64_t hits_ ABSL_GUARDED_BY(mu_) = 0;
  // Last: its thread calls back into the members above.
  std::unique_ptr<redis::RedisSubscriber> subscriber_;
};

}  // namespace targetwatch

#endif  // TARGETWATCH_SERVICES_PROGRESS_REGISTRY_CLIENT_H_
