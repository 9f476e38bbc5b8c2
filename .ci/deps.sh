#!/usr/bin/env bash
# Installs what Redline needs, only when missing, with at most one `apt-get update`.
#   .ci/deps.sh          the build and the test suite: PCRE2 and Hyperscan headers (Hyperscan is
#                        libhyperscan-dev on x86-64, libvectorscan-dev elsewhere: same hs/hs.h API),
#                        Python's jsonschema and junitparser (SARIF and JUnit checks), Chromium
#                        (the HTML report checks)
#   .ci/deps.sh bench    also what `make bench` needs: ripgrep, hyperfine, GNU time
set -euo pipefail
updated=0

apt_install() {
  if [ "$(id -u)" != 0 ]; then
    echo "missing: $*; install it (apt-get install -y $*) or run as root" >&2
    exit 1
  fi
  if [ "$updated" = 0 ]; then apt-get update -qq; updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# A Python module: Debian's python3-NAME first, then pip (for a python3 that is not Debian's).
python_module() {
  python3 -c "import $1" 2>/dev/null && return 0
  apt_install "python3-$1" || true
  python3 -c "import $1" 2>/dev/null && return 0
  python3 -m pip --version >/dev/null 2>&1 || apt_install python3-pip
  python3 -m pip install -q "$1" 2>/dev/null || python3 -m pip install -q --break-system-packages "$1"
}

command -v pkg-config >/dev/null 2>&1 || apt_install pkg-config
pkg-config --exists libpcre2-8 || apt_install libpcre2-dev
if ! pkg-config --exists libhs; then
  if [ "$(dpkg --print-architecture)" = amd64 ]; then apt_install libhyperscan-dev; else apt_install libvectorscan-dev; fi
fi
command -v python3 >/dev/null 2>&1 || apt_install python3
python_module jsonschema
python_module junitparser
command -v chromium >/dev/null 2>&1 || apt_install chromium

if [ "${1:-}" = bench ]; then
  command -v rg >/dev/null 2>&1 || apt_install ripgrep
  command -v hyperfine >/dev/null 2>&1 || apt_install hyperfine
  [ -x /usr/bin/time ] || apt_install time
fi
