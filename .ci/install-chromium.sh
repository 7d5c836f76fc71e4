#!/usr/bin/env bash
# Installs Debian's `chromium` and `chromium-driver` for the console's browser test (ConsoleBrowserEndToEndTest in
# deploy/local-stack) when they are missing and we are root; otherwise says so and leaves it to the test, which skips
# naming the missing package.
set -euo pipefail

if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "chromium or chromedriver not found: installing the Debian packages 'chromium' and 'chromium-driver'"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null
else
  echo "NOTE: chromium and chromium-driver are not installed and cannot be installed here (needs root and apt-get);" \
    "the console's browser test will be skipped."
fi
