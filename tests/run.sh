#!/usr/bin/env bash
# Builds Targetwatch and runs the whole test suite with ctest.
# Installs missing Debian packages first. Each test that needs Redis starts
# its own redis-server on a free loopback port.
#
#   tests/run.sh                 everything
#   tests/run.sh -R redis        only tests matching a regex (ctest -R)
#   TW_BUILD_DIR=dir tests/run.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${TW_BUILD_DIR:-$root/build}
jobs=$(nproc)

"$root/deploy/install-deps.sh"

cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j "$jobs"
cd "$build"
ctest --output-on-failure -j "$jobs" "$@"
