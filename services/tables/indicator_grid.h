#ifndef TARGETWATCH_SERVICES_TABLES_INDICATOR_GRID_H_
#define TARGETWATCH_SERVICES_TABLES_INDICATOR_GRID_H_

// Reads the indicator grid (一级 / 二级 / 三级 / 指标值 ...) of one table.

#include <optional>
#include <vector>

#include "services/tables/diagnostics.h"
#include "services/tables/table_rows.h"
#include "targetwatch/v1/registry.pb.h"

namespace targetwatch::tables {

// Where each column of the grid is, found by its header word; -1 if absent.
struct GridColumns {
  int level1 = -1;
  int level2 = -1;
  int level3 = -1;
  int value = -1;       // 指标值, 指标目标值
  int comparator = -1;  // 指标性质: ≥, ≤, =, 定性
  int direction = -1;   // 指标方向: 正向, 反向
  int unit = -1;        // 计量单位
  int weight = -1;      // 分值, 权重
  int width = 0;
};

// The grid's header at rows[i]: a row with the header words (tabbed, piped,
// spaced), or consecutive one-cell rows of them (paragraph). Sets *next to
// the first row after the header.
std::optional<GridColumns> MatchGridHeader(const std::vector<Row>& rows,
                                           size_t i, Layout layout,
                                           size_t* next);

// Reads indicators from rows[begin] until the grid ends (a blank row in a
// tabbed grid, a sign-off row such as 其他需说明的问题 or …意见(盖章), a new
// table's title, or the end). Returns the index of the first row after it.
size_t ReadGrid(const std::vector<Row>& rows, size_t begin, Layout layout,
                const GridColumns& columns, Diagnostics& diagnostics,
                std::vector<v1::Indicator>* indicators);

}  // namespace targetwatch::tables

#endif  // TARGETWATCH_SERVICES_TABLES_INDICATOR_GRID_H_
