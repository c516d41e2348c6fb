// ServiceHost and RunBlocking with a real in-process gRPC server.
#include "services/server/service_host.h"

#include <atomic>
#include <thread>

#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "grpcpp/create_channel.h"
#include "gtest/gtest.h"
#include "services/server/blocking_call.h"
#include "targetwatch/v1/registry.grpc.pb.h"
#include "tests/testing/grpc_probe.h"
#include "tests/testing/redis_server.h"

namespace targetwatch {
namespace {

// GetProject answers from `answer`, after `delay`.
class FakeRegistry final : public v1::RegistryService::CallbackService {
 public:
  explicit FakeRegistry(WorkerPool& workers) : workers_(workers) {}

  grpc::ServerUnaryReactor* GetProject(grpc::CallbackServerContext* context,
                                       const v1::GetProjectRequest* request,
                                       v1::Project* project) override {
    return RunBlocking(context, workers_, [this, request, project] {
      if (!notified_.exchange(true)) started.Notify();
      absl::SleepFor(delay);
      if (request->name() == "projects/missing") {
        return absl::NotFoundError("name: projects/missing does not exist");
      }
      project->set_name(request->name());
      return absl::OkStatus();
    });
  }

  absl::Duration delay = absl::ZeroDuration();
  absl::Notification started;

 private:
  WorkerPool& workers_;
  std::atomic<bool> notified_{false};
};

class ServiceHostTest : public ::testing::Test {
 protected:
  void Start(int workers, size_t queue) {
    auto redis = testing::RedisServer::Launch();
    ASSERT_TRUE(redis.ok());
    redis_server_ = *std::move(redis);
    pool_ = std::make_unique<redis::RedisPool>(redis_server_->options());
    workers_ = std::make_unique<WorkerPool>(workers, queue);
    service_ = std::make_unique<FakeRegistry>(*workers_);
    ServerConfig config;
    config.service_name = "test";
    auto host = ServiceHost::Start(
        config, {{service_.get(), v1::RegistryService::service_full_name()}},
        pool_.get());
    ASSERT_TRUE(host.ok()) << host.status();
    host_ = *std::move(host);
    address_ = "127.0.0.1:" + std::to_string(host_->port());
    stub_ = v1::RegistryService::NewStub(
        grpc::CreateChannel(address_, grpc::InsecureChannelCredentials()));
  }

  grpc::Status Get(const std::string& name, v1::Project* project) {
    grpc::ClientContext context;
    v1::GetProjectRequest request;
    request.set_name(name);
    return stub_->GetProject(&context, request, project);
  }

  std::unique_ptr<testing::RedisServer> redis_server_;
  std::unique_ptr<redis::RedisPool> pool_;
  std::unique_ptr<WorkerPool> workers_;
  std::unique_ptr<FakeRegistry> service_;
  std::unique_ptr<ServiceHost> host_;
  std::string address_;
  std::unique_ptr<v1::RegistryService::Stub> stub_;
};

TEST_F(ServiceHostTest, AnswersWithWhatTheWorkReturned) {
  Start(2, 16);
  v1::Project project;
  ASSERT_TRUE(Get("projects/p1", &project).ok());
  EXPECT_EQ(project.name(), "projects/p1");

  grpc::Status status = Get("projects/missing", &project);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(status.error_message(), "name: projects/missing does not exist");
}

TEST_F(ServiceHostTest, ShedsCallsWhenWorkersAndQueueAreFull) {
  Start(1, 1);
  absl::Notification release;
  absl::Notification running;
  // Occupy the only worker, then the only queue slot.
  ASSERT_TRUE(workers_->TryPost([&] {
    running.Notify();
    release.WaitForNotification();
  }));
  running.WaitForNotification();
  ASSERT_TRUE(workers_->TryPost([] {}));

  v1::Project project;
  grpc::Status status = Get("projects/p2", &project);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE);
  release.Notify();
  // Once the workers are free the same call goes through.
  grpc::Status after;
  absl::Time deadline = absl::Now() + absl::Seconds(5);
  do {
    after = Get("projects/p2", &project);
  } while (!after.ok() && absl::Now() < deadline);
  EXPECT_TRUE(after.ok()) << after.error_message();
}

TEST_F(ServiceHostTest, ShutdownLetsCallsInFlightFinish) {
  Start(2, 16);
  service_->delay = absl::Milliseconds(300);
  grpc::Status status;
  std::thread call([this, &status] {
    v1::Project project;
    status = Get("projects/inflight", &project);
  });
  service_->started.WaitForNotification();
  host_->Shutdown(absl::Seconds(3));
  host_->Wait();
  call.join();
  EXPECT_TRUE(status.ok()) << status.error_message();
}

TEST_F(ServiceHostTest, HealthFollowsRedisPerServiceName) {
  Start(1, 4);
  ASSERT_TRUE(testing::AwaitHealth(address_, "SERVING", absl::Seconds(5)).ok());
  EXPECT_EQ(testing::CheckHealth(address_, "targetwatch.v1.RegistryService")
                .value_or(""),
            "SERVING");
  redis_server_->Stop();
  EXPECT_TRUE(
      testing::AwaitHealth(address_, "NOT_SERVING", absl::Seconds(5)).ok());
}

}  // namespace
}  // namespace targetwatch
