#ifndef TARGETWATCH_TESTS_TESTING_EXAMPLES_H_
#define TARGETWATCH_TESTS_TESTING_EXAMPLES_H_

#include <string>

namespace targetwatch::testing {

// The text of examples/tables/<name> (the project's sample tables).
std::string ExampleTable(const std::string& name);

inline constexpr char kSeedTable[] = "shanghai-housing-2020-targets.txt";

}  // namespace targetwatch::testing

#endif  // TARGETWATCH_TESTS_TESTING_EXAMPLES_H_
