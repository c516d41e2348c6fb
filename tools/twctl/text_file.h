#ifndef TARGETWATCH_TOOLS_TWCTL_TEXT_FILE_H_
#define TARGETWATCH_TOOLS_TWCTL_TEXT_FILE_H_

#include <string>

#include "absl/status/statusor.h"

namespace targetwatch::twctl {

// The whole file ("-" is standard input). NOT_FOUND / PERMISSION_DENIED
// name the path; files over 16 MiB are refused (no target table is that
// large, and the registry takes less).
absl::StatusOr<std::string> ReadTextFile(const std::string& path);

}  // namespace targetwatch::twctl

#endif  // TARGETWATCH_TOOLS_TWCTL_TEXT_FILE_H_
