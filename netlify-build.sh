#!/usr/bin/env bash
# Netlify's build image may lack the .NET 10 SDK: install it into the build cache when missing.
set -euo pipefail
if ! command -v dotnet >/dev/null 2>&1 || ! dotnet --list-sdks | grep -q '^10\.'; then
  export DOTNET_ROOT="${NETLIFY_CACHE_DIR:-$HOME}/dotnet"
  if [ ! -x "$DOTNET_ROOT/dotnet" ]; then
    curl -fsSL https://dot.net/v1/dotnet-install.sh -o /tmp/dotnet-install.sh
    bash /tmp/dotnet-install.sh --channel 10.0 --install-dir "$DOTNET_ROOT"
  fi
  export PATH="$DOTNET_ROOT:$PATH"
fi
dotnet run --project src/StaticNews -c Release -- build --input input --output output
