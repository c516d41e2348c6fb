#!/usr/bin/env bash
# Stops what deploy/local/up.sh started: the three services, and Redis if
# up.sh started it (its data stays in .run/redis).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
run=${TW_RUN_DIR:-$root/.run}

stop() {
  local name=$1 pid_file=$run/$1.pid
  [[ -f $pid_file ]] || return 0
  local pid
  pid=$(cat "$pid_file")
  if kill -0 "$pid" 2>/dev/null; then
    echo "down: stopping $name (pid $pid)"
    kill -TERM "$pid"
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
      echo "down: $name did not stop in 10 s; killing it" >&2
      kill -KILL "$pid"
    fi
  fi
  rm -f "$pid_file"
}

for svc in alerting progress registry redis; do stop "$svc"; done
