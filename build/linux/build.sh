#!/usr/bin/env bash
# Build the Linux installer (.deb), then prove it: install it here, run the installed
# `wenqi --self-test` offscreen and without network, and remove it again. Any failure stops
# the script with a non-zero exit.
#
#     build/linux/build.sh                 freeze with PyInstaller, package, check (needs root for dpkg)
#     build/linux/build.sh --reuse-freeze  package and check the existing build/dist/wenqi, with
#                                          the models now in resources/models (code is not refrozen)
#     build/linux/build.sh --no-install    package only (no root needed)
#     build/linux/build.sh --compress zstd  a faster dpkg-deb compressor than the release's xz
#
# Run it from the venv that has the project and its `build` extra (pip install -e ".[build]").
# Outputs: build/dist/wenqi_<version>_<arch>.deb and build/dist/self-test-linux.json (ignored by git).
# Needs: dpkg-deb (and, for the check, dpkg, apt-get, unshare from util-linux).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
DIST="$ROOT/build/dist"
WORK="$ROOT/build/work"
PYTHON="${PYTHON:-python}"
freeze=1 install=1 compress=xz
while [ $# -gt 0 ]; do
  case "$1" in
    --reuse-freeze) freeze=0 ;;
    --no-install) install=0 ;;
    --compress) compress="${2:?--compress needs xz, zstd or gzip}"; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
cd "$ROOT"

VERSION="$("$PYTHON" -c 'import engine; print(engine.__version__)')"
ARCH="$(dpkg --print-architecture)"
variant="$("$PYTHON" -c 'import torch; print("cuda" if torch.version.cuda else "cpu")')"
suffix=""; [ "$variant" = cuda ] && suffix="-cuda"
DEB="$DIST/wenqi${suffix}_${VERSION}_${ARCH}.deb"

step() { printf '\n== %s\n' "$*"; }

step "icons from resources/icons/wenqi.svg"
"$PYTHON" build/make_icons.py "$WORK/icons"

if [ "$freeze" = 1 ]; then
  step "PyInstaller (onedir, torch $variant)"
  rm -rf "$DIST/wenqi"
  WENQI_ICON_DIR="$WORK/icons" "$PYTHON" -m PyInstaller build/wenqi.spec --noconfirm --log-level WARN \
    --distpath "$DIST" --workpath "$WORK/pyinstaller"
fi
[ -x "$DIST/wenqi/wenqi" ] || { echo "no frozen app in $DIST/wenqi" >&2; exit 1; }

step "staging the package"
STAGE="$WORK/deb"
rm -rf "$STAGE"
mkdir -p "$STAGE/DEBIAN" "$STAGE/usr/lib" "$STAGE/usr/bin" "$STAGE/usr/share/applications" \
  "$STAGE/usr/share/icons/hicolor/scalable/apps" "$STAGE/usr/share/doc/wenqi"
cp -a "$DIST/wenqi" "$STAGE/usr/lib/wenqi"
if [ "$freeze" = 0 ] && [ -d resources/models ]; then
  # Models are data: take the ones the repository has now. Their transformers families must
  # have been frozen (the spec collects every family our code imports); the self-test checks.
  rm -rf "$STAGE/usr/lib/wenqi/_internal/resources/models"
  cp -a resources/models "$STAGE/usr/lib/wenqi/_internal/resources/models"
fi
# Every user must read what root installs (a model file written 0600 would be unreadable).
chmod -R u+rwX,go+rX,go-w "$STAGE/usr/lib/wenqi"
for exe in wenqi wenqi-cli; do
  # A wrapper, not a symlink: the bootloader finds its bundle next to the real executable.
  printf '#!/bin/sh\nexec /usr/lib/wenqi/%s "$@"\n' "$exe" > "$STAGE/usr/bin/$exe"
  chmod 755 "$STAGE/usr/bin/$exe"
done
for size in 16 24 32 48 64 128 256 512; do
  install -D -m 644 "$WORK/icons/png/wenqi-$size.png" "$STAGE/usr/share/icons/hicolor/${size}x${size}/apps/wenqi.png"
done
install -m 644 resources/icons/wenqi.svg "$STAGE/usr/share/icons/hicolor/scalable/apps/wenqi.svg"
install -m 644 build/linux/wenqi.desktop "$STAGE/usr/share/applications/wenqi.desktop"
cat > "$STAGE/usr/share/doc/wenqi/copyright" <<EOF
Wenqi (文棋) $VERSION — MIT licence.
Bundled: Python, PyTorch (BSD), transformers and tokenizers (Apache-2.0), Qt/PySide6 (LGPLv3),
pyqtgraph (MIT), the WenqiSans font (SIL OFL 1.1, /usr/lib/wenqi/_internal/resources/fonts/OFL.txt)
and the models under /usr/lib/wenqi/_internal/resources/models (licences in each README.md).
EOF

# Qt's xcb platform plugin and its OpenGL/EGL/font needs, plus a CJK font for the system UI.
# Names valid on Debian 12 and Ubuntu 22.04; "a | b" covers Ubuntu 24.04's t64 renames.
DEPENDS="libc6, libstdc++6, libgcc-s1, zlib1g,
 libx11-6, libx11-xcb1, libxcb1, libxcb-icccm4, libxcb-image0, libxcb-keysyms1, libxcb-render-util0,
 libxcb-cursor0, libxcb-randr0, libxcb-render0, libxcb-shape0, libxcb-shm0, libxcb-sync1,
 libxcb-xfixes0, libxcb-xkb1, libxkbcommon0, libxkbcommon-x11-0,
 libwayland-client0, libwayland-cursor0, libwayland-egl1,
 libegl1, libgl1, libopengl0, libfontconfig1, libfreetype6,
 libglib2.0-0t64 | libglib2.0-0, libdbus-1-3,
 fonts-noto-cjk | fonts-wqy-microhei | fonts-wqy-zenhei"
INSTALLED_KB="$(du -sk --exclude=DEBIAN "$STAGE" | cut -f1)"
cat > "$STAGE/DEBIAN/control" <<EOF
Package: wenqi${suffix}
Version: $VERSION
Architecture: $ARCH
Maintainer: Wenqi developers <wenqi@users.noreply.github.com>
Installed-Size: $INSTALLED_KB
Depends: $(echo "$DEPENDS" | tr '\n' ' ' | tr -s ' ')
Section: games
Priority: optional
Homepage: https://github.com/wenqi-app/wenqi
Description: Xiangqi, couplets and Chinese text with small local models
 Wenqi (文棋) plays xiangqi against a small GPT, writes couplets, solves math word
 problems, summarizes text and shows the models' attention. Every model runs locally,
 ships inside this package and works with no network.
EOF
# Refresh the menu and icon caches where the tools exist; never fail the install on them.
for script in postinst postrm; do
  cat > "$STAGE/DEBIAN/$script" <<'EOF'
#!/bin/sh
set -e
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q /usr/share/applications || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t -f /usr/share/icons/hicolor || true
exit 0
EOF
  chmod 755 "$STAGE/DEBIAN/$script"
done

step "dpkg-deb"
mkdir -p "$DIST"
dpkg-deb --root-owner-group -Z"$compress" --build "$STAGE" "$DEB"
rm -rf "$STAGE"
ls -l "$DEB"
[ "$install" = 1 ] || exit 0

step "install, self-test offscreen without network, remove"
SUDO=""
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null || { echo "the install check needs root or sudo (or --no-install)" >&2; exit 1; }
  SUDO="sudo"
fi
package="wenqi${suffix}"
export DEBIAN_FRONTEND=noninteractive
if ! $SUDO dpkg -i "$DEB"; then
  # dpkg leaves the package unconfigured when Depends are missing; apt fetches them and finishes.
  $SUDO apt-get update -q
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -f -y -q --no-install-recommends
fi
dpkg -s "$package" | grep -q '^Status: install ok installed' || { echo "$package is not installed" >&2; exit 1; }
trap '$SUDO dpkg --purge "$package" >/dev/null 2>&1 || true' EXIT

"$ROOT/build/linux/check_libs.sh" /usr/lib/wenqi "$package"

sandbox="$(mktemp -d)"
report="$DIST/self-test-linux.json"
run_self_test() {
  # A fresh user (empty settings and data), no display, and no network namespace at all.
  $SUDO env -i PATH=/usr/bin:/bin HOME="$sandbox" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen \
    unshare --net /usr/bin/wenqi --self-test --self-test-json "$report"
}
started=$(date +%s.%N)
run_self_test
ended=$(date +%s.%N)
/usr/bin/wenqi-cli info
python3 - "$report" "$started" "$ended" <<'EOF'
import json, sys
report = json.load(open(sys.argv[1]))
print(f"TIMING: launch to window {report['window_s']:.2f} s, first GPT move "
      f"{report['first_move_s'] or 0:.2f} s after the window, to first result "
      f"{report['first_result_s'] or 0:.2f} s (from {report['clock']}); whole self-test "
      f"{float(sys.argv[3]) - float(sys.argv[2]):.2f} s wall")
EOF
if command -v xvfb-run >/dev/null; then
  # The offscreen run proves the models; this one proves Qt's xcb plugin finds its libraries.
  step "self-test on X11 (Qt's xcb platform) under Xvfb"
  $SUDO env -i PATH=/usr/bin:/bin HOME="$sandbox" LANG=C.UTF-8 QT_QPA_PLATFORM=xcb \
    xvfb-run -a /usr/bin/wenqi --self-test
fi
$SUDO rm -rf "$sandbox"

trap - EXIT
$SUDO dpkg -r "$package"
if [ -e /usr/lib/wenqi ] || [ -e /usr/bin/wenqi ] || [ -e /usr/share/applications/wenqi.desktop ]; then
  echo "dpkg -r left files behind" >&2; exit 1
fi
$SUDO dpkg --purge "$package"  # forget the maintainer scripts too
step "OK: $DEB ($(du -h "$DEB" | cut -f1), installed ${INSTALLED_KB} KiB) installs, self-tests and uninstalls"
