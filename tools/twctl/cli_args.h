#ifndef TARGETWATCH_TOOLS_TWCTL_CLI_ARGS_H_
#define TARGETWATCH_TOOLS_TWCTL_CLI_ARGS_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace targetwatch::twctl {

// A command line split into words and flags. Flags are `--name=value`,
// `--name value`, or a bare `--name` for the switches listed in `switches`.
struct CliArgs {
  std::vector<std::string> words;
  std::map<std::string, std::string> flags;

  bool Has(const std::string& name) const { return flags.count(name) > 0; }
  std::optional<std::string> Get(const std::string& name) const;
  // The flag, else the environment variable, else the fallback.
  std::string GetOr(const std::string& name, const char* env,
                    const std::string& fallback) const;
};

// INVALID_ARGUMENT names the word that is wrong.
absl::StatusOr<CliArgs> ParseCliArgs(const std::vector<std::string>& argv,
                                     const std::vector<std::string>& switches);

}  // namespace targetwatch::twctl

#endif  // TARGETWATCH_TOOLS_TWCTL_CLI_ARGS_H_
