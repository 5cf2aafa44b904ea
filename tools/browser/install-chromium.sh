#!/usr/bin/env bash
# Debian's Chromium for the GraphiQL browser test (Playwright's own browser downloads are not
# reachable here). Needs root; does nothing when Chromium is already installed.
set -euo pipefail
if [[ -x /usr/bin/chromium ]]; then
  echo "Chromium already installed: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium
/usr/bin/chromium --version
