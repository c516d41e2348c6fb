#ifndef TARGETWATCH_SERVICES_COMMON_STATUS_MACROS_H_
#define TARGETWATCH_SERVICES_COMMON_STATUS_MACROS_H_

// RETURN_IF_ERROR and ASSIGN_OR_RETURN, which Abseil 20220623 does not ship.
//
//   RETURN_IF_ERROR(DoThing());
//   ASSIGN_OR_RETURN(Reply reply, conn.Command({"GET", key}));

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define TW_STATUS_CONCAT_INNER_(a, b) a##b
#define TW_STATUS_CONCAT_(a, b) TW_STATUS_CONCAT_INNER_(a, b)

#define RETURN_IF_ERROR(expr)                          \
  do {                                                 \
    ::absl::Status tw_status_ = (expr);                \
    if (!tw_status_.ok()) return tw_status_;           \
  } while (0)

#define ASSIGN_OR_RETURN(lhs, expr)                                       \
  TW_ASSIGN_OR_RETURN_IMPL_(TW_STATUS_CONCAT_(tw_statusor_, __LINE__), \
                            lhs, expr)

#define TW_ASSIGN_OR_RETURN_IMPL_(statusor, lhs, expr) \
  auto statusor = (expr);                              \
  if (!statusor.ok()) return statusor.status();        \
  lhs = std::move(statusor).value()

#endif  // TARGETWATCH_SERVICES_COMMON_STATUS_MACROS_H_
