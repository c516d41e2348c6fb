#include "services/common/page_token.h"

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "services/common/stable_hash.h"

namespace targetwatch {
namespace {

constexpr absl::string_view kVersion = "t1";

}  // namespace

std::string EncodePageToken(absl::string_view query, absl::string_view position) {
  std::string plain = absl::StrCat(kVersion, ":",
                                   StableId(query),
                                   ":", position);
  return absl::WebSafeBase64Escape(plain);
}

absl::StatusOr<std::string> DecodePageToken(absl::string_view token,
                                            absl::string_view query) {
  if (token.empty()) return std::string();
  std::string plain;
  auto bad = [] {
    return absl::InvalidArgumentError(
        "page_token: not a token this list returned for this query");
  };
  if (!absl::WebSafeBase64Unescape(token, &plain)) return bad();
  std::string prefix = absl::StrCat(kVersion, ":",
                                    StableId(query),
                                    ":");
  if (plain.size() <= prefix.size() || plain.compare(0, prefix.size(), prefix) != 0) {
    return bad();
  }
  return plain.substr(prefix.size());
}

absl::StatusOr<int> PageSize(int requested, int default_size, int max_size) {
  if (requested < 0) {
    return absl::InvalidArgumentError("page_size: must not be negative");
  }
  if (requested == 0) return default_size;
  return requested > max_size ? max_size : requested;
}

}  // namespace targetwatch
