#ifndef TARGETWATCH_TOOLS_TWCTL_CLI_VALUES_H_
#define TARGETWATCH_TOOLS_TWCTL_CLI_VALUES_H_

// Values as people type and read them on the command line.

#include <string>

#include "targetwatch/v1/common.pb.h"

namespace targetwatch::twctl {

// Prints "usage: twctl <usage>" on stderr; returns the usage exit code.
int Usage(const char* usage);

// "2020-03-31" into a Date; false when it is not one (the server checks
// that it is a calendar date).
bool ParseDate(const std::string& text, v1::Date* date);

// A Date as "2020-03-31", or "-" when unset.
std::string DateText(const v1::Date& date);

}  // namespace targetwatch::twctl

#endif  // TARGETWATCH_TOOLS_TWCTL_CLI_VALUES_H_
