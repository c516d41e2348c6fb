#include "services/tables/target_parser.h"

#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "services/tables/number_parse.h"
#include "services/tables/text_norm.h"

namespace targetwatch::tables {
namespace {

using v1::Comparator;
using v1::Direction;
using v1::TargetKind;

struct ComparatorSign {
  absl::string_view sign;
  Comparator comparator;
};

// Longest signs first, so ">=" is not read as ">".
constexpr ComparatorSign kSigns[] = {
    {">=", v1::GE}, {"=>", v1::GE}, {"<=", v1::LE}, {"=<", v1::LE},
    {"==", v1::EQ}, {"≥", v1::GE},  {"≤", v1::LE},  {">", v1::GT},
    {"<", v1::LT},  {"=", v1::EQ},
};

// Indicators where a bare value means "at most".
constexpr absl::string_view kLowerBetter[] = {
    "投诉率", "故障率", "复发率", "差错率", "返修率", "事故率", "发生率",
    "失误率", "误差",   "成本",   "费用",   "时间",   "耗时",   "空置率",
    "流失率", "死亡率", "违规",   "超支",   "延误",
};

// "365天24小时", "7×24小时", "全年24小时": continuous service.
bool IsAvailability(absl::string_view text) {
  return absl::StrContains(text, "24小时") &&
         (absl::StrContains(text, "365天") || absl::StrContains(text, "7×24") ||
          absl::StrContains(text, "7*24") || absl::StrContains(text, "7x24") ||
          absl::StrContains(text, "全年") || absl::StrContains(text, "全天"));
}

bool HasDigit(absl::string_view text) {
  for (char c : text) {
    if (c >= '0' && c <= '9') return true;
  }
  return false;
}

// A title that names a rate: 及时率, 完成率, 满意度, 覆盖率, 比例, ...
bool NamesRate(absl::string_view title) {
  for (absl::string_view end : {"率", "满意度", "比例", "百分比", "率达"}) {
    if (absl::EndsWith(title, end)) return true;
  }
  return false;
}

absl::Status Unknown(absl::string_view raw, absl::string_view why) {
  return absl::InvalidArgumentError(
      absl::StrCat("target \"", raw, "\": ", why));
}

}  // namespace

bool IsLowerBetterByNature(absl::string_view title) {
  for (absl::string_view word : kLowerBetter) {
    if (absl::StrContains(title, word)) return true;
  }
  return false;
}

absl::StatusOr<ParsedTarget> ParseTarget(absl::string_view raw,
                                         absl::string_view indicator_title) {
  ParsedTarget parsed;
  v1::Target& target = parsed.target;
  target.set_raw(std::string(TrimText(raw)));
  std::string normalized = NormalizeWidth(TrimText(raw));
  absl::string_view text(normalized);
  if (text.empty()) return Unknown(raw, "is empty");

  if (IsAvailability(text)) {
    target.set_kind(v1::AVAILABILITY);
    target.set_comparator(v1::GE);
    target.set_value(100);
    target.set_unit("%");
    target.set_direction(v1::HIGHER_IS_BETTER);
    target.set_expectation(target.raw());
    return parsed;
  }

  // An explicit comparator, then optional spaces.
  Comparator comparator = v1::COMPARATOR_UNSPECIFIED;
  for (const ComparatorSign& sign : kSigns) {
    if (absl::ConsumePrefix(&text, sign.sign)) {
      comparator = sign.comparator;
      break;
    }
  }
  text = TrimText(text);

  if (comparator == v1::COMPARATOR_UNSPECIFIED && !HasDigit(text)) {
    // A qualitative expectation: 建立健全, 执行有效, 改善, 合格, ...
    target.set_kind(v1::QUALITATIVE);
    target.set_comparator(v1::GE);  // a grade of at least 达成
    target.set_direction(v1::HIGHER_IS_BETTER);
    target.set_expectation(std::string(text));
    return parsed;
  }

  absl::string_view rest;
  absl::StatusOr<double> value = ParseLeadingNumber(text, &rest);
  if (!value.ok()) {
    if (absl::IsNotFound(value.status())) {
      return Unknown(raw, comparator == v1::COMPARATOR_UNSPECIFIED
                              ? "not a number, a comparison or a phrase"
                              : "no number after the comparator");
    }
    return Unknown(raw, value.status().message());
  }
  rest = TrimText(rest);

  // The unit: "%", or a short word without digits ("个", "个工作日",
  // "元/人", "万元"), optionally followed by a qualifier ("100%合规").
  std::string unit;
  std::string qualifier;
  double number = *value;
  if (absl::ConsumePrefix(&rest, "%")) {
    unit = "%";
    qualifier = std::string(TrimText(rest));
  } else {
    unit = std::string(rest);
  }
  if (HasDigit(unit) || HasDigit(qualifier) || CodePointCount(unit) > 8) {
    return Unknown(raw, "not a number, a comparison or a phrase");
  }
  if (absl::StartsWith(unit, "万")) {
    number *= 10000;
    unit = unit == "万元" ? "元" : unit.substr(std::string("万").size());
  }
  if (unit.empty() && NamesRate(indicator_title) && number > 0 &&
      number <= 100) {
    unit = "%";
    parsed.warnings.push_back(absl::StrCat(
        "target \"", target.raw(), "\" of \"", indicator_title,
        "\" has no unit; read as ", number, "% since the indicator is a rate"));
  }

  if (comparator == v1::COMPARATOR_UNSPECIFIED) {
    comparator = IsLowerBetterByNature(indicator_title) ? v1::LE : v1::GE;
  }
  Direction direction = comparator == v1::EQ ? v1::EXACT
                        : (comparator == v1::LE || comparator == v1::LT)
                            ? v1::LOWER_IS_BETTER
                            : v1::HIGHER_IS_BETTER;
  target.set_kind(v1::NUMERIC);
  target.set_comparator(comparator);
  target.set_value(number);
  target.set_unit(unit);
  target.set_direction(direction);
  target.set_expectation(qualifier);
  return parsed;
}

}  // namespace targetwatch::tables
