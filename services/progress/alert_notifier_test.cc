#include "services/progress/alert_notifier.h"

#include <atomic>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/server_builder.h"
#include "gtest/gtest.h"
#include "tests/testing/subprocess.h"

namespace targetwatch {
namespace {

// An alerting service that only counts notifications.
class CountingAlerting final : public v1::AlertingService::CallbackService {
 public:
  grpc::ServerUnaryReactor* NotifyProjectChanged(
      grpc::CallbackServerContext* context, const v1::NotifyProjectChangedRequest* request,
      v1::NotifyProjectChangedResponse*) override {
    ++calls;
    last_version = request->version();
    auto* reactor = context->DefaultReactor();
    reactor->Finish(grpc::Status::OK);
    return reactor;
  }
  std::atomic<int> calls{0};
  std::atomic<int64_t> last_version{0};
};

std::unique_ptr<grpc::Server> Serve(CountingAlerting* service, int port) {
  grpc::ServerBuilder builder;
  builder.AddListeningPort(absl::StrCat("127.0.0.1:", port), grpc::InsecureServerCredentials());
  builder.RegisterService(service);
  return builder.BuildAndStart();
}

bool Eventually(const std::function<bool()>& condition) {
  absl::Time deadline = absl::Now() + absl::Seconds(10);
  while (absl::Now() < deadline) {
    if (condition()) return true;
    absl::SleepFor(absl::Milliseconds(10));
  }
  return condition();
}

AlertNotifier::Options Fast() {
  AlertNotifier::Options options;
  options.deadline = absl::Milliseconds(500);
  options.first_backoff = absl::Milliseconds(20);
  options.max_backoff = absl::Milliseconds(100);
  options.max_queued = 3;
  return options;
}

TEST(AlertNotifierTest, DeliversAndCoalescesPerProject) {
  int port = testing::PickFreePort();
  CountingAlerting alerting;
  auto server = Serve(&alerting, port);
  AlertNotifier notifier(
      grpc::CreateChannel(absl::StrCat("127.0.0.1:", port), grpc::InsecureChannelCredentials()),
      Fast());
  notifier.Notify("projects/a", 1);
  ASSERT_TRUE(Eventually([&] { return alerting.calls >= 1; }));
  EXPECT_EQ(alerting.last_version, 1);
  EXPECT_EQ(notifier.counts().sent, 1);
}

TEST(AlertNotifierTest, AlertingDownNeverBlocksAndDeliversOnceBack) {
  int port = testing::PickFreePort();
  AlertNotifier notifier(
      grpc::CreateChannel(absl::StrCat("127.0.0.1:", port), grpc::InsecureChannelCredentials()),
      Fast());
  absl::Time start = absl::Now();
  notifier.Notify("projects/a", 1);
  notifier.Notify("projects/a", 2);  // coalesced with the first
  notifier.Notify("projects/b", 1);
  notifier.Notify("projects/c", 1);
  notifier.Notify("projects/d", 1);  // the queue holds 3: dropped
  EXPECT_LT(absl::Now() - start, absl::Milliseconds(50)) << "Notify must not wait";
  ASSERT_TRUE(Eventually([&] { return notifier.counts().failed_attempts >= 2; }));
  EXPECT_EQ(notifier.counts().dropped, 1);
  EXPECT_EQ(notifier.counts().sent, 0);

  CountingAlerting alerting;
  auto server = Serve(&alerting, port);
  ASSERT_TRUE(Eventually([&] { return notifier.counts().sent == 3; }));
  EXPECT_EQ(alerting.calls, 3);
}

}  // namespace
}  // namespace targetwatch
