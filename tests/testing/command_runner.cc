#include "tests/testing/command_runner.h"

#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "tests/testing/subprocess.h"

namespace targetwatch::testing {
namespace {

std::string Slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

std::string BinaryPath(const std::string& name) {
  if (name == "twctl") return absl::StrCat(TW_BINARY_DIR, "/tools/twctl/twctl");
  return absl::StrCat(TW_BINARY_DIR, "/services/", name, "/", name);
}

CommandResult RunCommand(const std::string& command, absl::Duration timeout) {
  static std::atomic<int> counter{0};
  std::string base =
      absl::StrCat(std::filesystem::temp_directory_path().string(), "/tw-cmd-",
                   ::getpid(), "-", counter++);
  std::string out = base + ".out";
  std::string err = base + ".err";
  CommandResult result;
  auto process = Subprocess::Start(
      {"/bin/sh", "-c", absl::StrCat(command, " >", out, " 2>", err)});
  if (!process.ok()) return result;
  result.exit_code = process->Wait(timeout).value_or(-1);
  result.out = Slurp(out);
  result.err = Slurp(err);
  std::remove(out.c_str());
  std::remove(err.c_str());
  return result;
}

CommandResult Twctl(const std::string& args) {
  return RunCommand(absl::StrCat(BinaryPath("twctl"), " ", args));
}

}  // namespace targetwatch::testing
