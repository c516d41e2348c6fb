#!/usr/bin/env bash
# Installs the Debian 12 packages Targetwatch builds and runs with, if any
# are missing. Sourced or run by deploy/local/up.sh and tests/run.sh.
set -euo pipefail

TW_PACKAGES=(
  build-essential cmake pkg-config
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler
  grpc-proto libabsl-dev libhiredis-dev redis-server libcurl4-openssl-dev
  libgtest-dev libgmock-dev libbenchmark-dev
)

missing=()
for pkg in "${TW_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  if [[ $(id -u) -ne 0 ]]; then
    echo "install-deps: need root to install packages (run as root or with sudo)" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
