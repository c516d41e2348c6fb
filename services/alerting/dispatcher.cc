#include "services/alerting/dispatcher.h"

#include <algorithm>
#include <cstdio>

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
                       ReceiversFn receivers, const Clock& clock, std::string replica_id,
                       FiringFn firing)
    : redis_(redis),
      keys_(std::move(keys)),
      silences_(silences),
      receivers_(std::move(receivers)),
      firing_(std::move(firing)),
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

namespace {

// The values of the receiver's group_by labels: alerts with equal keys are
// notified together.
std::string GroupKey(const v1::Alert& alert, const std::vector<std::string>& group_by) {
  std::string key;
  for (const std::string& label : group_by) {
    auto it = alert.labels().find(label);
    absl::StrAppend(&key, label, "=", it == alert.labels().end() ? "" : it->second, "\x1f");
  }
  return key;
}

}  // namespace

int Dispatcher::Deliver(const v1::Receiver& receiver) {
  if (auto it = retry_at_.find(receiver.name());
      it != retry_at_.end() && absl::Now() < it->second) {
    return 0;
  }
  const std::string queue = keys_.Global("{alerts}:out:" + receiver.name());
  const std::string lock = keys_.Global("{alerts}:lock:" + receiver.name());
  const std::string groups_key = keys_.Global("{alerts}:g:" + receiver.name());
  // One replica serves a receiver at a time, so each event is posted once.
  absl::StatusOr<redis::RedisValue> locked = redis_.Command(
      {"SET", lock, replica_id_, "NX", "PX", std::to_string(absl::ToInt64Milliseconds(kLockFor))});
  if (!locked.ok() || locked->is_nil()) return 0;

  const absl::Time now = clock_.Now();
  const absl::Duration group_wait = FromProto(receiver.group_wait());
  const absl::Duration group_interval = FromProto(receiver.group_interval());
  const absl::Duration repeat_interval = FromProto(receiver.repeat_interval());
  const std::vector<std::string> group_by(receiver.group_by().begin(), receiver.group_by().end());
  absl::StatusOr<std::vector<v1::Silence>> silences = silences_.All();
  auto silenced = [&](const v1::Alert& a) {
    return silences.ok() && IsSilenced(*silences, a, now);
  };

  // What waits, grouped; the latest event of an alert stands for it.
  struct Group {
    std::vector<std::string> raw;
    std::vector<std::string> order;
    std::map<std::string, v1::Alert> latest;
  };
  std::map<std::string, Group> groups;
  absl::StatusOr<redis::RedisValue> waiting = redis_.Command({"LRANGE", queue, "0", "999"});
  if (waiting.ok()) {
    for (const redis::RedisValue& raw : waiting->elements) {
      absl::StatusOr<v1::AlertEvent> event = Decode<v1::AlertEvent>(raw.str);
      if (!event.ok() ||
          (event->alert().state() == v1::RESOLVED && !receiver.send_resolved()) ||
          silenced(event->alert())) {
        // Not for this receiver (or silenced: the alert still lists).
        (void)redis_.Command({"LREM", queue, "1", raw.str});
        continue;
      }
      Group& g = groups[GroupKey(event->alert(), group_by)];
      g.raw.push_back(raw.str);
      const std::string& fp = event->alert().fingerprint();
      if (!g.latest.count(fp)) g.order.push_back(fp);
      g.latest[fp] = event->alert();
    }
  }

  // Per group: when it was first seen waiting, and last sent (ms).
  std::map<std::string, std::pair<int64_t, int64_t>> times;
  if (absl::StatusOr<redis::RedisValue> all = redis_.Command({"HGETALL", groups_key}); all.ok()) {
    for (size_t i = 0; i + 1 < all->elements.size(); i += 2) {
      std::pair<int64_t, int64_t> t{0, 0};
      std::sscanf(all->elements[i + 1].str.c_str(), "%ld:%ld", &t.first, &t.second);
      times[all->elements[i].str] = t;
    }
  }
  const int64_t now_ms = absl::ToUnixMillis(now);
  auto elapsed = [now_ms](int64_t since_ms) { return absl::Milliseconds(now_ms - since_ms); };
  auto post = [&](const std::vector<v1::Alert>& alerts) {
    absl::Duration timeout =
        receiver.has_timeout() ? FromProto(receiver.timeout()) : absl::Seconds(5);
    absl::StatusOr<int> status =
        PostJson(receiver.url(), WebhookJson(receiver.name(), group_by, alerts), timeout);
    if (status.ok() && *status >= 200 && *status < 300) {
      backoff_.erase(receiver.name());
      retry_at_.erase(receiver.name());
      return true;
    }
    absl::Duration& backoff = backoff_[receiver.name()];
    backoff = backoff == absl::ZeroDuration() ? kFirstBackoff : std::min(backoff * 2, kMaxBackoff);
    retry_at_[receiver.name()] = absl::Now() + backoff;
    LogWarning("webhook ", receiver.name(), " failed (",
               status.ok() ? absl::StrCat("HTTP ", *status) : std::string(status.status().message()),
               "); retry in ", absl::FormatDuration(backoff));
    return false;
  };

  int delivered = 0;
  bool failed = false;
  for (auto& [key, g] : groups) {
    std::pair<int64_t, int64_t>& t = times[key];
    if (t.first == 0) t.first = now_ms;  // first seen waiting now
    // group_wait before a group's first notification, group_interval
    // between notifications of new changes.
    bool ready = t.second == 0 ? elapsed(t.first) >= group_wait
                               : elapsed(t.second) >= group_interval;
    if (!ready || failed) continue;
    std::vector<v1::Alert> alerts;
    for (const std::string& fp : g.order) alerts.push_back(g.latest[fp]);
    if (!post(alerts)) {
      failed = true;
      continue;
    }
    for (const std::string& raw : g.raw) (void)redis_.Command({"LREM", queue, "1", raw});
    t = {0, now_ms};
    ++delivered;
  }

  // Groups still firing are told again every repeat_interval.
  if (!failed && repeat_interval > absl::ZeroDuration() && firing_) {
    std::map<std::string, std::vector<v1::Alert>> firing;
    for (const v1::Alert& a : firing_()) {
      if (a.state() == v1::FIRING && !silenced(a)) firing[GroupKey(a, group_by)].push_back(a);
    }
    for (auto& [key, t] : times) {
      if (groups.count(key) || t.second == 0 || elapsed(t.second) < repeat_interval) continue;
      auto it = firing.find(key);
      if (it == firing.end()) continue;
      if (!post(it->second)) break;
      t.second = now_ms;
      ++delivered;
    }
  }

  redis::RedisCommand save = {"HSET", groups_key};
  for (const auto& [key, t] : times) {
    save.push_back(key);
    save.push_back(absl::StrCat(t.first, ":", t.second));
  }
  if (save.size() > 2) (void)redis_.Command(save);
  (void)redis_.Command({"DEL", lock});
  return delivered;
}

}  // namespace targetwatch
