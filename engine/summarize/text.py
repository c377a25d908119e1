"""Chinese text for the summarizer: sentence spans, input checks, and the limits users see.

A sentence ends at 。！？；!?; or an ellipsis (…), together with any closing quotes or
brackets that follow (``他说：“好。”`` is one sentence), at a line break, and at a
half-width ``.`` that is not inside a number or a Latin abbreviation (scientific abstracts
write ``缺陷.该染料``). Sentences keep their character offsets into the original text so the
app can highlight them.

    >>> [s.text for s in split_sentences("今天下雨。他说：“明天晴！”好吗？")]
    ['今天下雨。', '他说：“明天晴！”', '好吗？']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Longest input the summarizer accepts, in characters (about 35 printed pages). Longer
#: texts get :class:`TextTooLongError`; 20,000 characters take a second or two.
MAX_INPUT_CHARS = 100_000
#: Files larger than this are refused before reading (4 bytes per character at most).
MAX_FILE_BYTES = 4 * MAX_INPUT_CHARS
#: Sentences longer than this (text with no end punctuation) are cut at a comma, so a
#: length budget and the highlighting still work on them.
MAX_SENTENCE_CHARS = 200

_CLOSERS = "”’\"'」』）)】》〕〗〉］]"
_SENTENCE_END = re.compile(
    rf"(?:[。！？；!?;．]+|…+|\.+(?![0-9A-Za-z]))[{re.escape(_CLOSERS)}]*|\n+"
)
_ENDS_SENTENCE = re.compile(rf"[。！？；!?;．….][{re.escape(_CLOSERS)}]*\Z")
_CLAUSE_END = re.compile(r"[，,、：:]")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


class SummarizeInputError(ValueError):
    """The text cannot be summarized; the message tells the user why."""


class EmptyTextError(SummarizeInputError):
    pass


class NotChineseError(SummarizeInputError):
    pass


class TextTooLongError(SummarizeInputError):
    def __init__(self, message: str, chars: int, limit: int) -> None:
        super().__init__(message)
        self.chars = chars  # characters of the text (the UI says both in the user's language)
        self.limit = limit


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int  # offset of the first character in the source text
    end: int  # offset just past the last character

    def __len__(self) -> int:
        return len(self.text)


def _trimmed(text: str, start: int, end: int) -> Sentence | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Sentence(text[start:end], start, end) if end > start else None


def _cut_long(text: str, sentence: Sentence, limit: int) -> list[Sentence]:
    """Cut a run-on sentence at its last comma before ``limit`` (or at ``limit``)."""
    pieces: list[Sentence] = []
    start = sentence.start
    while sentence.end - start > limit:
        window = text[start:start + limit]
        commas = [m.end() for m in _CLAUSE_END.finditer(window)]
        cut = start + (commas[-1] if commas and commas[-1] > limit // 4 else limit)
        piece = _trimmed(text, start, cut)
        if piece:
            pieces.append(piece)
        start = cut
    rest = _trimmed(text, start, sentence.end)
    return pieces + ([rest] if rest else [])


def split_sentences(text: str, max_chars: int = MAX_SENTENCE_CHARS) -> list[Sentence]:
    """The sentences of ``text`` in order, each with its span; whitespace-only pieces dropped."""
    sentences: list[Sentence] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        sentence = _trimmed(text, start, match.end())
        start = match.end()
        if sentence:
            sentences.extend(_cut_long(text, sentence, max_chars) if len(sentence) > max_chars else [sentence])
    last = _trimmed(text, start, len(text))
    if last:
        sentences.extend(_cut_long(text, last, max_chars) if len(last) > max_chars else [last])
    return sentences


def ends_sentence(text: str) -> bool:
    """Whether ``text`` ends with end punctuation (and perhaps closing quotes)."""
    return bool(_ENDS_SENTENCE.search(text.rstrip()))


def count_chars(text: str) -> int:
    """Characters that count for lengths and ratios: everything except whitespace."""
    return sum(1 for ch in text if not ch.isspace())


def cjk_share(text: str) -> float:
    """Share of non-whitespace characters that are Chinese ideographs."""
    total = count_chars(text)
    return len(_CJK.findall(text)) / total if total else 0.0


def check_input(text: str, max_chars: int = MAX_INPUT_CHARS) -> None:
    """Raise a :class:`SummarizeInputError` a person can act on if ``text`` cannot be summarized."""
    stripped = text.strip()
    if not stripped:
        raise EmptyTextError("The text is empty: paste or open some Chinese text to summarize.")
    if len(stripped) > max_chars:
        raise TextTooLongError(
            f"The text has {len(stripped):,} characters; the summarizer takes at most {max_chars:,}. "
            "Summarize it in parts.", len(stripped), max_chars
        )
    if len(_CJK.findall(stripped)) < 2 or cjk_share(stripped) < 0.2:
        raise NotChineseError(
            "The text is not Chinese: the summarizer works on Chinese prose "
            "(at least a fifth of the characters must be Chinese)."
        )
