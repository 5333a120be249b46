#!/bin/sh
# Installs Debian's Chromium for the browser tests (never a browser download by a test tool).
# Idempotent: does nothing when /usr/bin/chromium is already there. Runs as root (CI does).
set -eu

if [ -x /usr/bin/chromium ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "install-chromium: /usr/bin/chromium is missing; run this script as root (apt-get install chromium)" >&2
  exit 1
fi

echo "install-chromium: installing Debian's chromium with apt-get" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y chromium
/usr/bin/chromium --version >&2
