#include "services/redis/redis_connection.h"

#include <hiredis/hiredis.h>
#include <sys/time.h>

#include <utility>

#include "absl/strings/str_cat.h"

namespace targetwatch::redis {
namespace {

struct ReplyDeleter {
  void operator()(redisReply* reply) const { freeReplyObject(reply); }
};
using ReplyPtr = std::unique_ptr<redisReply, ReplyDeleter>;

RedisValue Convert(const redisReply* reply) {
  RedisValue value;
  switch (reply->type) {
    case REDIS_REPLY_INTEGER:
      value.type = RedisValue::Type::kInteger;
      value.integer = reply->integer;
      break;
    case REDIS_REPLY_STRING:
      value.type = RedisValue::Type::kString;
      value.str.assign(reply->str, reply->len);
      break;
    case REDIS_REPLY_STATUS:
      value.type = RedisValue::Type::kStatus;
      value.str.assign(reply->str, reply->len);
      break;
    case REDIS_REPLY_ERROR:
      value.type = RedisValue::Type::kError;
      value.str.assign(reply->str, reply->len);
      break;
    case REDIS_REPLY_ARRAY:
      value.type = RedisValue::Type::kArray;
      value.elements.reserve(reply->elements);
      for (size_t i = 0; i < reply->elements; ++i) {
        value.elements.push_back(Convert(reply->element[i]));
      }
      break;
    default:
      value.type = RedisValue::Type::kNil;
  }
  return value;
}

}  // namespace

absl::StatusOr<std::unique_ptr<RedisConnection>> RedisConnection::Connect(
    const RedisOptions& options) {
  timeval connect_timeout = absl::ToTimeval(options.connect_timeout);
  redisContext* context = redisConnectWithTimeout(
      options.host.c_str(), options.port, connect_timeout);
  if (context == nullptr) {
    return absl::ResourceExhaustedError("redis: cannot allocate a context");
  }
  std::unique_ptr<RedisConnection> connection(new RedisConnection(context));
  if (context->err != 0) {
    return absl::UnavailableError(absl::StrCat("redis ", options.host, ":",
                                               options.port, ": ",
                                               context->errstr));
  }
  timeval command_timeout = absl::ToTimeval(options.command_timeout);
  if (redisSetTimeout(context, command_timeout) != REDIS_OK ||
      redisEnableKeepAlive(context) != REDIS_OK) {
    return absl::UnavailableError(
        absl::StrCat("redis: cannot set socket options: ", context->errstr));
  }
  return connection;
}

RedisConnection::~RedisConnection() { redisFree(context_); }

absl::Status RedisConnection::Broken(const char* what) {
  broken_ = true;
  // hiredis reports a read timeout as an I/O error with EAGAIN's text.
  return absl::UnavailableError(
      absl::StrCat("redis ", what, ": ",
                   context_->err != 0 ? context_->errstr : "connection lost"));
}

absl::Status RedisConnection::Append(const RedisCommand& command) {
  std::vector<const char*> argv;
  std::vector<size_t> lengths;
  argv.reserve(command.size());
  lengths.reserve(command.size());
  for (const std::string& arg : command) {
    argv.push_back(arg.data());
    lengths.push_back(arg.size());
  }
  if (redisAppendCommandArgv(context_, static_cast<int>(argv.size()),
                             argv.data(), lengths.data()) != REDIS_OK) {
    return Broken("write");
  }
  return absl::OkStatus();
}

absl::StatusOr<RedisValue> RedisConnection::ReadReply() {
  void* raw = nullptr;
  if (redisGetReply(context_, &raw) != REDIS_OK || raw == nullptr) {
    return Broken("read");
  }
  ReplyPtr reply(static_cast<redisReply*>(raw));
  return Convert(reply.get());
}

absl::StatusOr<RedisValue> RedisConnection::Command(
    const RedisCommand& command) {
  if (broken_) return absl::UnavailableError("redis: connection is broken");
  if (absl::Status s = Append(command); !s.ok()) return s;
  absl::StatusOr<RedisValue> reply = ReadReply();
  if (reply.ok() && reply->is_error()) return StatusFromRedisError(reply->str);
  return reply;
}

absl::StatusOr<std::vector<RedisValue>> RedisConnection::Pipeline(
    const std::vector<RedisCommand>& commands) {
  if (broken_) return absl::UnavailableError("redis: connection is broken");
  for (const RedisCommand& command : commands) {
    if (absl::Status s = Append(command); !s.ok()) return s;
  }
  std::vector<RedisValue> replies;
  replies.reserve(commands.size());
  // Every reply is read, even after an error reply, so that the connection
  // stays in step with the server.
  for (size_t i = 0; i < commands.size(); ++i) {
    absl::StatusOr<RedisValue> reply = ReadReply();
    if (!reply.ok()) return reply.status();
    replies.push_back(*std::move(reply));
  }
  return replies;
}

absl::StatusOr<std::vector<RedisValue>> RedisConnection::Transaction(
    const std::vector<RedisCommand>& commands) {
  std::vector<RedisCommand> all;
  all.reserve(commands.size() + 2);
  all.push_back({"MULTI"});
  all.insert(all.end(), commands.begin(), commands.end());
  all.push_back({"EXEC"});
  absl::StatusOr<std::vector<RedisValue>> replies = Pipeline(all);
  if (!replies.ok()) return replies.status();
  const RedisValue& exec = replies->back();
  if (exec.is_error()) return StatusFromRedisError(exec.str);  // EXECABORT
  if (exec.is_nil()) {
    return absl::AbortedError("redis: transaction aborted, a watched key changed");
  }
  return exec.elements;
}

}  // namespace targetwatch::redis
