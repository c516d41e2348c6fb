#ifndef TARGETWATCH_SERVICES_TABLES_DIAGNOSTICS_H_
#define TARGETWATCH_SERVICES_TABLES_DIAGNOSTICS_H_

#include <string>
#include <vector>

#include "targetwatch/v1/common.pb.h"

namespace targetwatch::tables {

// Warnings (guesses the reader made) and errors (text it could not make
// sense of), each tied to the line it came from.
struct Diagnostics {
  std::vector<v1::LineMessage> warnings;
  std::vector<v1::LineMessage> errors;

  void Warn(int line, std::string message) {
    Add(&warnings, line, std::move(message));
  }
  void Error(int line, std::string message) {
    Add(&errors, line, std::move(message));
  }

 private:
  static void Add(std::vector<v1::LineMessage>* to, int line,
                  std::string message) {
    v1::LineMessage m;
    m.set_line(line);
    m.set_message(std::move(message));
    to->push_back(std::move(m));
  }
};

}  // namespace targetwatch::tables

#endif  // TARGETWATCH_SERVICES_TABLES_DIAGNOSTICS_H_
