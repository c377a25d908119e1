"""Make the CJK fonts Wenqi bundles, subset to the characters the app needs.

* ``sans``: Noto Sans CJK SC (SIL Open Font License 1.1), the UI fallback so Chinese renders
  on a machine without CJK fonts: every hanzi of GB2312 (simplified) and Big5 level 1
  (frequent traditional, as in the xiangqi records), CJK punctuation, full-width forms,
  ASCII, Latin-1 and a few symbols. The full font is 16 MB; the subset is about 2 MB.
* ``kai``: LXGW WenKai Bold (OFL 1.1), the calligraphic face of the couplet card: GB2312
  level 1 (the 3,755 most common hanzi) and CJK punctuation, about 3 MB. It lives in
  ``resources/fonts/kai/`` so it is not made a UI fallback; the couplet card loads it.

Systems with their own CJK fonts still use those for anything a subset lacks (Qt falls back
per glyph). Subsets are modified versions under the OFL, so they get names of their own
(which also keeps them from shadowing a full install of the original on the user's system).

    apt-get download fonts-noto-cjk fonts-lxgw-wenkai && for d in *.deb; do dpkg -x $d x; done
    python build/fonts/make_cjk_font.py sans x/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
    python build/fonts/make_cjk_font.py kai x/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Bold.ttf
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

FONTS_DIR = Path(__file__).resolve().parents[2] / "resources" / "fonts"
# Name records that carry the font's name (family, full, unique, PostScript, typographic...).
NAME_IDS = (1, 3, 4, 6, 16, 17, 18, 21, 22)


def _decodable(encoding: str, lead: range, trail: range) -> set[str]:
    chars = set()
    for a in lead:
        for b in trail:
            try:
                chars.update(bytes([a, b]).decode(encoding))
            except UnicodeDecodeError:
                pass
    return chars


def _ranges(*spans: tuple[int, int]) -> set[str]:
    return {chr(c) for start, end in spans for c in range(start, end + 1)}


def ui_characters() -> set[str]:
    chars = _decodable("gb2312", range(0xA1, 0xF8), range(0xA1, 0xFF))
    chars |= _decodable("big5", range(0xA4, 0xC7), range(0x40, 0xFF))  # Big5 level 1 + symbols
    return chars | _ranges((0x20, 0x7E), (0xA0, 0xFF), (0x2000, 0x206F), (0x2190, 0x21FF), (0x2200, 0x22FF),
                           (0x2460, 0x24FF), (0x25A0, 0x25FF), (0x3000, 0x303F), (0xFF00, 0xFFEF))


def couplet_characters() -> set[str]:
    chars = _decodable("gb2312", range(0xB0, 0xD8), range(0xA1, 0xFF))  # level 1: 3,755 common hanzi
    return chars | _ranges((0x20, 0x7E), (0x2010, 0x2027), (0x3000, 0x303F), (0xFF01, 0xFF5E))


@dataclass(frozen=True)
class FontSpec:
    family: str  # the subset's family name
    out: Path
    characters: object  # () -> set[str]
    collection_member: str | None = None  # the family to take from a .ttc


SPECS = {
    "sans": FontSpec("Wenqi Sans", FONTS_DIR / "WenqiSans-Regular.otf", ui_characters, "Noto Sans CJK SC"),
    "kai": FontSpec("Wenqi Kai", FONTS_DIR / "kai" / "WenqiKai-Bold.ttf", couplet_characters),
}


def open_font(path: Path, member: str | None) -> TTFont:
    if path.suffix.lower() == ".ttc":
        return next(f for f in TTCollection(str(path)).fonts if f["name"].getDebugName(1) == member)
    return TTFont(str(path))


def rename(font: TTFont, family: str) -> None:
    """Replace every name record of the original family (in all languages) by ``family``."""
    style = font["name"].getDebugName(2) or "Regular"
    table = font["name"]
    table.names = [record for record in table.names if record.nameID not in NAME_IDS]
    postscript = f"{family.replace(' ', '')}-{style.replace(' ', '')}"
    for name_id, text in ((1, family), (4, f"{family} {style}"), (3, postscript), (6, postscript)):
        table.setName(text, name_id, 3, 1, 0x409)
        table.setName(text, name_id, 1, 0, 0)


def make_subset(spec: FontSpec, source: Path, out: Path) -> TTFont:
    font = open_font(source, spec.collection_member)
    options = subset.Options()
    # Regional (locl) and vertical variants would double the glyph count for no use here.
    options.layout_features = [f for f in options.layout_features if f not in ("locl", "vert", "vrt2")]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="".join(sorted(spec.characters())))
    subsetter.subset(font)
    rename(font, spec.family)
    out.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(out))
    return font


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("which", choices=sorted(SPECS), help="which bundled font to make")
    parser.add_argument("source", type=Path, help="the original .ttc/.ttf/.otf (see the module doc)")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    spec = SPECS[args.which]
    out = args.out or spec.out
    font = make_subset(spec, args.source, out)
    print(f"{out}: {out.stat().st_size / 2**20:.1f} MB, {len(font.getGlyphOrder())} glyphs")


if __name__ == "__main__":
    main()
