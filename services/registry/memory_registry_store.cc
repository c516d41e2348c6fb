#include "services/registry/memory_registry_store.h"

#include "absl/strings/str_cat.h"

namespace targetwatch {

absl::Status MemoryRegistryStore::Check() const {
  if (unavailable_) return absl::UnavailableError("memory store: unavailable (test)");
  return absl::OkStatus();
}

void MemoryRegistryStore::SetUnavailable(bool unavailable) {
  absl::MutexLock lock(&mu_);
  unavailable_ = unavailable;
}

absl::StatusOr<v1::Project> MemoryRegistryStore::Get(const std::string& id) {
  absl::MutexLock lock(&mu_);
  if (absl::Status s = Check(); !s.ok()) return s;
  auto it = documents_.find(id);
  if (it == documents_.end()) {
    return absl::NotFoundError(absl::StrCat("projects/", id, " does not exist"));
  }
  return it->second;
}

absl::StatusOr<std::vector<std::optional<v1::Project>>> MemoryRegistryStore::GetMany(
    const std::vector<std::string>& ids) {
  absl::MutexLock lock(&mu_);
  if (absl::Status s = Check(); !s.ok()) return s;
  std::vector<std::optional<v1::Project>> projects;
  for (const std::string& id : ids) {
    auto it = documents_.find(id);
    projects.push_back(it == documents_.end() ? std::nullopt
                                              : std::optional<v1::Project>(it->second));
  }
  return projects;
}

absl::StatusOr<RegistryStore::Outcome> MemoryRegistryStore::Apply(const Write& write) {
  absl::MutexLock lock(&mu_);
  if (absl::Status s = Check(); !s.ok()) return s;
  Outcome outcome;
  std::string replay_key = absl::StrCat(write.id, "\x1f", write.request_id);
  if (!write.request_id.empty()) {
    auto prior = replays_.find(replay_key);
    if (prior != replays_.end()) {
      outcome.kind = Outcome::Kind::kReplayed;
      outcome.stored = prior->second;
      return outcome;
    }
  }
  auto it = documents_.find(write.id);
  if (write.mode == Mode::kCreate) {
    if (it != documents_.end()) {
      outcome.kind = Outcome::Kind::kExists;
      it->second.SerializeToString(&outcome.stored);
      return outcome;
    }
  } else {
    if (it == documents_.end()) return absl::NotFoundError("project does not exist");
    if (!write.expected_etag.empty() && it->second.etag() != write.expected_etag) {
      return absl::AbortedError(absl::StrCat("etag \"", write.expected_etag,
                                             "\" is stale; the project has changed"));
    }
  }
  if (write.mode == Mode::kDelete) {
    std::string key = NaturalKeyOf(it->second);
    auto claim = natural_keys_.find(key);
    if (claim != natural_keys_.end() && claim->second == write.id) {
      natural_keys_.erase(claim);
    }
    documents_.erase(it);
  } else {
    if (it != documents_.end() &&
        NaturalKeyOf(it->second) != NaturalKeyOf(write.document)) {
      auto claim = natural_keys_.find(NaturalKeyOf(it->second));
      if (claim != natural_keys_.end() && claim->second == write.id) {
        natural_keys_.erase(claim);
      }
    }
    documents_[write.id] = write.document;
  }
  if (!write.request_id.empty()) replays_[replay_key] = write.response;
  return outcome;
}

absl::StatusOr<std::optional<std::string>> MemoryRegistryStore::Replay(
    const std::string& id, const std::string& request_id) {
  absl::MutexLock lock(&mu_);
  if (absl::Status s = Check(); !s.ok()) return s;
  auto it = replays_.find(absl::StrCat(id, "\x1f", request_id));
  if (it == replays_.end()) return std::nullopt;
  return it->second;
}

absl::StatusOr<std::optional<std::string>> MemoryRegistryStore::ReplayGlobal(
    const std::string& request_id) {
  return Replay("", request_id);
}

absl::Status MemoryRegistryStore::RememberGlobal(const std::string& request_id,
                                                 const std::string& response) {
  absl::MutexLock lock(&mu_);
  if (absl::Status s = Check(); !s.ok()) return s;
  replays_[absl::StrCat("", "\x1f", request_id)] = response;
  return absl::OkStatus();
}

absl::StatusOr<std::string> MemoryRegistryStore::ClaimNaturalKey(
    const std::string& key, const std::string& proposed) {
  absl::MutexLock lock(&mu_);
  if (absl::Status s = Check(); !s.ok()) return s;
  return natural_keys_.emplace(key, proposed).first->second;
}

absl::StatusOr<std::optional<std::string>> MemoryRegistryStore::FindNaturalKey(
    const std::string& key) {
  absl::MutexLock lock(&mu_);
  if (absl::Status s = Check(); !s.ok()) return s;
  auto it = natural_keys_.find(key);
  if (it == natural_keys_.end()) return std::nullopt;
  return it->second;
}

absl::StatusOr<std::vector<std::string>> MemoryRegistryStore::Scan(
    const std::optional<IndexTerm>& term, const std::string& after, int limit) {
  absl::MutexLock lock(&mu_);
  if (absl::Status s = Check(); !s.ok()) return s;
  std::vector<std::string> ids;
  for (auto it = documents_.upper_bound(after);
       it != documents_.end() && static_cast<int>(ids.size()) < limit; ++it) {
    if (!term || Matches(it->second, {*term})) ids.push_back(it->first);
  }
  return ids;
}

}  // namespace targetwatch
