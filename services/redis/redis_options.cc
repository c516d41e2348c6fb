#include "services/redis/redis_options.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace targetwatch::redis {

absl::StatusOr<RedisOptions> ParseRedisAddress(absl::string_view address) {
  size_t colon = address.rfind(':');
  int port = 0;
  if (colon == absl::string_view::npos || colon == 0 ||
      !absl::SimpleAtoi(address.substr(colon + 1), &port) || port <= 0 ||
      port > 65535) {
    return absl::InvalidArgumentError(
        absl::StrCat("redis address \"", address, "\" is not host:port"));
  }
  RedisOptions options;
  options.host = std::string(address.substr(0, colon));
  options.port = port;
  return options;
}

}  // namespace targetwatch::redis
