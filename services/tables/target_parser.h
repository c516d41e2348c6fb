#ifndef TARGETWATCH_SERVICES_TABLES_TARGET_PARSER_H_
#define TARGETWATCH_SERVICES_TABLES_TARGET_PARSER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "targetwatch/v1/common.pb.h"

namespace targetwatch::tables {

struct ParsedTarget {
  v1::Target target;
  // Guesses the parser made, e.g. a rate written without its %.
  std::vector<std::string> warnings;
};

// Types the target of an indicator from its text as written in the table
// ("100%", ">=90%", "≤5%", "=1", "365天24小时", "<=475元/亩", "6万元",
// "建立健全", ...). `indicator_title` decides what a bare value means: "at
// least", or "at most" for indicators lower-is-better by nature (投诉率,
// 故障率, 成本, 时间, ...); an explicit comparator always wins. Amounts in
// 万 / 万元 are converted to 元 (and 万人 to 人).
//
// INVALID_ARGUMENT names the text when it is a form the parser does not
// know (">=abc", "1-2次"); nothing is defaulted silently.
absl::StatusOr<ParsedTarget> ParseTarget(absl::string_view text,
                                         absl::string_view indicator_title);

// True for indicators where less is better (投诉率, 故障率, 成本, ...).
bool IsLowerBetterByNature(absl::string_view indicator_title);

}  // namespace targetwatch::tables

#endif  // TARGETWATCH_SERVICES_TABLES_TARGET_PARSER_H_
