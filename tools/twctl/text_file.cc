#include "tools/twctl/text_file.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "absl/strings/str_cat.h"

namespace targetwatch::twctl {

absl::StatusOr<std::string> ReadTextFile(const std::string& path) {
  constexpr size_t kMaxBytes = 16 << 20;
  std::ostringstream content;
  if (path == "-") {
    content << std::cin.rdbuf();
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      int error = errno;
      std::string why = std::strerror(error);
      if (error == ENOENT) return absl::NotFoundError(absl::StrCat(path, ": ", why));
      if (error == EACCES) {
        return absl::PermissionDeniedError(absl::StrCat(path, ": ", why));
      }
      return absl::UnavailableError(absl::StrCat(path, ": ", why));
    }
    content << in.rdbuf();
  }
  std::string text = content.str();
  if (text.size() > kMaxBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": larger than ", kMaxBytes >> 20, " MiB"));
  }
  return text;
}

}  // namespace targetwatch::twctl
