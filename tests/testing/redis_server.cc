#include "tests/testing/redis_server.h"

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "services/redis/redis_connection.h"

namespace targetwatch::testing {

absl::StatusOr<std::unique_ptr<RedisServer>> RedisServer::Launch() {
  // Another process may take the port between picking and binding: retry.
  absl::Status last;
  for (int attempt = 0; attempt < 5; ++attempt) {
    std::unique_ptr<RedisServer> server(new RedisServer(PickFreePort()));
    last = server->Start();
    if (last.ok()) return server;
  }
  return last;
}

absl::Status RedisServer::Start() {
  absl::StatusOr<Subprocess> process = Subprocess::Start(
      {"redis-server", "--port", std::to_string(port_), "--bind", "127.0.0.1",
       "--save", "", "--appendonly", "no", "--daemonize", "no",
       "--loglevel", "warning", "--enable-debug-command", "local"},
      "/dev/null");
  if (!process.ok()) return process.status();
  process_ = *std::move(process);

  redis::RedisOptions opts = options();
  absl::Time deadline = absl::Now() + absl::Seconds(10);
  while (absl::Now() < deadline) {
    if (process_->Wait(absl::ZeroDuration()).has_value()) {
      process_.reset();
      return absl::UnavailableError(
          absl::StrCat("redis-server exited at start on port ", port_));
    }
    auto connection = redis::RedisConnection::Connect(opts);
    if (connection.ok() && (*connection)->Command({"PING"}).ok()) {
      return absl::OkStatus();
    }
    absl::SleepFor(absl::Milliseconds(20));
  }
  process_.reset();
  return absl::DeadlineExceededError("redis-server did not answer in 10 s");
}

void RedisServer::Stop() { process_.reset(); }

std::string RedisServer::address() const {
  return absl::StrCat("127.0.0.1:", port_);
}

redis::RedisOptions RedisServer::options() const {
  redis::RedisOptions opts;
  opts.host = "127.0.0.1";
  opts.port = port_;
  return opts;
}

}  // namespace targetwatch::testing
