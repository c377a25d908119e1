"""Level and oblique tones (平仄), classical or modern.

The modern reading follows Mandarin via pypinyin: tones 1 and 2 are level (平), 3 and 4
oblique (仄); neutral tones and non-hanzi have none. The classical reading (the default,
what couplet writers expect) is the same except for the 入声 (entering-tone) characters of
the 平水韵 table in ``resources/pingshui`` (its README says where it comes from): they are
oblique, though Mandarin reads many of them level (福 fú, 白 bái, 一 yī, 月 yuè, 十 shí). A
character the table also lists under a 平 group keeps its Mandarin tone. Classical verse
has no neutral tone: a character Mandarin reads neutral (子 of 桌子, 了) takes its first toned
reading (zǐ, liǎo). The classic rule: the upper line ends oblique and the lower line ends level.

平仄 go by a character's own tone, not by the sandhi of speech: pypinyin's phrase data says
不见 bú jiàn and 一个 yí gè, but 不 is bù (仄) and 一 yī (平 in the modern reading; 入声, so 仄,
in the classical) wherever they stand. A polyphone that pypinyin reads on its own (no phrase
of its data covers it) takes the reading that phrase data gives it in at least 90% of its
phrases where that differs from the dictionary's first: 为 is wéi (平) in 451 of its 485
phrases, so 勤为径 is ○○●, not ○●● (勒 lè and 杠 gàng are the only others whose 平仄 this
changes; 应 yìng in 80% and 更 gēng in 81% stay yīng and gèng, the poets' 应 and 更).

    >>> tone_marks("春风得意马蹄疾")
    '○○●●●○●'
    >>> tone_marks("春风得意马蹄疾", MODERN)
    '○○○●●○○'
    >>> rule_kept("白日依山尽", "黄河入海流")
    True
    >>> tone_marks("书山有路勤为径"), tone_marks("不见", MODERN)
    ('○○●●○○●', '●●')
"""

from __future__ import annotations

import json
from functools import lru_cache

from pypinyin import Style, pinyin

from engine.couplet.text import is_hanzi, is_punct
from engine.paths import resources_dir

LEVEL, OBLIQUE = "平", "仄"
CITATION_READINGS = {"不": "bu4", "一": "yi1"}  # the characters whose tone changes in speech (变调)
USUAL_READING_SHARE = 0.9  # of pypinyin's phrases with the character
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


@lru_cache(maxsize=1)
def usual_readings() -> dict[str, str]:
    """Polyphones whose reading in at least USUAL_READING_SHARE of pypinyin's phrases (20 or
    more) is not its dictionary's first, with that reading (TONE3): {"为": "wei2", ...}."""
    from collections import Counter, defaultdict

    from pypinyin.contrib.tone_convert import to_tone3
    from pypinyin.phrases_dict import phrases_dict
    from pypinyin.pinyin_dict import pinyin_dict

    counts: dict[str, Counter] = defaultdict(Counter)
    for phrase, readings in phrases_dict.items():
        for char, reading in zip(phrase, readings):
            counts[char][reading[0]] += 1
    usual = {}
    for char, seen in counts.items():
        listed = pinyin_dict.get(ord(char), "") if len(char) == 1 else ""
        reading, count = seen.most_common(1)[0]
        total = sum(seen.values())
        if "," in listed and reading != listed.split(",")[0] and total >= 20 and count >= USUAL_READING_SHARE * total:
            usual[char] = to_tone3(reading, neutral_tone_with_five=True)
    return usual


def _read_alone(line: str) -> list[bool]:
    """For each character, whether pypinyin's segmenter leaves it a word of its own (no phrase)."""
    from pypinyin.seg.mmseg import seg

    alone = []
    for word in seg.cut(line):
        alone += [len(word) == 1] * len(word)
    return alone if len(alone) == len(line) else [False] * len(line)


def line_tones(line: str, system: str = CLASSICAL) -> list[str | None]:
    """平, 仄 or None for every character, reading words in context (行 in 银行 vs 行走), 不 and
    一 by their own tones, a polyphone on its own by its usual reading (为 wéi)."""
    readings = [r[0] if r else None for r in pinyin(line, style=Style.TONE3, neutral_tone_with_five=True,
                                                    errors=lambda text: [""] * len(text))]  # type: ignore[arg-type,return-value]  # pypinyin takes a list (one per character) from errors=; its annotations say str
    if len(readings) == len(line):
        usual = usual_readings()
        readings = [CITATION_READINGS.get(char) or (usual.get(char) if alone else None) or reading
                    for char, reading, alone in zip(line, readings, _read_alone(line))]
    tones = [_tone_of(r) for r in readings]
    if system == CLASSICAL:
        entering = entering_tone_chars()
        tones = [OBLIQUE if char in entering else tone if tone or not is_hanzi(char) else _tone_of(toned_reading(char))
                 for char, tone in zip(line, tones)]
    return tones


@lru_cache(maxsize=4096)
def toned_reading(char: str) -> str | None:
    """The first of a character's readings that has a tone: classical verse has no neutral tone,
    so 子 (zi of 桌子) is zǐ, 仄, and 了 liǎo (TONE3: zi3, liao3).

        >>> toned_reading("子"), toned_reading("了")
        ('zi3', 'liao3')
    """
    readings = pinyin(char, style=Style.TONE3, heteronym=True, neutral_tone_with_five=True)[0]
    return next((r for r in readings if r[-1:] in ("1", "2", "3", "4")), None)


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
    return {LEVEL: OBLIQUE, OBLIQUE: LEVEL}.get(tone) if tone is not None else None


def clause_tones_kept(upper: str, lower: str, spans: list[tuple[int, int]], system: str = CLASSICAL) -> int:
    """How many of the clauses ``spans`` (slices of both lines) end, in the lower line, on the
    tone opposite to the upper line's clause (平仄相对 at each break of a long couplet); a
    clause whose upper end has no known tone counts as kept."""
    return sum(final_tone(upper[s:e], system) is None
               or final_tone(lower[s:e], system) == opposite_tone(final_tone(upper[s:e], system))
               for s, e in spans)
