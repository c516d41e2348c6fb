#ifndef TARGETWATCH_SERVICES_COMMON_STABLE_HASH_H_
#define TARGETWATCH_SERVICES_COMMON_STABLE_HASH_H_

#include <cstdint>
#include <string>

#include "absl/strings/str_format.h"
#include "absl/strings/string_view.h"

namespace targetwatch {

// FNV-1a 64: the same value in every process and version (absl::Hash is
// salted per process), for ids derived from content.
inline uint64_t StableHash(absl::string_view text) {
  uint64_t hash = 14695981039346656037ull;
  for (char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ull;
  }
  return hash;
}

// 16 lowercase hex digits of StableHash: a valid resource id.
inline std::string StableId(absl::string_view text) {
  return absl::StrFormat("%016x", StableHash(text));
}

}  // namespace targetwatch

#endif  // TARGETWATCH_SERVICES_COMMON_STABLE_HASH_H_
