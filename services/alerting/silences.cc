#include "services/alerting/silences.h"

#include "absl/strings/str_cat.h"
#include "services/common/proto_bytes.h"
#include "services/common/proto_time.h"
#include "services/common/status_macros.h"

namespace targetwatch {

bool Covers(const v1::Silence& silence, const v1::Alert& alert, absl::Time now) {
  if (silence.expired()) return false;
  if (now < FromTimestamp(silence.start_time()) || now >= FromTimestamp(silence.end_time())) {
    return false;
  }
  for (const v1::SilenceMatcher& m : silence.matchers()) {
    auto it = alert.labels().find(m.label());
    bool equal = it != alert.labels().end() && it->second == m.value();
    if (equal == m.negate()) return false;
  }
  if (silence.weekly_windows().empty()) return true;
  absl::TimeZone zone = absl::FixedTimeZone(8 * 3600);
  absl::CivilMinute minute = absl::ToCivilMinute(now, zone);
  int weekday = static_cast<int>(absl::GetWeekday(absl::CivilDay(minute)));  // Monday = 0
  int of_day = minute.hour() * 60 + minute.minute();
  for (const v1::WeeklyWindow& w : silence.weekly_windows()) {
    bool day = false;
    for (int d : w.days_of_week()) day = day || d == weekday + 1;
    if (day && of_day >= w.start_minute() && of_day < w.end_minute()) return true;
  }
  return false;
}

bool IsSilenced(const std::vector<v1::Silence>& silences, const v1::Alert& alert,
                absl::Time now) {
  for (const v1::Silence& s : silences) {
    if (Covers(s, alert, now)) return true;
  }
  return false;
}

absl::Status ValidateSilence(const v1::Silence& s) {
  auto bad = [](absl::string_view field, absl::string_view why) {
    return absl::InvalidArgumentError(absl::StrCat("silence.", field, ": ", why));
  };
  if (s.matchers().empty()) return bad("matchers", "at least one is required");
  for (const v1::SilenceMatcher& m : s.matchers()) {
    if (m.label().empty()) return bad("matchers", "a matcher needs a label");
  }
  if (!s.has_end_time()) return bad("end_time", "is required");
  if (FromTimestamp(s.end_time()) <= FromTimestamp(s.start_time())) {
    return bad("end_time", "must be after start_time");
  }
  if (s.created_by().empty()) return bad("created_by", "is required");
  for (const v1::WeeklyWindow& w : s.weekly_windows()) {
    if (w.days_of_week().empty()) return bad("weekly_windows", "a window needs days");
    for (int d : w.days_of_week()) {
      if (d < 1 || d > 7) return bad("weekly_windows", "days are 1 (Monday) to 7 (Sunday)");
    }
    if (w.start_minute() < 0 || w.end_minute() > 24 * 60 || w.start_minute() >= w.end_minute()) {
      return bad("weekly_windows", "minutes are 0 to 1440, start before end");
    }
  }
  return absl::OkStatus();
}

SilenceStore::SilenceStore(redis::RedisPool& redis, redis::KeySpace keys)
    : redis_(redis), keys_(std::move(keys)) {}

absl::StatusOr<std::vector<v1::Silence>> SilenceStore::All() {
  ASSIGN_OR_RETURN(redis::RedisValue all,
                   redis_.Command({"HVALS", keys_.Global("{alerts}:silences")}));
  std::vector<v1::Silence> silences;
  for (const auto& e : all.elements) {
    ASSIGN_OR_RETURN(v1::Silence s, Decode<v1::Silence>(e.str));
    silences.push_back(std::move(s));
  }
  return silences;
}

absl::Status SilenceStore::Put(const v1::Silence& silence) {
  ASSIGN_OR_RETURN(redis::RedisValue reply,
                   redis_.Command({"HSET", keys_.Global("{alerts}:silences"), silence.name(),
                                   Encode(silence)}));
  (void)reply;
  return absl::OkStatus();
}

}  // namespace targetwatch
