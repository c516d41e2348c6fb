#include "services/registry/redis_registry_store.h"

#include <algorithm>
#include <iterator>

#include "absl/strings/str_cat.h"
#include "services/common/status_macros.h"

namespace targetwatch {
namespace {

constexpr int kReplaySeconds = 24 * 3600;

// KEYS: doc, etag, req. ARGV: mode, expected etag, new etag, document,
// response, replay seconds ("0": no request id), change channel.
// A written change is published (the project id) in the same step, so
// caches of other services never miss one.
// Returns {"WRITTEN", previous document or ""}, {"REPLAYED", response} or
// {"EXISTS", document}.
constexpr char kWriteScript[] = R"lua(
if ARGV[6] ~= '0' then
  local prior = redis.call('GET', KEYS[3])
  if prior then return {'REPLAYED', prior} end
end
local current = redis.call('GET', KEYS[2])
if ARGV[1] == 'create' then
  if current then return {'EXISTS', redis.call('GET', KEYS[1]) or ''} end
else
  if not current then return redis.error_reply('NOT_FOUND project does not exist') end
  if ARGV[2] ~= '' and current ~= ARGV[2] then
    return redis.error_reply('ABORTED etag "' .. ARGV[2] .. '" is stale; the project has changed')
  end
end
local previous = redis.call('GET', KEYS[1]) or ''
if ARGV[1] == 'delete' then
  redis.call('DEL', KEYS[1], KEYS[2])
else
  redis.call('SET', KEYS[1], ARGV[4])
  redis.call('SET', KEYS[2], ARGV[3])
end
if ARGV[6] ~= '0' then
  redis.call('SET', KEYS[3], ARGV[5], 'EX', ARGV[6])
end
redis.call('PUBLISH', ARGV[7], ARGV[8])
return {'WRITTEN', previous}
)lua";

// KEYS: natkey hash. ARGV: natural key, id. Drops the mapping if it is ours.
constexpr char kUnclaimScript[] = R"lua(
if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then
  return redis.call('HDEL', KEYS[1], ARGV[1])
end
return 0
)lua";

const char* ModeName(RegistryStore::Mode mode) {
  switch (mode) {
    case RegistryStore::Mode::kCreate: return "create";
    case RegistryStore::Mode::kUpdate: return "update";
    case RegistryStore::Mode::kDelete: return "delete";
  }
  return "?";
}

absl::StatusOr<v1::Project> Decode(const std::string& bytes, const std::string& id) {
  v1::Project project;
  if (!project.ParseFromString(bytes)) {
    return absl::DataLossError(absl::StrCat("project ", id, ": stored document is corrupt"));
  }
  return project;
}

}  // namespace

RedisRegistryStore::RedisRegistryStore(redis::RedisPool& redis,
                                       redis::KeySpace keys)
    : redis_(redis),
      keys_(std::move(keys)),
      write_script_(kWriteScript),
      unclaim_script_(kUnclaimScript) {}

std::string RedisRegistryStore::IndexKey(const std::optional<IndexTerm>& term) const {
  if (!term) return keys_.Global("{reg}:idx:all");
  return keys_.Global(absl::StrCat("{reg}:idx:", term->field, ":", term->value));
}

absl::StatusOr<v1::Project> RedisRegistryStore::Get(const std::string& id) {
  ASSIGN_OR_RETURN(redis::RedisValue reply,
                   redis_.Command({"GET", keys_.Project(id, "doc")}));
  if (reply.is_nil()) {
    return absl::NotFoundError(absl::StrCat("projects/", id, " does not exist"));
  }
  return Decode(reply.str, id);
}

absl::StatusOr<std::vector<std::optional<v1::Project>>> RedisRegistryStore::GetMany(
    const std::vector<std::string>& ids) {
  std::vector<std::optional<v1::Project>> projects;
  if (ids.empty()) return projects;
  // One round trip; the keys live in different slots, so GETs rather than
  // one MGET keep this working on a cluster.
  std::vector<redis::RedisCommand> commands;
  for (const std::string& id : ids) commands.push_back({"GET", keys_.Project(id, "doc")});
  ASSIGN_OR_RETURN(std::vector<redis::RedisValue> replies, redis_.Pipeline(commands));
  for (size_t i = 0; i < replies.size(); ++i) {
    if (replies[i].is_error()) return redis::StatusFromRedisError(replies[i].str);
    if (replies[i].is_nil()) {
      projects.push_back(std::nullopt);
      continue;
    }
    ASSIGN_OR_RETURN(v1::Project project, Decode(replies[i].str, ids[i]));
    projects.push_back(std::move(project));
  }
  return projects;
}

absl::Status RedisRegistryStore::AddToIndexes(const std::string& id,
                                              const v1::Project& project) {
  std::vector<redis::RedisCommand> commands = {{"ZADD", IndexKey(std::nullopt), "0", id}};
  for (const IndexTerm& term : IndexTermsOf(project)) {
    commands.push_back({"ZADD", IndexKey(term), "0", id});
  }
  ASSIGN_OR_RETURN(auto replies, redis_.Transaction(commands));
  (void)replies;
  return absl::OkStatus();
}

absl::Status RedisRegistryStore::RemoveFromIndexes(
    const std::string& id, const std::vector<IndexTerm>& terms, bool from_all,
    const std::string& natural_key) {
  std::vector<redis::RedisCommand> commands;
  for (const IndexTerm& term : terms) commands.push_back({"ZREM", IndexKey(term), id});
  if (from_all) commands.push_back({"ZREM", IndexKey(std::nullopt), id});
  if (!commands.empty()) {
    ASSIGN_OR_RETURN(auto replies, redis_.Transaction(commands));
    (void)replies;
  }
  if (!natural_key.empty()) {
    ASSIGN_OR_RETURN(redis::RedisPool::Lease lease, redis_.Acquire());
    ASSIGN_OR_RETURN(auto reply, unclaim_script_.Run(*lease, {keys_.Global("{reg}:natkey")},
                                                     {natural_key, id}));
    (void)reply;
  }
  return absl::OkStatus();
}

absl::StatusOr<RegistryStore::Outcome> RedisRegistryStore::Apply(const Write& write) {
  if (write.mode != Mode::kDelete) {
    RETURN_IF_ERROR(AddToIndexes(write.id, write.document));
  }
  std::string document;
  if (write.mode != Mode::kDelete) write.document.SerializeToString(&document);
  std::string etag = write.mode == Mode::kDelete ? "" : write.document.etag();
  ASSIGN_OR_RETURN(redis::RedisPool::Lease lease, redis_.Acquire());
  ASSIGN_OR_RETURN(
      redis::RedisValue reply,
      write_script_.Run(
          *lease,
          {keys_.Project(write.id, "doc"), keys_.Project(write.id, "etag"),
           keys_.Project(write.id, absl::StrCat("req:", write.request_id))},
          {ModeName(write.mode), write.expected_etag, etag, document,
           write.response,
           write.request_id.empty() ? "0" : std::to_string(kReplaySeconds),
           ChangeChannel(keys_), write.id}));
  if (reply.elements.size() != 2) return absl::InternalError("redis: unexpected script reply");
  Outcome outcome;
  const std::string& kind = reply.elements[0].str;
  outcome.stored = reply.elements[1].str;
  if (kind == "REPLAYED") {
    outcome.kind = Outcome::Kind::kReplayed;
    return outcome;
  }
  if (kind == "EXISTS") {
    outcome.kind = Outcome::Kind::kExists;
    return outcome;
  }
  outcome.kind = Outcome::Kind::kWritten;
  // Drop index entries the new document no longer has.
  if (!outcome.stored.empty()) {
    ASSIGN_OR_RETURN(v1::Project previous, Decode(outcome.stored, write.id));
    std::vector<IndexTerm> old_terms = IndexTermsOf(previous);
    std::vector<IndexTerm> stale;
    if (write.mode == Mode::kDelete) {
      stale = old_terms;
    } else {
      std::vector<IndexTerm> new_terms = IndexTermsOf(write.document);
      std::set_difference(old_terms.begin(), old_terms.end(), new_terms.begin(),
                          new_terms.end(), std::back_inserter(stale));
    }
    bool natural_key_changed = write.mode == Mode::kDelete ||
                               NaturalKeyOf(previous) != NaturalKeyOf(write.document);
    RETURN_IF_ERROR(RemoveFromIndexes(write.id, stale, write.mode == Mode::kDelete,
                                      natural_key_changed ? NaturalKeyOf(previous) : ""));
  }
  outcome.stored.clear();
  return outcome;
}

absl::StatusOr<std::optional<std::string>> RedisRegistryStore::Replay(
    const std::string& id, const std::string& request_id) {
  ASSIGN_OR_RETURN(redis::RedisValue reply,
                   redis_.Command({"GET", keys_.Project(id, absl::StrCat("req:", request_id))}));
  if (reply.is_nil()) return std::nullopt;
  return reply.str;
}

absl::StatusOr<std::optional<std::string>> RedisRegistryStore::ReplayGlobal(
    const std::string& request_id) {
  ASSIGN_OR_RETURN(redis::RedisValue reply,
                   redis_.Command({"GET", keys_.Global(absl::StrCat("{reg}:req:", request_id))}));
  if (reply.is_nil()) return std::nullopt;
  return reply.str;
}

absl::Status RedisRegistryStore::RememberGlobal(const std::string& request_id,
                                                const std::string& response) {
  ASSIGN_OR_RETURN(redis::RedisValue reply,
                   redis_.Command({"SET", keys_.Global(absl::StrCat("{reg}:req:", request_id)),
                                   response, "EX", std::to_string(kReplaySeconds)}));
  (void)reply;
  return absl::OkStatus();
}

absl::StatusOr<std::string> RedisRegistryStore::ClaimNaturalKey(
    const std::string& key, const std::string& proposed) {
  std::string hash = keys_.Global("{reg}:natkey");
  ASSIGN_OR_RETURN(auto replies, redis_.Pipeline({{"HSETNX", hash, key, proposed},
                                                  {"HGET", hash, key}}));
  if (replies[1].is_error() || replies[1].is_nil()) {
    return absl::InternalError("redis: natural key claim failed");
  }
  return replies[1].str;
}

absl::StatusOr<std::optional<std::string>> RedisRegistryStore::FindNaturalKey(
    const std::string& key) {
  ASSIGN_OR_RETURN(redis::RedisValue reply,
                   redis_.Command({"HGET", keys_.Global("{reg}:natkey"), key}));
  if (reply.is_nil()) return std::nullopt;
  return reply.str;
}

absl::StatusOr<std::vector<std::string>> RedisRegistryStore::Scan(
    const std::optional<IndexTerm>& term, const std::string& after, int limit) {
  ASSIGN_OR_RETURN(redis::RedisValue reply,
                   redis_.Command({"ZRANGEBYLEX", IndexKey(term),
                                   after.empty() ? "-" : absl::StrCat("(", after), "+",
                                   "LIMIT", "0", std::to_string(limit)}));
  std::vector<std::string> ids;
  for (const redis::RedisValue& element : reply.elements) ids.push_back(element.str);
  return ids;
}

}  // namespace targetwatch
