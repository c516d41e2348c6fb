#include "services/common/log.h"

#include <unistd.h>

#include <string>

#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace targetwatch {
namespace {

absl::Mutex component_mu;
std::string* component ABSL_GUARDED_BY(component_mu) = new std::string("tw");

const char* LevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kInfo:
      return "INFO";
    case LogLevel::kWarning:
      return "WARN";
    case LogLevel::kError:
      return "ERROR";
  }
  return "?";
}

}  // namespace

void SetLogComponent(absl::string_view name) {
  absl::MutexLock lock(&component_mu);
  *component = std::string(name);
}

void LogLine(LogLevel level, absl::string_view message) {
  std::string who;
  {
    absl::MutexLock lock(&component_mu);
    who = *component;
  }
  std::string line = absl::StrCat(
      absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", absl::Now(), absl::UTCTimeZone()),
      " ", LevelName(level), " ", who, ": ", message, "\n");
  // One write per line keeps lines of concurrent threads whole.
  ssize_t ignored = ::write(STDERR_FILENO, line.data(), line.size());
  (void)ignored;
}

}  // namespace targetwatch
