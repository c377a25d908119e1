"""Level and oblique tones (平仄), classical or modern.

The modern reading follows Mandarin via pypinyin: tones 1 and 2 are level (平), 3 and 4
oblique (仄); neutral tones and non-hanzi have none. The classical reading (the default,
what couplet writers expect) is the same except for the 入声 (entering-tone) characters of
the 平水韵 table in ``resources/pingshui`` (its README says where it comes from): they are
oblique, though Mandarin reads many of them level (福 fú, 白 bái, 一 yī, 月 yuè, 十 shí). A
character the table also lists under a 平 group keeps its Mandarin tone. The classic rule:
the upper line ends oblique and the lower line ends level.

    >>> tone_marks("春风得意马蹄疾")
    '○○●●●○●'
    >>> tone_marks("春风得意马蹄疾", MODERN)
    '○○○●●○○'
    >>> rule_kept("白日依山尽", "黄河入海流")
    True
"""

from __future__ import annotations

import json
from functools import lru_cache

from pypinyin import Style, pinyin

from engine.couplet.text import is_hanzi, is_punct
from engine.paths import resources_dir

LEVEL, OBLIQUE = "平", "仄"
MARKS = {LEVEL: "○", OBLIQUE: "●", None: " "}
CLASSICAL, MODERN = "classical", "modern"
TONE_SYSTEMS = (CLASSICAL, MODERN)


@lru_cache(maxsize=1)
def entering_tone_chars() -> frozenset[str]:
    """Characters the 平水韵 lists only under 入声 (and under no 平 group), in their
    traditional and simplified forms."""
    from engine.chinese_script import to_simplified

    table = json.loads((resources_dir() / "pingshui" / "pingshui.json").read_text(encoding="utf-8"))
    level, entering = set(), set()
    for tone_class, parts in table.items():
        for part, groups in parts.items():
            chars = {c for group in groups.values() for text in group for c in text if is_hanzi(c)}
            chars |= {s for s in map(to_simplified, chars) if len(s) == 1}
            if tone_class == "ping":
                level |= chars
            elif part.startswith("入"):
                entering |= chars
    return frozenset(entering - level)


def _tone_of(syllable: str | None) -> str | None:
    if not syllable or not syllable[-1].isdigit():
        return None
    return LEVEL if syllable[-1] in "12" else OBLIQUE if syllable[-1] in "34" else None


def line_tones(line: str, system: str = CLASSICAL) -> list[str | None]:
    """平, 仄 or None for every character, reading words in context (行 in 银行 vs 行走)."""
    readings = pinyin(line, style=Style.TONE3, neutral_tone_with_five=True, errors=lambda text: [""] * len(text))
    tones = [_tone_of(r[0] if r else None) for r in readings]
    if system == CLASSICAL:
        entering = entering_tone_chars()
        tones = [OBLIQUE if char in entering else tone for char, tone in zip(line, tones)]
    return tones


@lru_cache(maxsize=65536)
def char_tone(char: str, system: str = CLASSICAL) -> str | None:
    """The tone of a character read alone (its most common reading)."""
    return line_tones(char, system)[0] if len(char) == 1 else None


def tone_marks(line: str, system: str = CLASSICAL) -> str:
    """One mark per character: ○ level, ● oblique, a space for none."""
    return "".join(MARKS[t] for t in line_tones(line, system))


def final_tone(line: str, system: str = CLASSICAL) -> str | None:
    """The tone of the last character that is not punctuation."""
    tones = line_tones(line, system)
    for char, tone in zip(reversed(line), reversed(tones)):
        if not is_punct(char):
            return tone
    return None


def upper_keeps_rule(upper: str, system: str = CLASSICAL) -> bool:
    return final_tone(upper, system) == OBLIQUE


def rule_kept(upper: str, lower: str, system: str = CLASSICAL) -> bool:
    """The classic rule for the pair: the upper line ends 仄 and the lower ends 平."""
    return upper_keeps_rule(upper, system) and final_tone(lower, system) == LEVEL


def opposite_tone(tone: str | None) -> str | None:
    return {LEVEL: OBLIQUE, OBLIQUE: LEVEL}.get(tone)


def clause_tones_kept(upper: str, lower: str, spans: list[tuple[int, int]], system: str = CLASSICAL) -> int:
    """How many of the clauses ``spans`` (slices of both lines) end, in the lower line, on the
    tone opposite to the upper line's clause (平仄相对 at each break of a long couplet); a
    clause whose upper end has no known tone counts as kept."""
    return sum(final_tone(upper[s:e], system) is None
               or final_tone(lower[s:e], system) == opposite_tone(final_tone(upper[s:e], system))
               for s, e in spans)
