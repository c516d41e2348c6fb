#ifndef TARGETWATCH_TESTS_TESTING_REDIS_SERVER_H_
#define TARGETWATCH_TESTS_TESTING_REDIS_SERVER_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "services/redis/redis_options.h"
#include "tests/testing/subprocess.h"

namespace targetwatch::testing {

// A private redis-server on a free loopback port, without persistence, for
// one test. Stopped when destroyed; Stop() and Start() again (same port)
// let tests see what clients do while Redis is away.
class RedisServer {
 public:
  static absl::StatusOr<std::unique_ptr<RedisServer>> Launch();

  absl::Status Start();
  void Stop();

  int port() const { return port_; }
  std::string address() const;
  redis::RedisOptions options() const;

 private:
  explicit RedisServer(int port) : port_(port) {}
  int port_;
  std::optional<Subprocess> process_;
};

}  // namespace targetwatch::testing

#endif  // TARGETWATCH_TESTS_TESTING_REDIS_SERVER_H_
