#include "services/tables/table_rows.h"

#include "absl/strings/match.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "services/tables/text_norm.h"

namespace targetwatch::tables {
namespace {

int CountHeaderWords(absl::string_view line) {
  int count = 0;
  for (absl::string_view word : {"一级", "二级", "三级"}) {
    if (absl::StrContains(line, word)) ++count;
  }
  return count;
}

bool IsHeaderWord(absl::string_view line) {
  std::string cell(TrimText(line));
  return cell == "一级指标" || cell == "二级指标" || cell == "三级指标" ||
         cell == "一级目标" || cell == "二级目标" || cell == "三级目标";
}

std::vector<std::string> SplitPipedCells(absl::string_view line) {
  absl::string_view text = TrimText(line);
  absl::ConsumePrefix(&text, "|");
  absl::ConsumeSuffix(&text, "|");
  std::vector<std::string> cells;
  for (absl::string_view cell : absl::StrSplit(text, '|')) {
    cells.emplace_back(TrimText(cell));
  }
  return cells;
}

}  // namespace

bool Row::Blank() const {
  for (const std::string& cell : cells) {
    if (!cell.empty()) return false;
  }
  return true;
}

std::string Row::Text() const {
  std::vector<absl::string_view> parts;
  for (const std::string& cell : cells) {
    if (!cell.empty()) parts.push_back(cell);
  }
  return absl::StrJoin(parts, " ");
}

Layout DetectLayout(absl::string_view text) {
  int header_words_alone = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    if (CountHeaderWords(line) >= 3) {
      if (absl::StrContains(line, '\t')) return Layout::kTabbed;
      if (absl::StrContains(line, '|')) return Layout::kPiped;
      return Layout::kSpaced;
    }
    if (IsHeaderWord(line)) ++header_words_alone;
  }
  if (header_words_alone >= 3) return Layout::kParagraph;
  return absl::StrContains(text, '\t') ? Layout::kTabbed : Layout::kParagraph;
}

std::vector<Row> SplitRows(absl::string_view text, Layout layout) {
  std::vector<Row> rows;
  int number = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++number;
    absl::ConsumeSuffix(&line, "\r");
    if (absl::StartsWith(TrimText(line), "#")) continue;
    Row row;
    row.line = number;
    switch (layout) {
      case Layout::kTabbed:
        row.cells = SplitTabbedCells(line);
        break;
      case Layout::kPiped:
        row.cells = SplitPipedCells(line);
        break;
      case Layout::kSpaced:
        row.cells = SplitSpacedCells(line);
        break;
      case Layout::kParagraph:
        if (TrimText(line).empty()) continue;
        row.cells.emplace_back(TrimText(line));
        break;
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

const char* LayoutName(Layout layout) {
  switch (layout) {
    case Layout::kTabbed:
      return "tab-separated";
    case Layout::kPiped:
      return "pipe-separated";
    case Layout::kSpaced:
      return "space-separated";
    case Layout::kParagraph:
      return "one cell per paragraph";
  }
  return "?";
}

}  // namespace targetwatch::tables
