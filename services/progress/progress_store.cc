#include "services/progress/progress_store.h"

#include <algorithm>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "services/common/status_macros.h"

namespace targetwatch {
namespace {

constexpr int kReplaySeconds = 24 * 3600;

// KEYS: series, summary, req. ARGV: 'z' (sorted set) or 'h' (hash),
// position, record, replay seconds ('0': none), response, amount, cap,
// change channel, project id. The change is published in the same step.
constexpr char kAppendScript[] = R"lua(
if ARGV[4] ~= '0' then
  local prior = redis.call('GET', KEYS[3])
  if prior then return {'REPLAYED', prior, '0'} end
end
local amount = tonumber(ARGV[6])
if amount ~= 0 then
  local paid = tonumber(redis.call('HGET', KEYS[2], 'paid_fen') or '0')
  local cap = tonumber(ARGV[7])
  if cap >= 0 and paid + amount > cap then
    return redis.error_reply(string.format(
      'FAILED_PRECONDITION amount_fen: the disbursements would total %.0f fen, above the current-year budget of %.0f fen; set allow_over_budget to record it anyway',
      paid + amount, cap))
  end
  redis.call('HINCRBY', KEYS[2], 'paid_fen', amount)
end
if ARGV[1] == 'z' then
  redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])
else
  redis.call('HSET', KEYS[1], ARGV[2], ARGV[3])
end
local version = redis.call('HINCRBY', KEYS[2], 'version', 1)
if ARGV[4] ~= '0' then
  redis.call('SET', KEYS[3], ARGV[5], 'EX', ARGV[4])
end
redis.call('PUBLISH', ARGV[8], ARGV[9])
return {'OK', '', tostring(version)}
)lua";

// KEYS: summary hash, ids. ARGV: id, summary, version, update ms.
// Versions come from the project's report counter; equal versions are
// ordered by update time (the refresher recomputes as time passes).
constexpr char kSummaryScript[] = R"lua(
local kept = redis.call('HGET', KEYS[1], ARGV[1] .. ':v')
if kept then
  local v, t = string.match(kept, '(%d+):(%d+)')
  if tonumber(v) > tonumber(ARGV[3]) or
     (tonumber(v) == tonumber(ARGV[3]) and tonumber(t) > tonumber(ARGV[4])) then
    return 0
  end
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2], ARGV[1] .. ':v', ARGV[3] .. ':' .. ARGV[4])
redis.call('ZADD', KEYS[2], 0, ARGV[1])
return 1
)lua";

int64_t DayNumber(absl::Time t, absl::TimeZone zone) {
  return (absl::ToCivilDay(t, zone) - absl::CivilDay(1970, 1, 1));
}

}  // namespace

std::string ProgressChannel(const redis::KeySpace& keys) {
  return keys.Global("progress:changes");
}

std::string LastId(const std::string& name) {
  size_t slash = name.rfind('/');
  return slash == std::string::npos ? name : name.substr(slash + 1);
}

ProgressStore::ProgressStore(redis::RedisPool& redis, redis::KeySpace keys)
    : redis_(redis),
      keys_(std::move(keys)),
      append_script_(kAppendScript),
      summary_script_(kSummaryScript) {}

absl::Status ProgressStore::PutSummary(const std::string& project_id,
                                       const v1::ProgressSummary& summary) {
  std::string bytes;
  summary.SerializeToString(&bytes);
  int64_t update_ms = summary.update_time().seconds() * 1000 + summary.update_time().nanos() / 1000000;
  ASSIGN_OR_RETURN(redis::RedisPool::Lease lease, redis_.Acquire());
  ASSIGN_OR_RETURN(redis::RedisValue reply,
                   summary_script_.Run(*lease,
                                       {keys_.Global("{prog}:summary"),
                                        keys_.Global("{prog}:summary:ids")},
                                       {project_id, bytes, std::to_string(summary.version()),
                                        std::to_string(update_ms)}));
  (void)reply;
  return absl::OkStatus();
}

absl::StatusOr<std::vector<std::pair<std::string, v1::ProgressSummary>>>
ProgressStore::ScanSummaries(const std::string& after, int limit) {
  ASSIGN_OR_RETURN(redis::RedisValue ids,
                   redis_.Command({"ZRANGEBYLEX", keys_.Global("{prog}:summary:ids"),
                                   after.empty() ? "-" : "(" + after, "+", "LIMIT", "0",
                                   std::to_string(limit)}));
  std::vector<std::pair<std::string, v1::ProgressSummary>> out;
  if (ids.elements.empty()) return out;
  redis::RedisCommand get = {"HMGET", keys_.Global("{prog}:summary")};
  for (const redis::RedisValue& id : ids.elements) get.push_back(id.str);
  ASSIGN_OR_RETURN(redis::RedisValue values, redis_.Command(get));
  for (size_t i = 0; i < ids.elements.size() && i < values.elements.size(); ++i) {
    v1::ProgressSummary summary;
    if (values.elements[i].is_nil()) continue;
    if (!summary.ParseFromString(values.elements[i].str)) {
      return absl::DataLossError("stored summary is corrupt");
    }
    out.emplace_back(ids.elements[i].str, std::move(summary));
  }
  return out;
}

absl::StatusOr<ProgressStore::Outcome> ProgressStore::Apply(const Report& report) {
  std::string series;
  bool sorted = true;
  switch (report.kind) {
    case Report::Kind::kMeasurement:
      series = Key(report.project_id, "m:" + report.series);
      break;
    case Report::Kind::kDisbursement:
      series = Key(report.project_id, "d");
      break;
    case Report::Kind::kMilestone:
      series = Key(report.project_id, "ms");
      sorted = false;
      break;
    case Report::Kind::kOutage:
      series = Key(report.project_id, "o");
      sorted = false;
      break;
  }
  ASSIGN_OR_RETURN(redis::RedisPool::Lease lease, redis_.Acquire());
  ASSIGN_OR_RETURN(
      redis::RedisValue reply,
      append_script_.Run(*lease,
                         {series, Key(report.project_id, "sum"),
                          Key(report.project_id, "req:" + report.request_id)},
                         {sorted ? "z" : "h", report.position, report.record,
                          report.request_id.empty() ? "0" : std::to_string(kReplaySeconds),
                          report.response, std::to_string(report.amount_fen),
                          std::to_string(report.cap_fen), ProgressChannel(keys_),
                          report.project_id}));
  if (reply.elements.size() != 3) return absl::InternalError("redis: unexpected script reply");
  Outcome outcome;
  outcome.replayed = reply.elements[0].str == "REPLAYED";
  outcome.stored = reply.elements[1].str;
  absl::SimpleAtoi(reply.elements[2].str, &outcome.version);
  return outcome;
}

absl::StatusOr<std::optional<std::string>> ProgressStore::Replay(
    const std::string& project_id, const std::string& request_id) {
  ASSIGN_OR_RETURN(redis::RedisValue reply,
                   redis_.Command({"GET", Key(project_id, "req:" + request_id)}));
  if (reply.is_nil()) return std::nullopt;
  return reply.str;
}

absl::StatusOr<int64_t> ProgressStore::PaidFen(const std::string& project_id) {
  ASSIGN_OR_RETURN(redis::RedisValue reply,
                   redis_.Command({"HGET", Key(project_id, "sum"), "paid_fen"}));
  int64_t paid = 0;
  if (!reply.is_nil()) absl::SimpleAtoi(reply.str, &paid);
  return paid;
}

absl::StatusOr<std::optional<v1::Outage>> ProgressStore::GetOutage(
    const std::string& project_id, const std::string& outage_id) {
  ASSIGN_OR_RETURN(redis::RedisValue reply,
                   redis_.Command({"HGET", Key(project_id, "o"), outage_id}));
  if (reply.is_nil()) return std::nullopt;
  v1::Outage outage;
  if (!outage.ParseFromString(reply.str)) return absl::DataLossError("stored outage is corrupt");
  return outage;
}

absl::StatusOr<std::map<std::string, std::vector<std::string>>> ProgressStore::Notes(
    const v1::Project& project, absl::Time until) {
  const std::string id = LastId(project.name());
  std::vector<redis::RedisCommand> commands;
  for (const v1::Indicator& ind : project.indicators()) {
    commands.push_back({"ZRANGEBYSCORE", Key(id, "m:" + LastId(ind.name())), "-inf",
                        std::to_string(absl::ToUnixMillis(until))});
  }
  std::map<std::string, std::vector<std::string>> notes;
  if (commands.empty()) return notes;
  ASSIGN_OR_RETURN(std::vector<redis::RedisValue> replies, redis_.Pipeline(commands));
  for (int i = 0; i < project.indicators_size(); ++i) {
    if (replies[i].is_error()) return redis::StatusFromRedisError(replies[i].str);
    for (const redis::RedisValue& e : replies[i].elements) {
      v1::Measurement m;
      if (!m.ParseFromString(e.str)) return absl::DataLossError("stored measurement is corrupt");
      if (m.context().note().empty()) continue;
      std::vector<std::string>& list = notes[project.indicators(i).name()];
      if (std::find(list.begin(), list.end(), m.context().note()) == list.end()) {
        list.push_back(m.context().note());
      }
    }
  }
  return notes;
}

absl::StatusOr<ProjectReports> ProgressStore::Snapshot(const v1::Project& project,
                                                       absl::Time as_of,
                                                       absl::TimeZone zone) {
  const std::string id = LastId(project.name());
  const std::string until_ms = std::to_string(absl::ToUnixMillis(as_of));
  std::vector<redis::RedisCommand> commands;
  for (const v1::Indicator& ind : project.indicators()) {
    commands.push_back({"ZREVRANGEBYSCORE", Key(id, "m:" + LastId(ind.name())), until_ms,
                        "-inf", "LIMIT", "0", "1"});
  }
  commands.push_back({"ZRANGEBYSCORE", Key(id, "d"), "-inf",
                      std::to_string(DayNumber(as_of, zone))});
  commands.push_back({"HGETALL", Key(id, "ms")});
  commands.push_back({"HGETALL", Key(id, "o")});
  commands.push_back({"HGET", Key(id, "sum"), "version"});
  // One transaction: every part from the same moment.
  ASSIGN_OR_RETURN(std::vector<redis::RedisValue> replies, redis_.Transaction(commands));
  for (const redis::RedisValue& r : replies) {
    if (r.is_error()) return redis::StatusFromRedisError(r.str);
  }
  ProjectReports reports;
  size_t i = 0;
  for (const v1::Indicator& ind : project.indicators()) {
    const redis::RedisValue& r = replies[i++];
    if (r.elements.empty()) continue;
    v1::Measurement m;
    if (!m.ParseFromString(r.elements[0].str)) return absl::DataLossError("stored measurement is corrupt");
    reports.latest[ind.name()] = std::move(m);
  }
  for (const redis::RedisValue& e : replies[i++].elements) {
    v1::Disbursement d;
    if (!d.ParseFromString(e.str)) return absl::DataLossError("stored disbursement is corrupt");
    reports.disbursed_fen += d.amount_fen();
  }
  const redis::RedisValue& milestones = replies[i++];
  for (size_t k = 0; k + 1 < milestones.elements.size(); k += 2) {
    v1::MilestoneReport report;
    if (!report.ParseFromString(milestones.elements[k + 1].str)) {
      return absl::DataLossError("stored milestone report is corrupt");
    }
    reports.milestones_done[report.milestone()] = report.done_date();
  }
  const redis::RedisValue& outages = replies[i++];
  for (size_t k = 0; k + 1 < outages.elements.size(); k += 2) {
    v1::Outage outage;
    if (!outage.ParseFromString(outages.elements[k + 1].str)) {
      return absl::DataLossError("stored outage is corrupt");
    }
    reports.outages.push_back(std::move(outage));
  }
  absl::SimpleAtoi(replies[i].str, &reports.version);
  return reports;
}

}  // namespace targetwatch
