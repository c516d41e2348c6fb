#ifndef TARGETWATCH_SERVICES_TABLES_TABLE_ROWS_H_
#define TARGETWATCH_SERVICES_TABLES_TABLE_ROWS_H_

// Turns the text of a published table into rows of cells. Each published
// layout differs only here: how a line becomes cells.

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace targetwatch::tables {

enum class Layout {
  kTabbed,     // a tab-separated grid exported from web pages (with <p> HTML)
  kPiped,      // cells between '|'
  kSpaced,     // cells separated by spaces; merged cells dropped
  kParagraph,  // one cell per paragraph (line); merged cells dropped
};

struct Row {
  int line = 0;  // 1-based
  std::vector<std::string> cells;

  bool Blank() const;
  // The cells joined with single spaces, for messages.
  std::string Text() const;
};

// Finds the layout by the indicator grid's header words (一级, 二级, 三级):
// several on one line separated by tabs, pipes or spaces, or one per line.
Layout DetectLayout(absl::string_view text);

// Splits the text into rows. Blank lines are kept as rows without cells
// (they end a tabbed grid), except in the paragraph layout where they only
// separate cells. Lines starting with '#' are comments and dropped.
std::vector<Row> SplitRows(absl::string_view text, Layout layout);

const char* LayoutName(Layout layout);

}  // namespace targetwatch::tables

#endif  // TARGETWATCH_SERVICES_TABLES_TABLE_ROWS_H_
