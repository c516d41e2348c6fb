#include "services/progress/registry_client.h"

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "services/common/grpc_status.h"
#include "services/common/resource_name.h"

namespace targetwatch {
namespace {

constexpr absl::Duration kDeadline = absl::Seconds(5);
constexpr size_t kMaxCached = 10000;

}  // namespace

RegistryClient::RegistryClient(std::shared_ptr<grpc::Channel> registry,
                               redis::RedisOptions redis, std::string channel)
    : stub_(v1::RegistryService::NewStub(std::move(registry))) {
  subscriber_ = std::make_unique<redis::RedisSubscriber>(
      std::move(redis), std::move(channel),
      [this](const std::string& id) { Invalidate(id); }, [this] { Reset(); });
}

void RegistryClient::Invalidate(const std::string& project_id) {
  absl::MutexLock lock(&mu_);
  cache_.erase(project_id);
  ++changes_;
}

void RegistryClient::Reset() {
  absl::MutexLock lock(&mu_);
  cache_.clear();
  ++changes_;
}

int64_t RegistryClient::fetches() const {
  absl::MutexLock lock(&mu_);
  return fetches_;
}

int64_t RegistryClient::hits() const {
  absl::MutexLock lock(&mu_);
  return hits_;
}

absl::StatusOr<v1::Project> RegistryClient::GetProject(const std::string& project_id) {
  const bool cacheable = subscriber_->subscribed();
  uint64_t changes_before;
  {
    absl::MutexLock lock(&mu_);
    if (cacheable) {
      auto it = cache_.find(project_id);
      if (it != cache_.end()) {
        ++hits_;
        return it->second;
      }
    }
    changes_before = changes_;
    ++fetches_;
  }
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + kDeadline));
  v1::GetProjectRequest request;
  request.set_name(ProjectName(project_id));
  request.set_view(v1::FULL);
  v1::Project project;
  grpc::Status status = stub_->GetProject(&context, request, &project);
  if (!status.ok()) {
    absl::Status error = FromGrpcStatus(status);
    if (absl::IsNotFound(error)) return error;
    if (absl::IsDeadlineExceeded(error)) {
      return absl::UnavailableError(
          absl::StrCat("registry: no answer in ", absl::FormatDuration(kDeadline)));
    }
    return absl::Status(error.code(), absl::StrCat("registry: ", error.message()));
  }
  absl::MutexLock lock(&mu_);
  if (cacheable && changes_ == changes_before && subscriber_->subscribed()) {
    if (cache_.size() >= kMaxCached) cache_.clear();
    cache_[project_id] = project;
  }
  return project;
}

absl::StatusOr<std::vector<std::string>> RegistryClient::ListProjectIds() {
  std::vector<std::string> ids;
  v1::ListProjectsRequest request;
  request.set_page_size(1000);
  do {
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + kDeadline));
    v1::ListProjectsResponse page;
    grpc::Status status = stub_->ListProjects(&context, request, &page);
    if (!status.ok()) {
      absl::Status error = FromGrpcStatus(status);
      return absl::Status(error.code(), absl::StrCat("registry: ", error.message()));
    }
    for (const v1::Project& p : page.projects()) {
      ids.push_back(p.name().substr(p.name().rfind('/') + 1));
    }
    request.set_page_token(page.next_page_token());
  } while (!request.page_token().empty());
  return ids;
}

}  // namespace targetwatch
