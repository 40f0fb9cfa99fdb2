#!/usr/bin/env bash
# The README's test command. Installs the Debian packages the tests drive when they are missing and this user
# can (root, or sudo), runs every test project (the build restores tests/browser's npm packages itself), and
# ends with one line: `N passed, N failed`. Arguments go to `dotnet test` (e.g. --filter FeedTests).
set -uo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_CLI_WORKLOAD_UPDATE_NOTIFY_DISABLE=1

# What the tests need beyond the .NET SDK, each as "Debian package: how to tell it is there".
# tzdata: stories dated in the site's time zone. Chromium and the Noto fonts (CJK, Arabic): the browser tests.
# A JDK: the Nu Html Checker (vnu.jar) and ROME's driver (a Java source file). npm: restores axe-core and vnu-jar
# from tests/browser. The feed readers the feed tests run: python-feedparser, newsboat, sfeed, gofeed (built
# from Debian's source package with Go), ROME.
# bindfs: a file system without atomic folder exchange, for the publishing tests (run as root; skipped otherwise).
requirements=(
  "tzdata:test -e /usr/share/zoneinfo/Asia/Jakarta"
  "chromium:test -x /usr/bin/chromium"
  "fonts-noto-cjk:dpkg -s fonts-noto-cjk"
  "fonts-noto-core:dpkg -s fonts-noto-core"
  "default-jdk-headless:command -v javac"
  "npm:command -v npm"
  "python3-feedparser:/usr/bin/python3 -c 'import feedparser'"
  "newsboat:command -v newsboat"
  "sfeed:command -v sfeed"
  "golang-go:command -v go"
  "golang-github-mmcdole-gofeed-dev:test -d /usr/share/gocode/src/github.com/mmcdole/gofeed"
  "librome-java:test -e /usr/share/java/rome.jar"
  "bindfs:command -v bindfs"
)
missing=()
for requirement in "${requirements[@]}"; do
  eval "${requirement#*:}" >/dev/null 2>&1 || missing+=("${requirement%%:*}")
done

if ((${#missing[@]})); then
  # Root runs apt-get itself. (An empty array counts as unset to `[[ -v ]]`, hence the separate flag.)
  can_install=false as_root=()
  if ((EUID == 0)); then
    can_install=true
  elif command -v sudo >/dev/null 2>&1 && { sudo -n true 2>/dev/null || [[ -t 0 ]]; }; then
    can_install=true as_root=(sudo)
  fi
  if ! command -v apt-get >/dev/null 2>&1 || ! $can_install; then
    echo "test.sh: the tests need these Debian packages, and this user cannot install them: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
  # apt-get install waits for dpkg's lock (DPkg::Lock::Timeout), but apt-get update does not wait for the package
  # lists' lock, which a fresh machine's automatic update may hold for minutes: it is asked again, as long.
  update_lists() {
    local waited=0 errors
    until errors=$("${as_root[@]}" apt-get update -qq 2>&1 >/dev/null); do
      if [[ $errors != *"Could not get lock"* ]] || ((waited >= 600)); then
        echo "$errors" >&2
        return 1
      fi
      sleep 5
      waited=$((waited + 5))
    done
    [[ -z $errors ]] || echo "$errors" >&2
  }
  echo "test.sh: installing ${missing[*]}"
  if ! { update_lists && "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
           apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=600 "${missing[@]}"; } >/dev/null; then
    echo "test.sh: apt-get could not install ${missing[*]} (its errors are above): install them, then run ./test.sh again" >&2
    exit 1
  fi
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
dotnet test StaticNews.sln "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# One closing line over all test projects, from the summary line each one prints.
read -r passed failed < <(grep -E '^(Passed|Failed)! ' "$log" | awk -F'[:,]' '
  { for (i = 1; i < NF; i++) { if ($i ~ /Passed$/) p += $(i + 1); if ($i ~ /Failed$/) f += $(i + 1) } }
  END { print p + 0, f + 0 }')
if ((status != 0 && failed == 0)); then
  echo "test.sh: dotnet test failed before every test could run (see above)"
fi
echo "$passed passed, $failed failed"
exit "$status"
