#include "services/alerting/dispatcher.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "services/alerting/http_post.h"
#include "services/alerting/webhook_format.h"
#include "services/common/log.h"
#include "services/common/proto_bytes.h"

namespace targetwatch {
namespace {

// KEYS: outbox. ARGV: the receiver queue keys. Moves one event from the
// outbox into every receiver's queue, in one step; returns 1 if it moved.
constexpr char kFanOutScript[] = R"lua(
local event = redis.call('LPOP', KEYS[1])
if not event then return 0 end
for i = 1, #ARGV do redis.call('RPUSH', ARGV[i], event) end
return 1
)lua";

constexpr absl::Duration kLockFor = absl::Seconds(30);
constexpr absl::Duration kFirstBackoff = absl::Milliseconds(200);
constexpr absl::Duration kMaxBackoff = absl::Seconds(60);

absl::Duration FromProto(const google::protobuf::Duration& d) {
  return absl::Seconds(d.seconds()) + absl::Nanoseconds(d.nanos());
}

}  // namespace

Dispatcher::Dispatcher(redis::RedisPool& redis, redis::KeySpace keys, SilenceStore& silences,
                       ReceiversFn receivers, const Clock& clock, std::string replica_id)
    : redis_(redis),
      keys_(std::move(keys)),
      silences_(silences),
      receivers_(std::move(receivers)),
      clock_(clock),
      replica_id_(std::move(replica_id)),
      fan_out_script_(kFanOutScript) {}

Dispatcher::~Dispatcher() {
  stop_.Notify();
  if (thread_.joinable()) thread_.join();
}

void Dispatcher::Start(absl::Duration poll) {
  thread_ = std::thread([this, poll] {
    while (!stop_.WaitForNotificationWithTimeout(poll)) RunOnce();
  });
}

int Dispatcher::RunOnce() {
  std::vector<v1::Receiver> receivers = receivers_();
  FanOut(receivers);
  int delivered = 0;
  for (const v1::Receiver& r : receivers) delivered += Deliver(r);
  return delivered;
}

int Dispatcher::FanOut(const std::vector<v1::Receiver>& receivers) {
  std::vector<std::string> queues;
  for (const v1::Receiver& r : receivers) {
    queues.push_back(keys_.Global("{alerts}:out:" + r.name()));
  }
  int moved = 0;
  while (moved < 1000) {
    absl::StatusOr<redis::RedisPool::Lease> lease = redis_.Acquire();
    if (!lease.ok()) return moved;
    absl::StatusOr<redis::RedisValue> reply =
        fan_out_script_.Run(**lease, {keys_.Global("{alerts}:outbox")}, queues);
    if (!reply.ok() || reply->integer == 0) return moved;
    ++moved;
  }
  return moved;
}

int Dispatcher::Deliver(const v1::Receiver& receiver) {
  absl::Time now = absl::Now();
  if (auto it = retry_at_.find(receiver.name()); it != retry_at_.end() && now < it->second) {
    return 0;
  }
  const std::string queue = keys_.Global("{alerts}:out:" + receiver.name());
  const std::string lock = keys_.Global("{alerts}:lock:" + receiver.name());
  // One replica serves a receiver at a time, so each event is posted once.
  absl::StatusOr<redis::RedisValue> locked = redis_.Command(
      {"SET", lock, replica_id_, "NX", "PX", std::to_string(absl::ToInt64Milliseconds(kLockFor))});
  if (!locked.ok() || locked->is_nil()) return 0;
  int delivered = 0;
  absl::StatusOr<std::vector<v1::Silence>> silences = silences_.All();
  // Stop well before the lock lapses, so no other replica can take the
  // same event while this one is still posting it.
  const absl::Time stop_by = now + kLockFor / 2;
  while (absl::Now() < stop_by) {
    absl::StatusOr<redis::RedisValue> head = redis_.Command({"LINDEX", queue, "0"});
    if (!head.ok() || head->is_nil()) break;
    absl::StatusOr<v1::AlertEvent> event = Decode<v1::AlertEvent>(head->str);
    bool drop = !event.ok();
    if (!drop && event->alert().state() == v1::RESOLVED && !receiver.send_resolved()) drop = true;
    if (!drop && silences.ok() && IsSilenced(*silences, event->alert(), clock_.Now())) {
      drop = true;  // silenced: the alert still lists, nobody is called
    }
    if (!drop) {
      absl::Duration timeout = receiver.has_timeout() ? FromProto(receiver.timeout())
                                                      : absl::Seconds(5);
      std::vector<std::string> group_by(receiver.group_by().begin(), receiver.group_by().end());
      absl::StatusOr<int> status =
          PostJson(receiver.url(), WebhookJson(receiver.name(), group_by, {event->alert()}),
                   timeout);
      if (!status.ok() || *status < 200 || *status >= 300) {
        absl::Duration& backoff = backoff_[receiver.name()];
        backoff = backoff == absl::ZeroDuration() ? kFirstBackoff : std::min(backoff * 2, kMaxBackoff);
        retry_at_[receiver.name()] = absl::Now() + backoff;
        LogWarning("webhook ", receiver.name(), " failed (",
                   status.ok() ? absl::StrCat("HTTP ", *status) : std::string(status.status().message()),
                   "); retry in ", absl::FormatDuration(backoff));
        break;
      }
      backoff_.erase(receiver.name());
      retry_at_.erase(receiver.name());
      ++delivered;
    }
    // Remove exactly the event handled (the lock keeps others off it).
    (void)redis_.Command({"LPOP", queue});
  }
  (void)redis_.Command({"DEL", lock});
  return delivered;
}

}  // namespace targetwatch
