#ifndef TARGETWATCH_TESTS_TESTING_HTTP_RECEIVER_H_
#define TARGETWATCH_TESTS_TESTING_HTTP_RECEIVER_H_

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "absl/synchronization/mutex.h"

namespace targetwatch::testing {

// A minimal HTTP server on 127.0.0.1 that records the bodies POSTed to it
// and answers 200 (or `status` when set), for webhook tests.
class HttpReceiver {
 public:
  explicit HttpReceiver(int port = 0);  // 0: a free port
  ~HttpReceiver();

  int port() const { return port_; }
  std::string url() const;
  std::vector<std::string> bodies() const;
  void set_status(int status) { status_ = status; }

 private:
  void Serve();

  int fd_ = -1;
  int port_ = 0;
  std::atomic<int> status_{200};
  std::atomic<bool> stop_{false};
  mutable absl::Mutex mu_;
  std::vector<std::string> bodies_ ABSL_GUARDED_BY(mu_);
  std::thread thread_;
};

}  // namespace targetwatch::testing

#endif  // TARGETWATCH_TESTS_TESTING_HTTP_RECEIVER_H_
