#!/usr/bin/env bash
# Netlify's build image may lack the .NET 10 SDK: install it (into $HOME, or the build cache where
# NETLIFY_CACHE_DIR is set) when missing, then build input/ into output/ (the publish folder of netlify.toml).
# The build clock is the real time here (no SOURCE_DATE_EPOCH), so the News sitemap covers the last two days.
set -euo pipefail
cd "$(dirname "$0")"

has_sdk10() {
  command -v dotnet >/dev/null 2>&1 || return 1
  # Read the list first: `dotnet --list-sdks | grep -q` can die of SIGPIPE under pipefail and look like a miss.
  local sdks
  sdks="$(dotnet --list-sdks 2>/dev/null || true)"
  grep -q '^10\.' <<<"$sdks"
}

if ! has_sdk10; then
  export DOTNET_ROOT="${NETLIFY_CACHE_DIR:-$HOME}/dotnet"
  export PATH="$DOTNET_ROOT:$PATH"
  if ! has_sdk10; then
    curl -fsSL https://dot.net/v1/dotnet-install.sh -o /tmp/dotnet-install.sh
    bash /tmp/dotnet-install.sh --channel 10.0 --install-dir "$DOTNET_ROOT"
  fi
fi
dotnet --version
dotnet run --project src/StaticNews -c Release -- build --input input --output output
