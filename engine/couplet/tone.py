"""Level and oblique tones (平仄) by modern Mandarin readings, via pypinyin.

Tones 1 and 2 are level (平), 3 and 4 oblique (仄); neutral tones and non-hanzi have none.
The classic rule: the upper line ends oblique and the lower line ends level.

    >>> tone_marks("春风得意")
    '○○○●'
    >>> rule_kept("白日依山尽", "黄河入海流")
    True
"""

from __future__ import annotations

from functools import lru_cache

from pypinyin import Style, pinyin

from engine.couplet.text import is_punct

LEVEL, OBLIQUE = "平", "仄"
MARKS = {LEVEL: "○", OBLIQUE: "●", None: " "}


def _tone_of(syllable: str | None) -> str | None:
    if not syllable or not syllable[-1].isdigit():
        return None
    return LEVEL if syllable[-1] in "12" else OBLIQUE if syllable[-1] in "34" else None


def line_tones(line: str) -> list[str | None]:
    """平, 仄 or None for every character, reading words in context (行 in 银行 vs 行走)."""
    readings = pinyin(line, style=Style.TONE3, neutral_tone_with_five=True, errors=lambda text: [""] * len(text))
    return [_tone_of(r[0] if r else None) for r in readings]


@lru_cache(maxsize=65536)
def char_tone(char: str) -> str | None:
    """The tone of a character read alone (its most common reading)."""
    return line_tones(char)[0] if len(char) == 1 else None


def tone_marks(line: str) -> str:
    """One mark per character: ○ level, ● oblique, a space for none."""
    return "".join(MARKS[t] for t in line_tones(line))


def final_tone(line: str) -> str | None:
    """The tone of the last character that is not punctuation."""
    tones = line_tones(line)
    for char, tone in zip(reversed(line), reversed(tones)):
        if not is_punct(char):
            return tone
    return None


def upper_keeps_rule(upper: str) -> bool:
    return final_tone(upper) == OBLIQUE


def rule_kept(upper: str, lower: str) -> bool:
    """The classic rule for the pair: the upper line ends 仄 and the lower ends 平."""
    return upper_keeps_rule(upper) and final_tone(lower) == LEVEL
