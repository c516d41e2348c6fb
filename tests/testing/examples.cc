#include "tests/testing/examples.h"

#include <fstream>
#include <sstream>

namespace targetwatch::testing {

std::string ExampleTable(const std::string& name) {
  std::ifstream in(std::string(TW_SOURCE_DIR) + "/examples/tables/" + name);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace targetwatch::testing
