"""Check a person's own lower line against an upper line ("Check my lower line").

    >>> check = check_pair("白日依山尽", "黄河入海流")
    >>> check.form_ok, check.ending, check.verdict
    (True, 'kept', 'holds')

Position by position it says what holds (:class:`PositionCheck`): the punctuation copied, the
tone against the upper line's (平仄相对; classical by default, :mod:`engine.couplet.tone`,
and required only at the even places and a clause's last, 一三五不论), repeats mirrored
(叠字/重字, :func:`engine.couplet.text.repeat_sources`), no character borrowed from the upper
line, and the word classes that face each other (名对名, 动对动, from jieba's part-of-speech
tags, which are unsure on classical lines: an idiom or a long word read character by
character, a tag jieba itself keeps vague, word edges that differ between the lines, or 形
facing 动, which classical couplets allow, are all said to be unsure rather than wrong). For
the whole line: equal length and the closing rule (仄起平收: the upper line ends 仄, the lower
平). The model's opinion (:class:`ModelOpinion`, by :class:`~engine.couplet.writer.CoupletWriter`)
is its mean log-probability of the person's line beside its own best lines, scored alike.

The verdict follows ../shared/READING.md's couplet rubric as far as form can tell: "broken"
(a reject: wrong length or punctuation, a borrowed character, repeats not mirrored), "weak"
(the closing rule broken, a word class clash, or tones not opposed at a place that needs
it) or "holds"; whether the line means something is for a reader to say.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from engine.chinese_script import to_simplified
from engine.couplet.text import CoupletInputError, check_upper, is_punct, repeat_sources
from engine.couplet.tone import CLASSICAL, LEVEL, OBLIQUE, final_tone, line_tones
from engine.words import LOCK as JIEBA_LOCK
from engine.words import jieba_ready

HOLDS, WEAK, BROKEN = "holds", "weak", "broken"
KEPT, LOWER_ENDS_OBLIQUE, UPPER_ENDS_LEVEL = "kept", "lower ends oblique", "upper ends level"

# jieba's tags grouped into the classes a couplet faces: 名 (with places, times, directions), 动, 形, 数 (with
# measure words), 副, 代, and 虚 for function words.
_CLASS_OF_TAG = {
    **dict.fromkeys("n nr nrt nrfg ns nt nz ng s t tg f".split(), "名"),
    **dict.fromkeys("v vd vg vi vn vq".split(), "动"),
    **dict.fromkeys("a ad ag an z b".split(), "形"),
    **dict.fromkeys("m mq q".split(), "数"),
    **dict.fromkeys("d dg".split(), "副"),
    **dict.fromkeys("r rr rz".split(), "代"),
    **dict.fromkeys("p c u uj ul uz ug uv ud e y o h k".split(), "虚"),
}
_VAGUE_TAGS = {"vn", "an", "nz", "ng", "vg", "ag", "dg", "tg", "x", "g", "eng", "zg", "un", "l", "i", "j"}
_LOOSE_PAIRS = {frozenset({"形", "动"})}  # adjectives and verbs face each other in classical couplets


class LowerLineError(CoupletInputError):
    """The lower line cannot be checked; ``cause`` says why, as the upper line's errors do."""

    def __init__(self, cause: CoupletInputError) -> None:
        super().__init__(str(cause).replace("An upper line", "A lower line").replace("an upper line", "the lower line"))
        self.cause = cause


@dataclass(frozen=True)
class WordClass:
    """A character's word (as jieba cuts the line), its class (名 动 形 数 副 代 虚, or "" when
    jieba's tag says none) and whether that is a guess."""

    word: str
    tag: str
    kind: str
    unsure: bool


@dataclass(frozen=True)
class PositionCheck:
    index: int
    upper: str
    lower: str
    punct_ok: bool = True  # punctuation (or a space) at the same place, the same
    tone_upper: str | None = None
    tone_lower: str | None = None
    tone_required: bool = False  # an even place or a clause's last: 平仄 must be opposed here
    repeat_ok: bool = True  # repeats where, and only where, the upper line repeats
    borrowed: bool = False  # the lower character is one of the upper line's
    class_upper: WordClass | None = None
    class_lower: WordClass | None = None

    @property
    def is_punct(self) -> bool:
        return is_punct(self.upper) or is_punct(self.lower)

    @property
    def tone_opposed(self) -> bool | None:
        """平 against 仄; None when a tone is unknown (punctuation, a rare character)."""
        if self.tone_upper is None or self.tone_lower is None:
            return None
        return self.tone_upper != self.tone_lower

    @property
    def classes_face(self) -> bool | None:
        """Whether the word classes face each other: True, False, or None when unsure."""
        up, down = self.class_upper, self.class_lower
        if up is None or down is None or not up.kind or not down.kind:
            return None
        if up.kind == down.kind:
            return True
        if up.unsure or down.unsure or frozenset({up.kind, down.kind}) in _LOOSE_PAIRS:
            return None
        return False

    @property
    def faults(self) -> list[str]:
        """What does not hold here: "punctuation", "repeat", "borrowed", "tone", "class"."""
        found = []
        if not self.punct_ok:
            found.append("punctuation")
        if not self.repeat_ok:
            found.append("repeat")
        if self.borrowed:
            found.append("borrowed")
        if self.tone_required and self.tone_opposed is False:
            found.append("tone")
        if self.classes_face is False:
            found.append("class")
        return found


@dataclass(frozen=True)
class ModelOpinion:
    """The model's mean log-probability per character of the person's line and of its own best
    lines (all scored alike, given the upper line), best first."""

    score: float
    lines: tuple[tuple[str, float], ...]

    @property
    def rank(self) -> int:
        """1 when the person's line scores above all the model's lines, len(lines)+1 below all."""
        return 1 + sum(score > self.score for _, score in self.lines)


@dataclass(frozen=True)
class CoupletCheck:
    upper: str
    lower: str
    tone_system: str
    positions: list[PositionCheck]
    ending: str  # KEPT, LOWER_ENDS_OBLIQUE or UPPER_ENDS_LEVEL
    model: ModelOpinion | None = None

    @property
    def length_ok(self) -> bool:
        return len(self.upper) == len(self.lower)

    @property
    def form_ok(self) -> bool:
        """Length, punctuation, repeats and no borrowed character: the form a couplet must have."""
        return self.length_ok and not any({"punctuation", "repeat", "borrowed"} & set(p.faults) for p in self.positions)

    @property
    def verdict(self) -> str:
        if not self.form_ok:
            return BROKEN
        if self.ending != KEPT or any({"tone", "class"} & set(p.faults) for p in self.positions):
            return WEAK
        return HOLDS

    def faults(self, kind: str) -> list[int]:
        """The places (0-based) with a fault of ``kind``."""
        return [p.index for p in self.positions if kind in p.faults]

    def unsure_classes(self) -> list[int]:
        return [p.index for p in self.positions if not p.is_punct and p.classes_face is None]

    def to_json(self) -> dict:
        def word(w: WordClass | None):
            return None if w is None else {"word": w.word, "tag": w.tag, "class": w.kind, "unsure": w.unsure}

        return {
            "upper": self.upper, "lower": self.lower, "tones": self.tone_system, "verdict": self.verdict,
            "length_ok": self.length_ok, "form_ok": self.form_ok, "ending": self.ending,
            "positions": [{
                "upper": p.upper, "lower": p.lower, "faults": p.faults, "tone_upper": p.tone_upper,
                "tone_lower": p.tone_lower, "tone_required": p.tone_required, "tone_opposed": p.tone_opposed,
                "classes_face": p.classes_face, "upper_word": word(p.class_upper), "lower_word": word(p.class_lower),
            } for p in self.positions],
            "model": None if self.model is None else {
                "score": round(self.model.score, 4), "rank": self.model.rank,
                "lines": [{"lower": line, "score": round(score, 4)} for line, score in self.model.lines]},
        }


def check_lines(upper: str, lower: str) -> tuple[str, str]:
    """Both lines normalised; :class:`CoupletInputError` for a bad upper line (as the writer
    says it), :class:`LowerLineError` for a bad lower line."""
    upper = check_upper(upper)
    try:
        lower = check_upper(lower)
    except CoupletInputError as exc:
        raise LowerLineError(exc) from exc
    return upper, lower


@lru_cache(maxsize=4096)
def _tag_alone(char: str) -> str:
    with JIEBA_LOCK:
        jieba_ready()
        import jieba.posseg

        pairs = jieba.posseg.lcut(char)
    return pairs[0].flag if pairs else "x"


def word_classes(line: str) -> list[WordClass | None]:
    """For each character, its word and class as jieba's tagger reads the line (in simplified
    characters); None for punctuation. Idioms and words of three or more characters are read
    character by character, and said to be unsure."""
    simplified = to_simplified(line)
    text = simplified if len(simplified) == len(line) else line
    found: list[WordClass | None] = []
    with JIEBA_LOCK:
        jieba_ready()  # its dictionary cache in the user's folder, as everywhere (engine.words)
        import jieba.posseg

        tagged = jieba.posseg.lcut(text)
    for pair in tagged:
        if len(pair.word) > 2 or pair.flag in ("i", "l", "j"):
            for char in pair.word:
                tag = _tag_alone(char)
                found.append(None if is_punct(char) else WordClass(char, tag, _CLASS_OF_TAG.get(tag, ""), True))
        else:
            for char in pair.word:
                found.append(None if is_punct(char) else WordClass(
                    pair.word, pair.flag, _CLASS_OF_TAG.get(pair.flag, ""), pair.flag in _VAGUE_TAGS))
    return found if len(found) == len(line) else [None] * len(line)


def _word_spans(line: str, classes: list[WordClass | None]) -> list[tuple[int, int]]:
    """Where each word of the line starts and ends (a span per character of a lone one)."""
    spans, index = [], 0
    while index < len(line):
        entry = classes[index]
        word = entry.word if entry else line[index]
        length = len(word) if line.startswith(word, index) else 1
        spans.append((index, index + length))
        index += length
    return spans


def _required_places(line: str) -> set[int]:
    """The places whose tone must be opposed: the 2nd, 4th, 6th... of each clause and its last."""
    places, start = set(), 0
    for index, char in enumerate(line + "，"):
        if index == len(line) or is_punct(char):
            clause = range(start, index)
            places |= {i for n, i in enumerate(clause) if n % 2 == 1}
            if len(clause):
                places.add(clause[-1])
            start = index + 1
    return places


def check_pair(upper: str, lower: str, tone_system: str = CLASSICAL, writer=None, n: int = 5,
               ctx=None) -> CoupletCheck:
    """The check of ``lower`` against ``upper`` (both checked with :func:`check_lines`); with a
    ``writer``, also the model's opinion against its ``n`` best lines."""
    upper, lower = check_lines(upper, lower)
    tones_up, tones_down = line_tones(upper, tone_system), line_tones(lower, tone_system)
    classes_up, classes_down = word_classes(upper), word_classes(lower)
    spans_up, spans_down = set(_word_spans(upper, classes_up)), set(_word_spans(lower, classes_down))
    sources_up, sources_down = repeat_sources(upper), repeat_sources(lower)
    required, upper_chars = _required_places(upper), {c for c in upper if not is_punct(c)}
    positions = []
    for index, (up, down) in enumerate(zip(upper, lower)):
        punct = is_punct(up) or is_punct(down)
        class_up, class_down = classes_up[index], classes_down[index]
        if class_up and class_down and _span_at(spans_up, index) != _span_at(spans_down, index):
            class_up, class_down = _unsure(class_up), _unsure(class_down)  # the words do not face each other whole
        positions.append(PositionCheck(
            index, up, down, punct_ok=(up == down) if punct else True,
            tone_upper=None if punct else tones_up[index], tone_lower=None if punct else tones_down[index],
            tone_required=index in required and not punct,
            repeat_ok=sources_up.get(index) == sources_down.get(index) or punct,
            borrowed=not punct and down in upper_chars,
            class_upper=class_up, class_lower=class_down))
    end_up, end_down = final_tone(upper, tone_system), final_tone(lower, tone_system)
    ending = (UPPER_ENDS_LEVEL if end_up == LEVEL else
              KEPT if end_up == OBLIQUE and end_down == LEVEL else LOWER_ENDS_OBLIQUE)
    model = model_opinion(writer, upper, lower, tone_system, n, ctx) if writer is not None else None
    return CoupletCheck(upper, lower, tone_system, positions, ending, model)


def _span_at(spans: set[tuple[int, int]], index: int) -> tuple[int, int] | None:
    return next((span for span in spans if span[0] <= index < span[1]), None)


def _unsure(word: WordClass) -> WordClass:
    return WordClass(word.word, word.tag, word.kind, True)


def model_opinion(writer, upper: str, lower: str, tone_system: str = CLASSICAL, n: int = 5, ctx=None) -> ModelOpinion:
    """The writer's ``n`` best lines and the model's score of each and of ``lower`` (mean
    log-probability per character given the upper line, read in simplified characters)."""
    lines = [c.lower for c in writer.write(upper, n, ctx, tone_system=tone_system) if c.lower != lower]
    simple_upper = to_simplified(upper)
    scores = writer.score_pairs([(simple_upper, to_simplified(line)) for line in [lower] + lines])
    ranked = sorted(zip(lines, scores[1:]), key=lambda pair: -pair[1])
    return ModelOpinion(scores[0], tuple(ranked))
