"""What a 藏头/嵌字 pair must carry, checked: two characters, their places, the line length.

No torch here, so the couplet tab imports it while the window opens (the writer,
``engine.couplet.embed``, loads with the first job).
"""

from __future__ import annotations

from dataclasses import dataclass

from engine.couplet.text import CoupletInputError, is_hanzi

LINE_LENGTHS = (5, 7)
DEFAULT_LENGTH = 7


class EmbedInputError(CoupletInputError):
    """Characters or places the pair cannot carry (the subclass and its fields let the UI say
    it in the user's language)."""


class EmbedCountError(EmbedInputError):
    def __init__(self, message: str, count: int) -> None:
        super().__init__(message)
        self.count = count  # how many characters were given (two are needed: one per line)


class EmbedNotHanziError(EmbedInputError):
    def __init__(self, message: str, chars: list[str]) -> None:
        super().__init__(message)
        self.chars = chars


class EmbedSameCharacterError(EmbedInputError):
    pass


class EmbedPositionError(EmbedInputError):
    def __init__(self, message: str, text: str, length: int) -> None:
        super().__init__(message)
        self.text = text  # the places as typed
        self.length = length  # the line length they must fall within


class EmbedUnknownCharacterError(EmbedInputError):
    def __init__(self, message: str, chars: list[str]) -> None:
        super().__init__(message)
        self.chars = chars  # characters the model never learned


@dataclass(frozen=True)
class EmbedRequest:
    chars: str  # two characters: the upper line's, then the lower line's
    positions: tuple[int, int]  # where each stands, counted from 1
    length: int = DEFAULT_LENGTH

    @property
    def is_acrostic(self) -> bool:
        """藏头: both characters head their lines."""
        return self.positions == (1, 1)


def parse_embed(chars: str, positions: str | tuple[int, int] | None = None,
                length: int = DEFAULT_LENGTH) -> EmbedRequest:
    """The checked request, or :class:`EmbedInputError` saying what is wrong.

        >>> parse_embed(" 明华 ", "1,3", 7)
        EmbedRequest(chars='明华', positions=(1, 3), length=7)
    """
    if length not in LINE_LENGTHS:
        raise ValueError(f"A line has {' or '.join(map(str, LINE_LENGTHS))} characters, not {length}.")
    text = "".join(chars.split())
    odd = sorted({c for c in text if not is_hanzi(c)})[:5]
    if odd:
        raise EmbedNotHanziError(f"Only Chinese characters can be embedded, not: {' '.join(odd)}", odd)
    if len(text) != 2:
        raise EmbedCountError(f"Give two characters, one for each line (these are {len(text)}).", len(text))
    if text[0] == text[1]:
        raise EmbedSameCharacterError("Give two different characters: a couplet's lines do not share one.")
    places: tuple[int, ...]
    if positions is None or positions == "":
        places = (1, 1)
    elif isinstance(positions, str):
        try:
            places = tuple(int(p) for p in positions.replace("，", ",").split(","))
        except ValueError:
            places = ()
    else:
        places = tuple(positions)
    if len(places) != 2 or not all(1 <= p <= length for p in places):
        raise EmbedPositionError(f"Give two places from 1 to {length}, one for each line, as in 1,1 "
                                 f"(not {positions!s}).", str(positions), length)
    return EmbedRequest(text, places, length)
