#ifndef TARGETWATCH_SERVICES_TABLES_TABLE_READER_H_
#define TARGETWATCH_SERVICES_TABLES_TABLE_READER_H_

// Reads performance target tables (财政项目支出绩效目标表) as departments
// publish them: the header facts, the budget, the narrative and the
// indicator grid of every table in a text, each target typed. Pure: no I/O.

#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "targetwatch/v1/registry.pb.h"

namespace targetwatch::tables {

struct ReadResult {
  // One per table, with its indicators; resource names are left empty.
  std::vector<v1::Project> projects;
  // Guesses the reader made, each with its line.
  std::vector<v1::LineMessage> warnings;
  // Text the reader could not make sense of, each with its line. A text
  // with errors must not be imported.
  std::vector<v1::LineMessage> errors;
};

// Reads every table in `text` (tab- or pipe-separated grids, HTML cells,
// space-separated rows, one cell per paragraph). Never throws.
ReadResult ReadTargetTables(absl::string_view text);

// The same as a response: INVALID_ARGUMENT listing "line N: ..." for every
// error when there is any.
absl::StatusOr<v1::ParseTargetTableResponse> ParseTargetTables(
    absl::string_view text);

}  // namespace targetwatch::tables

#endif  // TARGETWATCH_SERVICES_TABLES_TABLE_READER_H_
