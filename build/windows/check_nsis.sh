#!/usr/bin/env bash
# Compile build/windows/wenqi.nsi with Linux's makensis against a small dummy tree shaped like
# the PyInstaller folder: catches syntax errors and missing defines without a Windows machine.
#
#     build/windows/check_nsis.sh        (apt-get install nsis)
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
PYTHON="${PYTHON:-python}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

mkdir -p "$tmp/wenqi/_internal/resources/models/demo"
printf 'MZ dummy\n' > "$tmp/wenqi/wenqi.exe"
printf 'MZ dummy\n' > "$tmp/wenqi/wenqi-cli.exe"
printf '{}\n' > "$tmp/wenqi/_internal/resources/models/demo/config.json"
"$PYTHON" "$ROOT/build/make_icons.py" "$tmp/icons" >/dev/null

makensis -V2 -WX -DVERSION=0.0.0 -DSRCDIR="$tmp/wenqi" -DICON="$tmp/icons/wenqi.ico" \
  -DOUTFILE="$tmp/Wenqi-0.0.0-setup.exe" "$ROOT/build/windows/wenqi.nsi"
[ -s "$tmp/Wenqi-0.0.0-setup.exe" ] || { echo "makensis wrote no installer" >&2; exit 1; }
file "$tmp/Wenqi-0.0.0-setup.exe" 2>/dev/null || true
echo "wenqi.nsi compiles ($(du -h "$tmp/Wenqi-0.0.0-setup.exe" | cut -f1) dummy installer)"
