#!/usr/bin/env bash
# Build Wenqi.app and its DMG on macOS, self-test the app, and sign and notarize both when the
# signing secrets are present (otherwise the app stays ad-hoc signed, which runs locally and
# on other Macs after right-click > Open).
#
#     build/macos/build.sh        (from the venv with `pip install -e ".[build]"`, Xcode CLT)
#
# Signing, all optional:
#   WENQI_CODESIGN_IDENTITY   "Developer ID Application: Name (TEAMID)" in the keychain
#                             (build/macos/import_certificate.sh puts a .p12 secret there in CI)
#   APPLE_ID, APPLE_TEAM_ID, APPLE_APP_PASSWORD   notarization with an app-specific password
# Outputs: build/dist/Wenqi.app, build/dist/Wenqi-<version>.dmg, build/dist/self-test-macos.json.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
DIST="$ROOT/build/dist"
WORK="$ROOT/build/work"
PYTHON="${PYTHON:-python}"
cd "$ROOT"
VERSION="$("$PYTHON" -c 'import engine; print(engine.__version__)')"
DMG="$DIST/Wenqi-$VERSION.dmg"
APP="$DIST/Wenqi.app"
IDENTITY="${WENQI_CODESIGN_IDENTITY:-}"

echo "== icons (wenqi.icns through iconutil)"
"$PYTHON" build/make_icons.py "$WORK/icons"

echo "== PyInstaller (BUNDLE settings: build/wenqi.spec)"
export WENQI_ICON_DIR="$WORK/icons"
if [ -n "$IDENTITY" ]; then
  # PyInstaller signs every binary and the bundle with the hardened runtime and these entitlements.
  export WENQI_ENTITLEMENTS="$ROOT/build/macos/entitlements.plist"
fi
"$PYTHON" -m PyInstaller build/wenqi.spec --noconfirm --log-level WARN --distpath "$DIST" --workpath "$WORK/pyinstaller"
[ -d "$APP" ] || { echo "no $APP" >&2; exit 1; }
/usr/libexec/PlistBuddy -c "Print :CFBundleIdentifier" "$APP/Contents/Info.plist"

echo "== self-test of the app bundle"
QT_QPA_PLATFORM=offscreen "$APP/Contents/MacOS/wenqi" --self-test --self-test-json "$DIST/self-test-macos.json"
"$APP/Contents/MacOS/wenqi-cli" info

if [ -n "$IDENTITY" ]; then
  echo "== verify the signature"
  codesign --verify --deep --strict --verbose=2 "$APP"
fi

echo "== DMG"
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
cp -R "$APP" "$stage/"
ln -s /Applications "$stage/Applications"
rm -f "$DMG"
hdiutil create -volname "Wenqi $VERSION" -srcfolder "$stage" -fs HFS+ -format UDZO -ov "$DMG"
hdiutil verify "$DMG"

if [ -n "$IDENTITY" ]; then
  codesign --sign "$IDENTITY" --timestamp "$DMG"
  if [ -n "${APPLE_ID:-}" ] && [ -n "${APPLE_TEAM_ID:-}" ] && [ -n "${APPLE_APP_PASSWORD:-}" ]; then
    echo "== notarize"
    xcrun notarytool submit "$DMG" --apple-id "$APPLE_ID" --team-id "$APPLE_TEAM_ID" \
      --password "$APPLE_APP_PASSWORD" --wait
    xcrun stapler staple "$DMG"
    spctl --assess --type open --context context:primary-signature --verbose=2 "$DMG"
  else
    echo "signed but not notarized (APPLE_ID, APPLE_TEAM_ID, APPLE_APP_PASSWORD not set)"
  fi
else
  echo "not signed (WENQI_CODESIGN_IDENTITY not set)"
fi
ls -l "$DMG"
