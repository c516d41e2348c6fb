#include "tools/twctl/cli_args.h"

#include <algorithm>
#include <cstdlib>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace targetwatch::twctl {

std::optional<std::string> CliArgs::Get(const std::string& name) const {
  auto it = flags.find(name);
  if (it == flags.end()) return std::nullopt;
  return it->second;
}

std::string CliArgs::GetOr(const std::string& name, const char* env,
                           const std::string& fallback) const {
  if (auto value = Get(name)) return *value;
  if (env != nullptr) {
    const char* from_env = std::getenv(env);
    if (from_env != nullptr && *from_env != '\0') return from_env;
  }
  return fallback;
}

absl::StatusOr<CliArgs> ParseCliArgs(const std::vector<std::string>& argv,
                                     const std::vector<std::string>& switches) {
  CliArgs args;
  for (size_t i = 0; i < argv.size(); ++i) {
    const std::string& word = argv[i];
    if (word == "--") {
      args.words.insert(args.words.end(), argv.begin() + i + 1, argv.end());
      break;
    }
    if (!absl::StartsWith(word, "--") || word == "-") {
      args.words.push_back(word);
      continue;
    }
    std::string name = word.substr(2);
    size_t eq = name.find('=');
    if (eq != std::string::npos) {
      args.flags[name.substr(0, eq)] = name.substr(eq + 1);
      continue;
    }
    if (std::find(switches.begin(), switches.end(), name) != switches.end()) {
      args.flags[name] = "true";
      continue;
    }
    if (i + 1 >= argv.size()) {
      return absl::InvalidArgumentError(
          absl::StrCat("flag ", word, " needs a value"));
    }
    args.flags[name] = argv[++i];
  }
  return args;
}

}  // namespace targetwatch::twctl
