#include "services/common/worker_pool.h"

#include <atomic>

#include "absl/synchronization/notification.h"
#include "gtest/gtest.h"

namespace targetwatch {
namespace {

TEST(WorkerPoolTest, RunsEveryPostedClosure) {
  std::atomic<int> ran{0};
  {
    WorkerPool pool(4, 1000);
    for (int i = 0; i < 500; ++i) {
      ASSERT_TRUE(pool.TryPost([&ran] { ++ran; }));
    }
  }  // the destructor drains the queue
  EXPECT_EQ(ran.load(), 500);
}

TEST(WorkerPoolTest, RefusesWorkBeyondTheQueueBound) {
  WorkerPool pool(1, 2);
  absl::Notification release;
  absl::Notification started;
  ASSERT_TRUE(pool.TryPost([&] {
    started.Notify();
    release.WaitForNotification();
  }));
  started.WaitForNotification();  // the only worker is now busy
  EXPECT_TRUE(pool.TryPost([] {}));
  EXPECT_TRUE(pool.TryPost([] {}));
  EXPECT_FALSE(pool.TryPost([] {}));
  release.Notify();
}

}  // namespace
}  // namespace targetwatch
