#ifndef TARGETWATCH_SERVICES_PROGRESS_PROGRESS_STORE_H_
#define TARGETWATCH_SERVICES_PROGRESS_PROGRESS_STORE_H_

#include <map>
#include <optional>
#include <vector>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/redis/key_space.h"
#include "services/redis/redis_pool.h"
#include "services/redis/redis_script.h"
#include "services/progress/progress_calc.h"
#include "targetwatch/v1/registry.pb.h"

namespace targetwatch {

// The reports of every project in Redis. Per project (tag {p:<id>}):
//   P{p:<id>}:prog:m:<indicator>  sorted set: measurements by valid time (ms)
//   P{p:<id>}:prog:d              sorted set: disbursements by payment day
//   P{p:<id>}:prog:ms             hash: milestone id -> latest completion report
//   P{p:<id>}:prog:o              hash: outage id -> outage (closed in place)
//   P{p:<id>}:prog:sum            hash: paid_fen, version
//   P{p:<id>}:prog:req:<rid>      a report's answer, for a day
//   P{prog}:summary               hash: project id -> its dashboard line
//   P{prog}:summary:ids           sorted set of those ids (paging by lex)
// A report is appended to its history and the summary updated in one Lua
// script: a retried request id is stored once, and the budget check and
// the addition of the amount cannot be split by a concurrent report.
// Thread-safe.
class ProgressStore {
 public:
  struct Report {
    std::string project_id;
    enum class Kind { kMeasurement, kMilestone, kDisbursement, kOutage } kind;
    std::string series;  // indicator id for measurements
    // Sorted-set order (ms of valid time, or the payment's day number), or
    // the hash field (milestone / outage id).
    std::string position;
    std::string record;  // the serialized report
    int64_t amount_fen = 0;
    int64_t cap_fen = -1;  // disbursements: the total may not pass it
    std::string request_id;
    std::string response;
  };
  struct Outcome {
    bool replayed = false;
    std::string stored;  // the first answer, when replayed
    int64_t version = 0;
  };

  ProgressStore(redis::RedisPool& redis, redis::KeySpace keys);

  // FAILED_PRECONDITION naming amount_fen when a disbursement would pass
  // its cap; UNAVAILABLE when Redis is unreachable.
  absl::StatusOr<Outcome> Apply(const Report& report);

  // The answer already given to a request id, if any.
  absl::StatusOr<std::optional<std::string>> Replay(const std::string& project_id,
                                                    const std::string& request_id);

  // What the project's reports say at `as_of` (one consistent read).
  absl::StatusOr<ProjectReports> Snapshot(const v1::Project& project, absl::Time as_of,
                                          absl::TimeZone zone);

  // The deviation notes given with each indicator's measurements up to
  // `until`, oldest first, by indicator name.
  absl::StatusOr<std::map<std::string, std::vector<std::string>>> Notes(
      const v1::Project& project, absl::Time until);

  // Keeps the dashboard line of a project, unless a newer one (by
  // version, then update time) is already kept.
  absl::Status PutSummary(const std::string& project_id, const v1::ProgressSummary& summary);
  // Up to `limit` summaries of projects after `after` (by id).
  absl::StatusOr<std::vector<std::pair<std::string, v1::ProgressSummary>>> ScanSummaries(
      const std::string& after, int limit);

  // All disbursements paid so far (for the budget check) and an outage.
  absl::StatusOr<int64_t> PaidFen(const std::string& project_id);
  absl::StatusOr<std::optional<v1::Outage>> GetOutage(const std::string& project_id,
                                                      const std::string& outage_id);

 private:
  std::string Key(const std::string& project_id, const std::string& name) const {
    return keys_.Project(project_id, "prog:" + name);
  }

  redis::RedisPool& redis_;
  const redis::KeySpace keys_;
  redis::RedisScript append_script_;
  redis::RedisScript summary_script_;
};

// The channel on which the id of every project with a new report is
// published, in the same step as the report.
std::string ProgressChannel(const redis::KeySpace& keys);

// The last path segment of a resource name: "projects/p/indicators/i" -> "i".
std::string LastId(const std::string& name);

}  // namespace targetwatch

#endif  // TARGETWATCH_SERVICES_PROGRESS_PROGRESS_STORE_H_
