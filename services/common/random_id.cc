#include "services/common/random_id.h"

#include <cstdint>

#include "absl/random/random.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/mutex.h"
#include "services/common/stable_hash.h"

namespace targetwatch {

std::string RandomId() {
  static absl::Mutex mu(absl::kConstInit);
  static absl::BitGen* gen = new absl::BitGen();
  absl::MutexLock lock(&mu);
  return absl::StrFormat("%016x", absl::Uniform<uint64_t>(*gen));
}

std::string IdFor(absl::string_view kind, absl::string_view request_id) {
  if (request_id.empty()) return RandomId();
  return StableId(absl::StrCat(kind, "|", request_id));
}

}  // namespace targetwatch
