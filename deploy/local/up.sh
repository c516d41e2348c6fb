#!/usr/bin/env bash
# Starts the local Targetwatch stack on this machine:
# installs missing Debian packages, builds, starts Redis (unless one already
# answers on the port) and the registry, progress and alerting services, and
# loads the sample target tables from examples/tables/.
#
# Safe to run again: services are restarted on the new build; Redis and its
# data are kept. deploy/local/down.sh stops what this started.
#
# Environment: TW_REDIS_PORT (6379), TW_REGISTRY_PORT (7001),
# TW_PROGRESS_PORT (7002), TW_ALERTING_PORT (7003), TW_RUN_DIR (.run),
# TW_BUILD_DIR (build), TW_WEBHOOKS (space-separated webhook URLs for
# alerting), TW_NOW (start every service's clock at this RFC 3339 time).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
run=${TW_RUN_DIR:-$root/.run}
build=${TW_BUILD_DIR:-$root/build}
redis_port=${TW_REDIS_PORT:-6379}
declare -A ports=(
  [registry]=${TW_REGISTRY_PORT:-7001}
  [progress]=${TW_PROGRESS_PORT:-7002}
  [alerting]=${TW_ALERTING_PORT:-7003}
)
mkdir -p "$run/logs" "$run/redis"

say() { echo "up: $*"; }

"$root/deploy/install-deps.sh"

say "building (log: $run/logs/build.log)"
if ! { cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo &&
       cmake --build "$build" -j "$(nproc)" --target registry progress alerting twctl; } \
     >"$run/logs/build.log" 2>&1; then
  tail -n 30 "$run/logs/build.log" >&2
  say "build failed; see $run/logs/build.log" >&2
  exit 1
fi

if redis-cli -p "$redis_port" ping >/dev/null 2>&1; then
  say "Redis already answers on 127.0.0.1:$redis_port; using it"
else
  say "starting Redis on 127.0.0.1:$redis_port (data in $run/redis)"
  redis-server "$root/deploy/redis/redis.conf" --port "$redis_port" \
    --dir "$run/redis" --daemonize yes --pidfile "$run/redis.pid" \
    --logfile "$run/logs/redis.log"
  for _ in $(seq 50); do
    redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break
    sleep 0.1
  done
fi

stop_pid_file() {
  local pid_file=$1
  [[ -f $pid_file ]] || return 0
  local pid
  pid=$(cat "$pid_file")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -f "$pid_file"
}

for svc in registry progress alerting; do
  extra=()
  if [[ $svc == alerting ]]; then
    for url in ${TW_WEBHOOKS:-}; do extra+=("--webhook=$url"); done
  fi
  stop_pid_file "$run/$svc.pid"
  say "starting $svc on port ${ports[$svc]} (log: $run/logs/$svc.log)"
  setsid "$build/services/$svc/$svc" --port="${ports[$svc]}" \
    --redis="127.0.0.1:$redis_port" \
    --registry="127.0.0.1:${ports[registry]}" \
    --progress="127.0.0.1:${ports[progress]}" \
    --alerting="127.0.0.1:${ports[alerting]}" "${extra[@]}" \
    >>"$run/logs/$svc.log" 2>&1 </dev/null &
  echo $! >"$run/$svc.pid"
done

twctl="$build/tools/twctl/twctl"
export TW_REGISTRY=127.0.0.1:${ports[registry]}
export TW_PROGRESS=127.0.0.1:${ports[progress]}
export TW_ALERTING=127.0.0.1:${ports[alerting]}
if ! "$twctl" health --wait=20; then
  say "services did not become SERVING; see $run/logs/" >&2
  exit 1
fi

if "$twctl" --help | grep -q "^  twctl import "; then
  for table in "$root"/examples/tables/*.txt; do
    say "importing $(basename "$table") (warnings: $run/logs/import.log)"
    "$twctl" import "$table" 2>>"$run/logs/import.log"
  done
else
  say "sample tables not loaded: this build's twctl has no import command yet"
fi

say "ready. twctl is $twctl; stop with deploy/local/down.sh"
