"""Make the CJK font Wenqi bundles so Chinese renders on a machine without CJK fonts.

Subsets Noto Sans CJK SC (SIL Open Font License 1.1) to the characters people type in
this app: every hanzi of GB2312 (simplified) and Big5 level 1 (frequent traditional, as in
the xiangqi records), CJK punctuation, full-width forms, ASCII, Latin-1 and a few symbols.
The full font is 16 MB; the subset is about 2 MB. Systems with their own CJK fonts still use
those for anything the subset lacks (Qt falls back per glyph).

    apt-get download fonts-noto-cjk && dpkg -x fonts-noto-cjk_*.deb x
    python build/fonts/make_cjk_font.py x/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
"""

from __future__ import annotations

import argparse
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

OUT = Path(__file__).resolve().parents[2] / "resources" / "fonts" / "WenqiSans-Regular.otf"


def _decodable(encoding: str, lead: range, trail: range) -> set[str]:
    chars = set()
    for a in lead:
        for b in trail:
            try:
                chars.update(bytes([a, b]).decode(encoding))
            except UnicodeDecodeError:
                pass
    return chars


def wanted_characters() -> set[str]:
    chars = _decodable("gb2312", range(0xA1, 0xF8), range(0xA1, 0xFF))
    chars |= _decodable("big5", range(0xA4, 0xC7), range(0x40, 0xFF))  # Big5 level 1 + symbols
    ranges = [(0x20, 0x7E), (0xA0, 0xFF), (0x2000, 0x206F), (0x2190, 0x21FF), (0x2200, 0x22FF),
              (0x2460, 0x24FF), (0x25A0, 0x25FF), (0x3000, 0x303F), (0xFF00, 0xFFEF)]
    for start, end in ranges:
        chars.update(chr(c) for c in range(start, end + 1))
    return chars


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("ttc", type=Path, help="NotoSansCJK-Regular.ttc from Debian's fonts-noto-cjk")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    font = next(f for f in TTCollection(str(args.ttc)).fonts if f["name"].getDebugName(1) == "Noto Sans CJK SC")
    options = subset.Options()
    # Regional (locl) and vertical variants would double the glyph count for no use here.
    options.layout_features = [f for f in options.layout_features if f not in ("locl", "vert", "vrt2")]
    options.name_IDs = ["*"]
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="".join(sorted(wanted_characters())))
    subsetter.subset(font)
    # A distinct family name so it never shadows a full Noto install on the user's system.
    for record in font["name"].names:
        if record.nameID in (1, 3, 4, 16, 6):
            text = record.toUnicode().replace("Noto Sans CJK SC", "Wenqi Sans").replace("NotoSansCJKsc", "WenqiSans")
            record.string = text
    args.out.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(args.out))
    print(f"{args.out}: {args.out.stat().st_size / 2**20:.1f} MB, {len(font.getGlyphOrder())} glyphs")


if __name__ == "__main__":
    main()
