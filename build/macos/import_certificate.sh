#!/usr/bin/env bash
# CI only: put the Developer ID certificate from secrets into a temporary keychain and print
# the identity for build/macos/build.sh. Does nothing (and prints nothing) without the secrets.
#
#   MACOS_CERTIFICATE           base64 of the exported .p12 (Developer ID Application)
#   MACOS_CERTIFICATE_PASSWORD  its export password
set -euo pipefail

[ -n "${MACOS_CERTIFICATE:-}" ] && [ -n "${MACOS_CERTIFICATE_PASSWORD:-}" ] || exit 0

keychain="$RUNNER_TEMP/wenqi-signing.keychain-db"
keychain_password="$(uuidgen)"
p12="$RUNNER_TEMP/wenqi-certificate.p12"
echo "$MACOS_CERTIFICATE" | base64 --decode > "$p12"
security create-keychain -p "$keychain_password" "$keychain"
security set-keychain-settings -lut 21600 "$keychain"
security unlock-keychain -p "$keychain_password" "$keychain"
security import "$p12" -P "$MACOS_CERTIFICATE_PASSWORD" -A -t cert -f pkcs12 -k "$keychain"
security set-key-partition-list -S apple-tool:,apple: -k "$keychain_password" "$keychain" >/dev/null
security list-keychains -d user -s "$keychain" $(security list-keychains -d user | tr -d '"')
rm -f "$p12"
security find-identity -v -p codesigning "$keychain" | sed -n 's/.*"\(Developer ID Application:.*\)"/\1/p' | head -n1
