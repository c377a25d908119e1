"""The form of a couplet line: normalisation, input checks, punctuation and repeat patterns.

    >>> check_upper("春风得意马蹄疾")
    '春风得意马蹄疾'
    >>> repeat_sources("年年岁岁")   # position -> earlier position it repeats
    {1: 0, 3: 2}
"""

from __future__ import annotations

import unicodedata

MAX_CHARS = 40  # the longest lines of the training pairs (engine.couplet.data keeps no longer ones)

# What the lower line copies at the same position rather than writes: punctuation and spaces.
_PUNCT_CATEGORIES = ("P", "Z")
_EXTRA_PUNCT = set("·～~")


class CoupletInputError(ValueError):
    """An upper line the writer cannot answer; the message says what to change (in English:
    the subclass and its fields let the UI say it in the user's language)."""


class EmptyUpperError(CoupletInputError):
    pass


class NoHanziError(CoupletInputError):
    pass


class ForeignCharactersError(CoupletInputError):
    def __init__(self, message: str, chars: list[str]) -> None:
        super().__init__(message)
        self.chars = chars  # the first few characters that are neither hanzi nor punctuation


class UpperTooLongError(CoupletInputError):
    def __init__(self, message: str, chars: int, limit: int) -> None:
        super().__init__(message)
        self.chars = chars
        self.limit = limit


# Typed on a Latin keyboard, punctuation comes half-width; couplets use the full-width forms.
_FULL_WIDTH = str.maketrans({",": "，", ".": "。", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"})


def normalize(line: str) -> str:
    """The one normalisation for model input, model output and references: trimmed, runs of
    whitespace (including full-width spaces) become one space, ASCII punctuation full-width."""
    return " ".join(line.split()).translate(_FULL_WIDTH)


def is_punct(char: str) -> bool:
    return char in _EXTRA_PUNCT or unicodedata.category(char)[0] in _PUNCT_CATEGORIES


def is_hanzi(char: str) -> bool:
    code = ord(char)
    return (0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0x20000 <= code <= 0x3134F
            or 0xF900 <= code <= 0xFAFF)


def check_upper(line: str) -> str:
    """The normalised upper line, or :class:`CoupletInputError` saying what is wrong."""
    text = normalize(line)
    if not text:
        raise EmptyUpperError("Type an upper line first.")
    hanzi = sum(is_hanzi(c) for c in text)
    if hanzi == 0:
        raise NoHanziError("An upper line needs Chinese characters (it has none).")
    odd = sorted({c for c in text if not (is_hanzi(c) or is_punct(c))})[:5]
    if odd:
        raise ForeignCharactersError(f"Only Chinese characters and punctuation can be used, not: {' '.join(odd)}", odd)
    if len(text) > MAX_CHARS:
        raise UpperTooLongError(f"An upper line has at most {MAX_CHARS} characters, the longest the model learned "
                                f"from (this one has {len(text):,}).", len(text), MAX_CHARS)
    return text


def repeat_sources(line: str) -> dict[int, int]:
    """For each position whose character appeared earlier, the first position it appeared at
    (叠字 and 重字: the lower line must repeat at the same places)."""
    first: dict[str, int] = {}
    sources = {}
    for position, char in enumerate(line):
        if is_punct(char):
            continue
        if char in first:
            sources[position] = first[char]
        else:
            first[char] = position
    return sources


def structure_ok(upper: str, lower: str) -> bool:
    """EVAL.md's structure rule: equal length, punctuation at the same positions, and no
    character equal to the upper line's at the same position (punctuation aside)."""
    if len(upper) != len(lower):
        return False
    for up, down in zip(upper, lower):
        if is_punct(up) or is_punct(down):
            if up != down:
                return False
        elif up == down:
            return False
    return True


def form_ok(upper: str, lower: str) -> bool:
    """The writer's full rule: :func:`structure_ok` and the same repeat pattern."""
    return structure_ok(upper, lower) and repeat_sources(upper) == repeat_sources(lower)
