#ifndef TARGETWATCH_SERVICES_ALERTING_DISPATCHER_H_
#define TARGETWATCH_SERVICES_ALERTING_DISPATCHER_H_

#include <functional>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "absl/synchronization/notification.h"
#include "services/alerting/silences.h"
#include "services/common/clock.h"
#include "services/redis/key_space.h"
#include "services/redis/redis_pool.h"
#include "services/redis/redis_script.h"
#include "targetwatch/v1/alerting.pb.h"

namespace targetwatch {

// Delivers alert transitions to webhook receivers, off the evaluation path:
// a dead receiver never holds evaluation up.
//
// The store queues each transition once (P{alerts}:outbox). The
// dispatcher moves it, atomically, into one queue per receiver
// (P{alerts}:out:<receiver>); a receiver's queue is served by one replica
// at a time (a lock with expiry), in order, and an event leaves the queue
// only once the receiver answered 2xx — a receiver that was down gets its
// notifications when it is back. Silences are checked at delivery.
//
// Alerts are grouped by the receiver's group_by labels into Alertmanager
// (version 4) webhooks: a group's first notification waits group_wait (to
// gather the alerts that fire together), later changes wait group_interval
// after the previous notification, and a group still firing is told again
// every repeat_interval. An alert that fired and resolved within one wait
// is sent once, resolved. Unset durations are 0: send at once, no repeats.
class Dispatcher {
 public:
  using ReceiversFn = std::function<std::vector<v1::Receiver>()>;
  // The alerts firing now, for repeat notifications.
  using FiringFn = std::function<std::vector<v1::Alert>()>;

  Dispatcher(redis::RedisPool& redis, redis::KeySpace keys, SilenceStore& silences,
             ReceiversFn receivers, const Clock& clock, std::string replica_id,
             FiringFn firing = nullptr);
  ~Dispatcher();  // stops the thread started by Start
  void Start(absl::Duration poll = absl::Milliseconds(100));

  // One pass (tests call it directly): fan out the outbox, deliver what
  // each receiver's queue holds. Returns the webhooks that got a 2xx.
  int RunOnce();

 private:
  int FanOut(const std::vector<v1::Receiver>& receivers);
  int Deliver(const v1::Receiver& receiver);

  redis::RedisPool& redis_;
  const redis::KeySpace keys_;
  SilenceStore& silences_;
  const ReceiversFn receivers_;
  const FiringFn firing_;
  const Clock& clock_;
  const std::string replica_id_;
  redis::RedisScript fan_out_script_;
  std::map<std::string, absl::Time> retry_at_;       // per receiver, after a failure
  std::map<std::string, absl::Duration> backoff_;
  absl::Notification stop_;
  std::thread thread_;
};

}  // namespace targetwatch

#endif  // TARGETWATCH_SERVICES_ALERTING_DISPATCHER_H_
