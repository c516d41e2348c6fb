#ifndef TARGETWATCH_SERVICES_REDIS_REDIS_SUBSCRIBER_H_
#define TARGETWATCH_SERVICES_REDIS_REDIS_SUBSCRIBER_H_

#include <atomic>
#include <functional>
#include <string>
#include <thread>

#include "services/redis/redis_options.h"

namespace targetwatch::redis {

// Listens to one Redis channel on its own connection and thread.
// `on_message` gets each message; `on_reset` is called whenever the
// subscription (re)starts or breaks, since messages may have been missed
// around it. Reconnects by itself. Callbacks run on the subscriber's thread.
class RedisSubscriber {
 public:
  RedisSubscriber(RedisOptions options, std::string channel,
                  std::function<void(const std::string&)> on_message,
                  std::function<void()> on_reset);
  ~RedisSubscriber();  // stops and joins the thread
  RedisSubscriber(const RedisSubscriber&) = delete;
  RedisSubscriber& operator=(const RedisSubscriber&) = delete;

  // True while subscribed: until then no message can be relied on.
  bool subscribed() const { return subscribed_.load(); }

 private:
  void Run();

  const RedisOptions options_;
  const std::string channel_;
  const std::function<void(const std::string&)> on_message_;
  const std::function<void()> on_reset_;
  std::atomic<bool> stop_{false};
  std::atomic<bool> subscribed_{false};
  std::thread thread_;
};

}  // namespace targetwatch::redis

#endif  // TARGETWATCH_SERVICES_REDIS_REDIS_SUBSCRIBER_H_
