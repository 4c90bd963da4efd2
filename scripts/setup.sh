#!/usr/bin/env bash
# Sets up a fresh Debian/Ubuntu machine for WU Log Lens: the Debian packages the offline
# VS Code needs, the npm dependencies, and the cached offline VS Code (code-server + Node 24).
# Idempotent: whatever is already there is skipped. Needs Node.js >= 20 with npm.
set -euo pipefail
cd "$(dirname "$0")/.."

need_pkgs=()
for pkg in chromium libkrb5-dev mingw-w64-common libarchive-tools gcab; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    need_pkgs+=("$pkg")
  fi
done
if [ "${#need_pkgs[@]}" -gt 0 ]; then
  echo "[setup] installing Debian packages: ${need_pkgs[*]}"
  sudo_cmd=()
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
  "${sudo_cmd[@]}" apt-get update
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y --no-install-recommends "${need_pkgs[@]}"
else
  echo "[setup] Debian packages already installed (chromium, libkrb5-dev, mingw-w64-common, libarchive-tools, gcab)"
fi

if ! command -v node >/dev/null || [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 20 ]; then
  echo "[setup] Node.js 20 or newer is required (found: $(node --version 2>/dev/null || echo none))" >&2
  exit 1
fi

# npm ci again only when the lock file changed since the last install.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[setup] npm ci"
  npm ci --no-audit --no-fund
else
  echo "[setup] node_modules is up to date"
fi

node scripts/vscode-offline/install.mjs
