#ifndef TARGETWATCH_SERVICES_REGISTRY_REGISTRY_STORE_H_
#define TARGETWATCH_SERVICES_REGISTRY_REGISTRY_STORE_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/registry/project_index.h"
#include "targetwatch/v1/registry.pb.h"

namespace targetwatch {

// Where the registry keeps its projects. A project is stored as one
// document (the project with its indicators and milestones, etag included)
// written atomically, so that every change to a project, its indicators or
// its milestones is one compare-and-set on the project's etag.
//
// List indexes are kept beside the documents; they may briefly name a
// project that no longer matches (a write between index and document), so
// readers check each document against the filter.
//
// Errors: UNAVAILABLE when the storage is unreachable; NOT_FOUND and
// ABORTED (etag mismatch) from Write. Thread-safe.
class RegistryStore {
 public:
  enum class Mode { kCreate, kUpdate, kDelete };

  struct Write {
    Mode mode = Mode::kCreate;
    std::string id;
    // kUpdate / kDelete: the etag the document must still have; empty
    // means whatever it has.
    std::string expected_etag;
    // kCreate / kUpdate: the whole new document, FULL view, etag set.
    v1::Project document;
    // When set, `response` is kept for a day and Write answers it again
    // (kReplayed) for the same id and request_id.
    std::string request_id;
    std::string response;
  };

  struct Outcome {
    enum class Kind { kWritten, kReplayed, kExists };
    Kind kind = Kind::kWritten;
    // kReplayed: the response stored the first time; kExists (a create of
    // an id taken): the existing document, serialized.
    std::string stored;
  };

  virtual ~RegistryStore() = default;

  // The document; NOT_FOUND names the project.
  virtual absl::StatusOr<v1::Project> Get(const std::string& id) = 0;
  // Documents in the order of `ids`; nullopt where there is none.
  virtual absl::StatusOr<std::vector<std::optional<v1::Project>>> GetMany(
      const std::vector<std::string>& ids) = 0;

  virtual absl::StatusOr<Outcome> Apply(const Write& write) = 0;

  // The response stored for (id, request_id), if any.
  virtual absl::StatusOr<std::optional<std::string>> Replay(
      const std::string& id, const std::string& request_id) = 0;

  // The same for requests not tied to one project (imports).
  virtual absl::StatusOr<std::optional<std::string>> ReplayGlobal(
      const std::string& request_id) = 0;
  virtual absl::Status RememberGlobal(const std::string& request_id,
                                      const std::string& response) = 0;

  // The project id of a natural key (department, title, fiscal year): the
  // one already claimed, else `proposed`, claimed atomically. Two importers
  // racing on one table get the same id.
  virtual absl::StatusOr<std::string> ClaimNaturalKey(
      const std::string& key, const std::string& proposed) = 0;
  // The project id claimed for a natural key, if any; writes nothing.
  virtual absl::StatusOr<std::optional<std::string>> FindNaturalKey(
      const std::string& key) = 0;

  // Up to `limit` project ids after `after` (exclusive), in id order, from
  // the index of `term`, or of all projects when there is none.
  virtual absl::StatusOr<std::vector<std::string>> Scan(
      const std::optional<IndexTerm>& term, const std::string& after,
      int limit) = 0;
};

}  // namespace targetwatch

#endif  // TARGETWATCH_SERVICES_REGISTRY_REGISTRY_STORE_H_
