"""Math word problems as data: reading every labelled set, cleaning, number mapping, new numbers.

An :class:`Item` is one problem: its text, its equation (normalised: ``20%`` → ``(20/100)``,
``1(5/6)`` → ``(1+5/6)``, ``:`` → ``/``, ``[ ]`` → ``( )``, no redundant brackets) and its
exact answer. :func:`read_items` reads the four labelled sets of ``../shared/data`` in
their own formats and keeps only an item whose equation evaluates to its answer.

Number mapping replaces each number of the text with a placeholder ``[N0]``, ``[N1]``, ...
that the equation refers to; after decoding, :meth:`Problem.equation_from_target` puts the
numbers back, as the question wrote them:

    >>> problem = Problem.from_text("学校把135本练习本平均分给3个班，每班多少本？")
    >>> problem.equation_from_target("[N0]/[N1]").text(pretty=True)
    'x=135÷3'
"""

from __future__ import annotations

import hashlib
import json
import math
import random
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

from engine.data import open_text, read_jsonl
from engine.mathwp.answer import plausible
from engine.mathwp.expression import (
    BinOp,
    Equation,
    ExpressionError,
    ExpressionSyntaxError,
    Neg,
    Node,
    Num,
    evaluate,
    parse_expression,
    plain_number,
)

MAX_NUMBERS = 30  # placeholders [N0]..[N29]; numbers after the 30th stay as they are written
RELATIVE_TOLERANCE = 1e-4  # EVAL.md: the answer matches within this, after exact evaluation

# A number in a problem's text: mixed 1(5/6), fraction (3/5) or 3/5, decimal or integer,
# with an optional percent sign. Digits glued to latin letters (5kg) still count.
_TEXT_NUMBER = re.compile(r"\d+\(\d+/\d+\)|\(\d+/\d+\)|\d+/\d+|\d+(?:\.\d+)?%?|\.\d+%?")
_TEXT_LOOKALIKES = str.maketrans({
    **{chr(0xFF10 + d): str(d) for d in range(10)}, "％": "%", "（": "(", "）": ")", "／": "/",
})
_SPACE_BETWEEN = re.compile(r"(?<=[0-9A-Za-z])\s+(?=[0-9A-Za-z])")
_FLOAT_NOISE = re.compile(r"\d+\.\d{10,}")  # HMWP writes 2.7% as 0.027000000000000003
_BRACKETED_FRACTION = re.compile(r"\(\((\d+)\)/\((\d+)\)\)")
_KEY_DROP = re.compile(r"[\s,，.。．、;；:：!！?？\"'“”‘’()（）\[\]]")
_KEY_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_CJK = re.compile(r"[\u4e00-\u9fff]")
NEAR_DUPLICATE = 0.8  # Jaccard similarity of two texts' shingles from which they are one problem


def has_chinese(text: str) -> bool:
    return _CJK.search(text) is not None


def normalise_text(text: str) -> str:
    """One spelling for model input and de-duplication: ASCII digits and brackets, no word
    segmentation spaces (a space only survives between two latin letters or digits)."""
    text = text.translate(_TEXT_LOOKALIKES).strip()
    text = _SPACE_BETWEEN.sub(" ", text)
    return re.sub(r"\s+(?![0-9A-Za-z])|(?<![0-9A-Za-z])\s+", "", text)


def dedup_key(text: str) -> str:
    """Text without whitespace and punctuation: two problems with the same key are one."""
    return _KEY_DROP.sub("", normalise_text(text))


def parse_answer(answer) -> Fraction:
    """A gold answer (``"45"``, ``"(11/20)"``, ``"62.5%"``, ``[600]``, ``4.0``) as a Fraction."""
    if isinstance(answer, list):
        if len(answer) != 1:
            raise ExpressionError(f"Expected one answer, got {len(answer)}.")
        answer = answer[0]
    if isinstance(answer, bool) or not isinstance(answer, (int, float, str)):
        raise ExpressionSyntaxError(f"Not an answer: {answer!r}")
    if isinstance(answer, float):
        if not math.isfinite(answer):
            raise ExpressionError(f"Not a finite answer: {answer!r}")
        answer = repr(answer)
    # Math23K writes some mixed numbers as 7((2)/(3)).
    text = _BRACKETED_FRACTION.sub(r"(\1/\2)", str(answer))
    return evaluate(parse_expression(text))


def rounds_to(value: Fraction, written) -> bool:
    """Whether a gold answer written as a decimal (``0.18``) is ``value`` rounded half up to
    its places: the answers of CM17K and some of Math23K are rounded like that."""
    match = re.fullmatch(r"-?\d+\.(\d{1,4})", repr(written) if isinstance(written, float) else str(written))
    if not match:
        return False
    scale = 10 ** len(match.group(1))
    return Fraction(math.floor(value * scale + Fraction(1, 2)), scale) == Fraction(match.group(0))


def answers_match(value: Fraction, gold: Fraction) -> bool:
    """EVAL.md's rule: equal within a relative tolerance of 1e-4 (exact values compared first)."""
    return value == gold or math.isclose(float(value), float(gold), rel_tol=RELATIVE_TOLERANCE, abs_tol=1e-9)


# -- items ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Item:
    """One labelled problem; ``equation`` is normalised and evaluates to ``answer``."""

    id: str
    source: str
    text: str
    equation: str
    answer: Fraction

    def to_json(self) -> dict:
        return {"id": self.id, "source": self.source, "original_text": self.text,
                "equation": self.equation, "ans": plain_number(self.answer)}

    @classmethod
    def from_json(cls, record: dict) -> Item:
        return cls(str(record.get("id", "")), str(record.get("source", "")), record["original_text"],
                   record["equation"], parse_answer(record["ans"]))


def shingles(text: str) -> frozenset[str]:
    """The text's character 4-grams that hold a Chinese character, every number written ``#``
    (a problem with other numbers is still the same problem); none for a text with fewer
    than 10, such as a bare calculation, which words cannot tell apart."""
    key = _KEY_NUMBER.sub("#", dedup_key(text))
    grams = frozenset(gram for gram in (key[i:i + 4] for i in range(len(key) - 3)) if _CJK.search(gram))
    return grams if len(grams) >= 10 else frozenset()


class NearDuplicates:
    """Texts indexed by their :func:`shingles`, to find one that is the same problem as
    another up to its numbers and a few words (Jaccard similarity of at least
    :data:`NEAR_DUPLICATE`): ``index.match(text)`` is the position of the most similar
    such text, or None. Only the 5 texts sharing the most shingles are compared, and a
    shingle found in more than 300 texts (a stock phrase) does not make a text a candidate.

        >>> index = NearDuplicates(["一个长方体的水池，长8米，宽4米，深2米，如果每小时可以放进8立方米水，要放满这一池水需要多少小时？"])
        >>> index.match("一个长方体的水池，长10米，宽5米，深3米，如果每小时可以放进7.5立方米，要放满这一池水需要多少小时？")
        0
    """

    def __init__(self, texts: Iterable[str]) -> None:
        self.shingles = [shingles(text) for text in texts]
        self.postings: dict[str, list[int]] = {}
        for position, grams in enumerate(self.shingles):
            for gram in grams:
                self.postings.setdefault(gram, []).append(position)

    def match(self, text: str) -> int | None:
        grams = shingles(text)
        shared: dict[int, int] = {}
        for gram in grams:
            positions = self.postings.get(gram, ())
            if len(positions) <= 300:
                for position in positions:
                    shared[position] = shared.get(position, 0) + 1
        best, best_similarity = None, NEAR_DUPLICATE
        for position in sorted(shared, key=lambda p: -shared[p])[:5]:
            other = self.shingles[position]
            similarity = shared[position] / (len(grams) + len(other) - shared[position])
            if similarity >= best_similarity:
                best, best_similarity = position, similarity
        return best


@dataclass
class Rejections:
    """Why raw items were dropped, counted per (source, reason)."""

    counts: dict[str, dict[str, int]] = field(default_factory=dict)

    def add(self, source: str, reason: str) -> None:
        per_source = self.counts.setdefault(source, {})
        per_source[reason] = per_source.get(reason, 0) + 1


def _raw_records(data_dir: Path) -> Iterator[tuple[str, dict]]:
    """(source, record) for every labelled problem we may train on, in priority order."""
    sources = [
        ("ape210k-valid", data_dir / "math-ape210k" / "valid.ape.json.xz"),
        ("math23k", data_dir / "math-math23k-full" / "math23k_full_minus_test1000.jsonl.xz"),
        ("hmwp-train", data_dir / "math-hmwp" / "trainset.json.xz"),
        ("hmwp-valid", data_dir / "math-hmwp" / "validset.json.xz"),
        ("hmwp-test", data_dir / "math-hmwp" / "testset.json.xz"),
        ("cm17k-valid", data_dir / "math-cm17k" / "cm17k_valid.jsonl.xz"),
    ]
    for source, path in sources:
        if not path.is_file():
            continue
        if source.startswith("hmwp"):
            with open_text(path) as handle:
                records = json.load(handle)  # HMWP files are JSON arrays, not lines
        else:
            records = read_jsonl(path)
        for record in records:
            yield source, record


def _round_noise(match: re.Match) -> str:
    return f"{round(float(match.group()), 9):.9f}".rstrip("0").rstrip(".")


def clean_item(source: str, record: dict) -> Item:
    """The record as an :class:`Item`, or ValueError saying why it cannot be one."""
    text = record.get("raw_text") or record.get("original_text") or ""
    text = normalise_text(str(text))
    if not text:
        raise ExpressionSyntaxError("no text")
    if record.get("dup_of_math23k_test1000"):
        raise ValueError("duplicate of a Math23K test problem")
    raw_equation = _FLOAT_NOISE.sub(_round_noise, str(record.get("equation", "")))
    if ";" in raw_equation or "y" in raw_equation:
        raise ValueError("more than one unknown")
    equation = Equation.parse(raw_equation)
    gold = record.get("ans")
    answer = parse_answer(gold)
    value = equation.solve()
    if not answers_match(value, answer) and not rounds_to(value, gold[0] if isinstance(gold, list) else gold):
        raise ValueError("equation does not give the answer")
    normalised = equation.text()
    if Equation.parse(normalised).solve() != value:  # the printer must keep the meaning
        raise AssertionError(f"normalising changed the value of {raw_equation}")
    return Item(str(record.get("id", "")), source, text, normalised, value)


def _reason(exc: Exception) -> str:
    if type(exc) is ExpressionError:  # the base class: its message tells the cases apart
        return f"equation/answer: {exc}"
    if isinstance(exc, ExpressionError):
        return f"equation: {type(exc).__name__}"
    return str(exc)


def read_items(data_dir: Path, exclude_texts: Iterable[str] = (),
               rejections: Rejections | None = None) -> list[Item]:
    """Every usable labelled problem, first copy of each text kept, ``exclude_texts`` and
    their near-duplicates (:class:`NearDuplicates`) never."""
    rejections = rejections or Rejections()
    exclude_texts = list(exclude_texts)
    excluded = {dedup_key(t) for t in exclude_texts}
    near_excluded = NearDuplicates(exclude_texts)
    seen: set[str] = set()
    items = []
    for source, record in _raw_records(Path(data_dir)):
        try:
            item = clean_item(source, record)
        except ValueError as exc:
            rejections.add(source, _reason(exc))
            continue
        key = dedup_key(item.text)
        if key in excluded:
            rejections.add(source, "text is in a test set")
        elif near_excluded.match(item.text) is not None:
            rejections.add(source, "near-duplicate of a test problem")
        elif key in seen:
            rejections.add(source, "duplicate text")
        else:
            seen.add(key)
            items.append(item)
    return items


def test_texts(data_dir: Path) -> list[str]:
    """The texts of every set we report on (Ape210K test, CM17K test, CMATH): never trained on."""
    data_dir = Path(data_dir)
    texts: list[str] = []
    for path, field_name in ((data_dir / "math-ape210k" / "test.ape.json.xz", "original_text"),
                             (data_dir / "math-cm17k" / "cm17k_test.jsonl.xz", "raw_text"),
                             (data_dir / "math-cmath-eval" / "cmath_dev.jsonl.xz", "input")):
        if path.is_file():
            texts.extend(str(r.get(field_name, "")) for r in read_jsonl(path))
    return texts


def split_items(items: list[Item], valid_size: int, seed: str = "mathwp") -> tuple[list[Item], list[Item]]:
    """(train, valid): a fixed slice chosen by a hash of the text, stable across runs."""
    def rank(item: Item) -> str:
        return hashlib.sha256((seed + dedup_key(item.text)).encode()).hexdigest()

    chosen = {id(item) for item in sorted(items, key=rank)[:valid_size]}
    return [i for i in items if id(i) not in chosen], [i for i in items if id(i) in chosen]


# -- number mapping ------------------------------------------------------------------------

@dataclass(frozen=True)
class TextNumber:
    text: str  # as written in the problem: 135, 20%, (3/5), 1(5/6), 3/5
    value: Fraction
    start: int
    end: int

    @property
    def literal(self) -> str:
        """How the number is written inside an equation (``3/5`` → ``(3/5)``)."""
        if "/" in self.text and not self.text.endswith(")"):
            return f"({self.text})"
        return self.text

    @property
    def numeral(self) -> Fraction:
        """The value without its percent sign (20% → 20): equations sometimes use that."""
        return Fraction(self.text[:-1]) if self.text.endswith("%") else self.value


def find_numbers(text: str) -> list[TextNumber]:
    """The numbers of a (normalised) problem text, left to right."""
    found = []
    for match in _TEXT_NUMBER.finditer(text):
        surface = match.group()
        literal = f"({surface})" if re.fullmatch(r"\d+/\d+", surface) else surface
        try:
            value = parse_expression(literal)
        except ExpressionError:
            continue
        if isinstance(value, Num):
            found.append(TextNumber(surface, value.value, match.start(), match.end()))
    return found


def placeholder(index: int) -> str:
    return f"[N{index}]"


PLACEHOLDER = re.compile(r"\[N(\d+)\]")


@dataclass
class Problem:
    """A problem text with its numbers found: what the model reads and what it refers to."""

    text: str
    numbers: list[TextNumber]

    @classmethod
    def from_text(cls, text: str) -> Problem:
        text = normalise_text(text)
        return cls(text, find_numbers(text)[:MAX_NUMBERS])

    def source(self, show_values: bool = True) -> list[str]:
        """The model's input, one token a character, each number a placeholder (followed by
        its digits when ``show_values``, so the model sees magnitudes)."""
        tokens: list[str] = []
        position = 0
        for index, num in enumerate(self.numbers):
            tokens.extend(self.text[position:num.start])
            tokens.append(placeholder(index))
            if show_values:
                tokens.extend(num.text)
            position = num.end
        tokens.extend(self.text[position:])
        return tokens

    def _index_of(self, node: Node) -> int | None:
        if (isinstance(node, BinOp) and node.op == "/" and isinstance(node.left, Num) and isinstance(node.right, Num)
                and node.left.value.denominator == node.right.value.denominator == 1):
            written = f"{node.left.text}/{node.right.text}"
            for index, num in enumerate(self.numbers):
                if num.literal.strip("()") == written:
                    return index
            return None
        if isinstance(node, Num):
            for index, num in enumerate(self.numbers):
                if num.value == node.value:
                    return index
        return None

    def _mapped(self, node: Node) -> Node:
        """The tree with every number found in the text replaced by ``Num(value, "[Nk]")``."""
        index = self._index_of(node)
        if index is not None:
            return Num(self.numbers[index].value, placeholder(index))
        if isinstance(node, Neg):
            return Neg(self._mapped(node.operand))
        if isinstance(node, BinOp):
            return BinOp(node.op, self._mapped(node.left), self._mapped(node.right))
        return node

    def referenced_numbers(self, target: str) -> set[int]:
        """Which of the text's numbers an equation target refers to (``[N0]*[N0]`` → {0})."""
        return {int(index) for index in PLACEHOLDER.findall(target)} & set(range(len(self.numbers)))

    def equation_from_target(self, target: str) -> Equation:
        """Put the numbers back: ``[N0]/[N1]`` → ``135/3`` as an :class:`Equation`.

        Raises :class:`ExpressionSyntaxError` when the target refers to a number the text
        does not have or puts two numbers side by side.
        """
        pieces: list[str] = []
        position = 0
        for match in PLACEHOLDER.finditer(target):
            index = int(match.group(1))
            if index >= len(self.numbers):
                raise ExpressionSyntaxError(f"The equation uses number {index + 1}, but the problem has "
                                            f"{len(self.numbers)}.")
            before = target[position:match.start()]
            previous = before[-1:] if before else (pieces[-1][-1:] if pieces else "")
            following = target[match.end():match.end() + 1]
            if (previous and (previous.isdigit() or previous in ".)%")) or (following.isdigit() or following == "."):
                raise ExpressionSyntaxError("Two numbers stand side by side in the equation.")
            pieces.extend([before, self.numbers[index].literal])
            position = match.end()
        pieces.append(target[position:])
        text = "".join(pieces)
        if "=" not in text:
            text = "x=" + text
        return Equation.parse(text)


# -- augmentation --------------------------------------------------------------------------

def _new_value(num: TextNumber, rng: random.Random) -> TextNumber | None:
    """A different number of the same kind and size, written the same way."""
    text = num.text
    if re.fullmatch(r"\d+", text):
        value = int(text)
        low, high = max(1, value // 2), max(value * 2, 9)
        new = str(rng.randint(low, high))
    elif re.fullmatch(r"\d+\.\d+", text):
        places = len(text.split(".")[1])
        scaled = int(text.replace(".", ""))
        new_scaled = rng.randint(max(1, scaled // 2), max(scaled * 2, 9))
        new = f"{new_scaled // 10**places}.{new_scaled % 10**places:0{places}d}"
    elif re.fullmatch(r"\d+%", text):
        new = f"{rng.randint(1, 99)}%"
    elif re.fullmatch(r"\(\d+/\d+\)", text):
        bottom = rng.randint(2, 12)
        new = f"({rng.randint(1, bottom - 1)}/{bottom})"
    else:
        return None
    parsed = parse_expression(new)
    return TextNumber(new, parsed.value, num.start, num.end) if isinstance(parsed, Num) else None


def substitute_numbers(problem: Problem, target: str, question: str, answer: Fraction,
                       rng: random.Random, tries: int = 10) -> Problem | None:
    """The problem with new numbers for which ``target`` still gives a plausible answer
    (a whole number when the original answer was one), or None when no try works.

    Skipped (None) when the equation uses no number of the text, or writes out a constant
    equal to one (an unmapped copy, or 100% matched to a 1, would keep its old value).
    """
    written = {n.numeral for n in problem.numbers} | {n.value for n in problem.numbers}
    if not PLACEHOLDER.search(target) or any(c in written for c in _constants(target)):
        return None
    for _ in range(tries):
        new_numbers = [new for n in problem.numbers if (new := _new_value(n, rng)) is not None]
        if len(new_numbers) < len(problem.numbers):
            return None
        text, shift, placed = problem.text, 0, []
        for old, new in zip(problem.numbers, new_numbers):
            start = old.start + shift
            text = text[:start] + new.text + text[old.end + shift:]
            placed.append(TextNumber(new.text, new.value, start, start + len(new.text)))
            shift += len(new.text) - len(old.text)
        candidate = Problem(text, placed)
        try:
            value = candidate.equation_from_target(target).solve()
        except ExpressionError:
            continue
        if plausible(value, question) and _tidy_as(answer, value, target):
            return candidate
    return None


_UNIT_DIVISOR = re.compile(r"/(?:10|100|1000|10000)(?![0-9.])")


def _tidy_as(answer: Fraction, value: Fraction, target: str) -> bool:
    """Whether a variant's ``value`` is as tidy as the original ``answer``: whole for a whole one;
    but where the equation divides to change units (500克 × 6 ÷ 1000 → 3千克) a whole answer is
    rare for new numbers, and a decimal of two places (2.8千克) is as a pupil writes it."""
    if answer.denominator != 1 or value.denominator == 1:
        return True
    return bool(_UNIT_DIVISOR.search(target)) and (value * 100).denominator == 1


def _constants(target: str) -> list[Fraction]:
    """The numbers an equation target writes out (not placeholders)."""
    stripped = PLACEHOLDER.sub("#", target)
    return [Fraction(n) for n in re.findall(r"\d+(?:\.\d+)?", stripped)]

