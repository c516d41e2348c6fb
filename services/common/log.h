#ifndef TARGETWATCH_SERVICES_COMMON_LOG_H_
#define TARGETWATCH_SERVICES_COMMON_LOG_H_

// One line per event on stderr: "2020-06-30T08:00:00.123Z INFO registry: text".
// Abseil 20220623 has no absl/log, and the services need nothing more.
// Thread-safe: each line is written with a single write(2).

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace targetwatch {

enum class LogLevel { kInfo, kWarning, kError };

// Sets the name printed after the level (the service's name).
void SetLogComponent(absl::string_view component);
void LogLine(LogLevel level, absl::string_view message);

template <typename... Args>
void LogInfo(const Args&... args) {
  LogLine(LogLevel::kInfo, absl::StrCat(args...));
}
template <typename... Args>
void LogWarning(const Args&... args) {
  LogLine(LogLevel::kWarning, absl::StrCat(args...));
}
template <typename... Args>
void LogError(const Args&... args) {
  LogLine(LogLevel::kError, absl::StrCat(args...));
}

}  // namespace targetwatch

#endif  // TARGETWATCH_SERVICES_COMMON_LOG_H_
