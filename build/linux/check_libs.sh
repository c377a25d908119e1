#!/usr/bin/env bash
# Check that an installed Wenqi finds every shared library it links, and that each system
# library comes from a package its .deb `Depends` pulls in (so a fresh machine gets it too).
#
#     build/linux/check_libs.sh /usr/lib/wenqi [package]
#
# Plugins Qt loads only on hardware or sessions we do not target (EGLFS/KMS, touch input,
# SQL drivers), and the GTK theme plugin (used where GNOME's GTK 3 is installed, skipped
# elsewhere) may miss libraries: they are listed, not fatal.
set -euo pipefail

tree="${1:?usage: check_libs.sh INSTALLED_DIR [PACKAGE]}"
package="${2:-$(dpkg -S "$tree" 2>/dev/null | head -n1 | cut -d: -f1)}"
optional='/plugins/(egldeviceintegrations|generic|sqldrivers|wayland-graphics-integration-server)/|/libqgtk3\.so$'

# The bootloader puts _internal on LD_LIBRARY_PATH; ldd must see what the app sees.
export LD_LIBRARY_PATH="$tree/_internal"
missing=0 externals=$(mktemp)
trap 'rm -f "$externals"' EXIT
while IFS= read -r -d '' file; do
  head -c 4 "$file" | grep -q 'ELF' || continue
  out="$(ldd "$file" 2>/dev/null)" || continue
  if grep -q 'not found' <<<"$out"; then
    if [[ "$file" =~ $optional ]]; then
      echo "optional plugin, not loaded by Wenqi: ${file#"$tree"/} lacks $(grep 'not found' <<<"$out" | awk '{print $1}' | tr '\n' ' ')"
    else
      echo "MISSING for ${file#"$tree"/}: $(grep 'not found' <<<"$out" | awk '{print $1}' | tr '\n' ' ')" >&2
      missing=1
    fi
  fi
  awk -v tree="$tree" '$2 == "=>" && $3 ~ /^\// && index($3, tree) != 1 {print $3}' <<<"$out" >> "$externals"
done < <(find "$tree" -type f \( -name '*.so*' -o -perm -u+x \) -print0)
[ "$missing" = 0 ] || { echo "some libraries Wenqi links are missing" >&2; exit 1; }

# Which packages own the system libraries, and are they all in the Depends closure?
closure="$(apt-cache depends --recurse --installed --no-recommends --no-suggests --no-conflicts \
  --no-breaks --no-replaces --no-enhances "$package" 2>/dev/null | grep -v '^ ' | sed 's/:.*//' | sort -u)"
owners="$(sort -u "$externals" | while read -r lib; do
  dpkg -S "$(readlink -f "$lib")" 2>/dev/null || dpkg -S "$lib" 2>/dev/null || echo "?: $lib"
done | cut -d: -f1 | sort -u)"
echo "system packages the installed tree links: $(echo "$owners" | tr '\n' ' ')"
unlisted="$(comm -23 <(echo "$owners") <(echo "$closure"))"
if [ -n "$unlisted" ]; then
  echo "linked from packages the .deb does not depend on (add them to Depends): $unlisted" >&2
  exit 1
fi
echo "all shared libraries found; every system library comes from the Depends closure"
