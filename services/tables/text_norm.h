#ifndef TARGETWATCH_SERVICES_TABLES_TEXT_NORM_H_
#define TARGETWATCH_SERVICES_TABLES_TEXT_NORM_H_

// Small UTF-8 text helpers for reading published tables.

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace targetwatch::tables {

// Full-width ASCII forms (＝＞＜％０-９：（）…) become ASCII, the
// ideographic and no-break spaces become ' ', and the comparator cousins
// ≧ ≦ ═ become ≥ ≤ =. For matching labels and typing targets; values shown
// to people keep the text as written.
std::string NormalizeWidth(absl::string_view text);

// Strips ASCII white space, U+3000 and U+00A0 from both ends.
absl::string_view TrimText(absl::string_view text);

// Splits `line` into cells at tabs and at HTML tags (published tables fuse
// several cells into one line of <p> elements); cells are trimmed, HTML
// entities &nbsp; &lt; &gt; &amp; decoded. Empty cells are kept, so that
// column positions survive.
std::vector<std::string> SplitTabbedCells(absl::string_view line);

// Splits at runs of white space (ASCII, U+3000, U+00A0).
std::vector<std::string> SplitSpacedCells(absl::string_view line);

// The number of code points (for length limits on names).
size_t CodePointCount(absl::string_view text);

}  // namespace targetwatch::tables

#endif  // TARGETWATCH_SERVICES_TABLES_TEXT_NORM_H_
