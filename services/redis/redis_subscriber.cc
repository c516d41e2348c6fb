#include "services/redis/redis_subscriber.h"

#include <hiredis/hiredis.h>
#include <poll.h>

#include <memory>

#include "absl/time/clock.h"

namespace targetwatch::redis {
namespace {

struct ContextDeleter {
  void operator()(redisContext* c) const { redisFree(c); }
};
struct ReplyDeleter {
  void operator()(redisReply* r) const { freeReplyObject(r); }
};

constexpr int kPollMillis = 200;
constexpr absl::Duration kRetryDelay = absl::Milliseconds(500);

}  // namespace

RedisSubscriber::RedisSubscriber(RedisOptions options, std::string channel,
                                 std::function<void(const std::string&)> on_message,
                                 std::function<void()> on_reset)
    : options_(std::move(options)),
      channel_(std::move(channel)),
      on_message_(std::move(on_message)),
      on_reset_(std::move(on_reset)),
      thread_([this] { Run(); }) {}

RedisSubscriber::~RedisSubscriber() {
  stop_ = true;
  thread_.join();
}

void RedisSubscriber::Run() {
  while (!stop_) {
    std::unique_ptr<redisContext, ContextDeleter> context(redisConnectWithTimeout(
        options_.host.c_str(), options_.port, absl::ToTimeval(options_.connect_timeout)));
    if (context == nullptr || context->err != 0) {
      absl::SleepFor(kRetryDelay);
      continue;
    }
    const char* argv[] = {"SUBSCRIBE", channel_.c_str()};
    size_t lengths[] = {9, channel_.size()};
    std::unique_ptr<redisReply, ReplyDeleter> confirm(static_cast<redisReply*>(
        redisCommandArgv(context.get(), 2, argv, lengths)));
    if (confirm == nullptr || confirm->type != REDIS_REPLY_ARRAY) {
      absl::SleepFor(kRetryDelay);
      continue;
    }
    subscribed_ = true;
    on_reset_();  // anything before now may have been missed
    while (!stop_) {
      pollfd fd{context->fd, POLLIN, 0};
      int ready = poll(&fd, 1, kPollMillis);
      if (ready == 0) continue;
      void* raw = nullptr;
      if (ready < 0 || redisGetReply(context.get(), &raw) != REDIS_OK || raw == nullptr) {
        break;
      }
      std::unique_ptr<redisReply, ReplyDeleter> reply(static_cast<redisReply*>(raw));
      if (reply->type == REDIS_REPLY_ARRAY && reply->elements == 3 &&
          reply->element[2]->type == REDIS_REPLY_STRING) {
        on_message_(std::string(reply->element[2]->str, reply->element[2]->len));
      }
    }
    subscribed_ = false;
    on_reset_();
    if (!stop_) absl::SleepFor(kRetryDelay);
  }
}

}  // namespace targetwatch::redis
