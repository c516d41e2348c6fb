#include "services/tables/number_parse.h"

#include <cctype>
#include <cmath>
#include <limits>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/tables/text_norm.h"

namespace targetwatch::tables {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Reads digits with optional ',' separators: the integer part and the
// fraction digits, as text. `end` is where the number stops.
struct NumberText {
  std::string integer;
  std::string fraction;
  size_t end = 0;
};

absl::StatusOr<NumberText> ScanNumber(absl::string_view text) {
  NumberText number;
  size_t i = 0;
  size_t group = 0;  // digits since the last separator
  bool separated = false;
  while (i < text.size()) {
    char c = text[i];
    if (IsDigit(c)) {
      number.integer.push_back(c);
      ++group;
      ++i;
    } else if (c == ',' && i + 1 < text.size() && IsDigit(text[i + 1])) {
      if ((separated && group != 3) || (!separated && group > 3) ||
          group == 0) {
        return absl::InvalidArgumentError(
            absl::StrCat("\"", text, "\" is not a number"));
      }
      separated = true;
      group = 0;
      ++i;
    } else {
      break;
    }
  }
  if (separated && group != 3) {
    return absl::InvalidArgumentError(
        absl::StrCat("\"", text, "\" is not a number"));
  }
  if (i + 1 < text.size() && text[i] == '.' && IsDigit(text[i + 1])) {
    ++i;
    while (i < text.size() && IsDigit(text[i])) number.fraction.push_back(text[i++]);
  }
  number.end = i;
  return number;
}

}  // namespace

absl::StatusOr<double> ParseLeadingNumber(absl::string_view text,
                                          absl::string_view* rest) {
  if (text.empty() || !IsDigit(text[0])) {
    return absl::NotFoundError(absl::StrCat("\"", text, "\" has no number"));
  }
  absl::StatusOr<NumberText> number = ScanNumber(text);
  if (!number.ok()) return number.status();
  *rest = text.substr(number->end);
  std::string plain = number->integer;
  if (!number->fraction.empty()) absl::StrAppend(&plain, ".", number->fraction);
  return std::strtod(plain.c_str(), nullptr);
}

absl::StatusOr<int64_t> ParseAmountFen(absl::string_view raw,
                                       int64_t yuan_per_unit) {
  std::string text = NormalizeWidth(TrimText(raw));
  auto bad = [&raw](absl::string_view why) {
    return absl::InvalidArgumentError(
        absl::StrCat("amount \"", raw, "\" ", why));
  };
  if (text.empty()) return bad("is empty");
  bool negative = text[0] == '-';
  absl::string_view body(text);
  if (negative) body.remove_prefix(1);
  if (body.empty() || !IsDigit(body[0])) return bad("is not a number");
  absl::StatusOr<NumberText> number = ScanNumber(body);
  if (!number.ok() || number->end != body.size()) {
    return bad("is not a number");
  }
  // Exact arithmetic: integer yuan, fraction digits, then fen.
  if (number->integer.size() > 15) return bad("is too large");
  int64_t yuan = std::stoll(number->integer);
  // fen per unit = yuan_per_unit * 100; the fraction is of a unit.
  int64_t fen_per_unit = yuan_per_unit * 100;
  int64_t fen = yuan * fen_per_unit;
  int64_t scale = 1;
  int64_t fraction = 0;
  for (char c : number->fraction) {
    if (scale > std::numeric_limits<int64_t>::max() / 10 / fen_per_unit) break;
    scale *= 10;
    fraction = fraction * 10 + (c - '0');
  }
  if ((fraction * fen_per_unit) % scale != 0) {
    return bad("is not a whole number of fen");
  }
  fen += fraction * fen_per_unit / scale;
  return negative ? -fen : fen;
}

}  // namespace targetwatch::tables
