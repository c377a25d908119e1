"""藏头 and 嵌字: a whole pair written to carry characters the person gives (a name, a wish).

    request = parse_embed("明华", "1,1", length=7)     # 明 heads the upper line, 华 the lower (藏头)
    writer = EmbedWriter.from_store(ModelStore())
    for pair in writer.write(request, n=3):
        print(pair.upper, pair.lower)

The upper line is, where one exists, a line of a Tang or Song regulated poem that carries the
character at its place in a word (``engine.couplet.classical``: 集句, the poem named with the
pair), the 16 of them the upper-line model finds likeliest; otherwise, or when those run short,
it comes from a model of upper lines alone (``[BOS] 上联 [SEP]``: the bundled
``couplet-upper``, or the pair model, which learned its upper lines the same way) under
``engine.couplet.constraints.UpperLineProcessor``: its character forced at its place, no
character of the lower line's, no repeat, ending oblique. The lower line is then written by
the couplet writer with its own character forced (``CoupletWriter.write_batch(forced=...)``),
so it keeps every rule of a lower line, three lower lines an upper line. Each upper line keeps
its best lower line, and pairs are ranked with both tone rules kept first, then borrowed upper
lines before written ones (a reader accepted few of the model's own: the couplet-upper card),
then by how many given characters their word makes read otherwise than in the name (pypinyin:
华 of 文华 is huá, of 华山 huà; :func:`reads_as_given`), then by the faults
the app's own check finds (``engine.couplet.check``: tones not opposed where they must be, word
classes that do not face each other), then by how many of the two given characters stand in a
word (明月, 寿山; a character forced into a coined word such as 华风 or 安日 reads forced), then by
the sum of the two lines' mean log-probabilities.

Both searches also keep each given character inside a word: the place after it (or, for the
last place, before it) may only hold one of its ``engine.words.word_partners``, so 华 is followed
by 灯, 夏 or 年, never coined into 华风; where the classical lines are there, only one of those
words that poets used (``EmbedWriter.word_place``). Among those words the models choose.
"""

from __future__ import annotations

import random
from collections.abc import Set
from dataclasses import dataclass, replace
from pathlib import Path

import torch
from pypinyin import Style, lazy_pinyin

from engine.chinese_script import to_simplified, to_traditional
from engine.couplet.classical import FILE_NAME as CLASSICAL_FILE
from engine.couplet.classical import ClassicalLines, in_word
from engine.couplet.check import check_pair
from engine.couplet.constraints import UpperLineProcessor, VocabularyClasses
from engine.couplet.embed_request import EmbedRequest, EmbedUnknownCharacterError
from engine.couplet.tone import CLASSICAL, OBLIQUE, final_tone
from engine.couplet.writer import CoupletWriter, line_scores
from engine.decoding import cancel_criteria
from engine.runtime.jobs import JobContext
from engine.words import word_partners

UPPER_MODEL = "couplet-upper"


@dataclass(frozen=True)
class EmbeddedPair:
    upper: str
    lower: str
    score: float  # the upper line's mean log-probability plus the lower line's score (higher is better)
    tone_kept: bool  # the upper line ends oblique and the lower line level
    in_words: int = 0  # how many of the two given characters begin a dictionary word (0-2)
    faults: int = 0  # the tone and word-class faults the couplet check finds
    source: str = ""  # where a borrowed upper line comes from (唐·杜甫《登高》); "" when the model wrote it
    misread: int = 0  # how many given characters the line's word makes read otherwise (华 of 文华 in 华山)

    def rank(self) -> tuple[bool, bool, int, int, int, float]:
        """Sort key, best first: tones kept, then a borrowed upper line, then given characters read
        as the person reads them, then fewest faults, then characters in real words, then the score."""
        return (not self.tone_kept, not self.source, self.misread, self.faults, -self.in_words, -self.score)


LOWER_LINES = 3
"""Lower lines written for each upper line, so one whose given character makes a word can win."""
CLASSICAL_ROWS = 16
"""Borrowed upper lines answered per request: the likeliest under the upper-line model of those
that carry the character in a word (a sample of them to regenerate)."""


def word_place(char: str, place: int, length: int) -> dict[int, set[str]]:
    """The place next to a given character at ``place`` and the characters that make a word
    with it there: the place after it, or the one before it when it ends the line.

        >>> "灯" in word_place("华", 0, 7)[1], sorted(word_place("华", 6, 7))
        (True, [5])
    """
    if length < 2:
        return {}
    if place + 1 < length:
        return {place + 1: set(word_partners(char))}
    return {place - 1: set(word_partners(char, before=True))}


SANDHI = "一不"  # pypinyin writes their tone as spoken before the next syllable


def reads_as_given(given: str, index: int, line: str, place: int) -> bool:
    """Whether ``given[index]`` reads in its word of ``line`` (at ``place``) as in ``given``: a
    reader takes 华山 as huà shān, so it does not carry the huá of 文华; 华年 does.

        >>> reads_as_given("文华", 1, "华山日照绿杨花", 0), reads_as_given("文华", 1, "华年今见走东瀛", 0)
        (False, True)
    """
    start = place if place + 1 < len(line) else place - 1
    word = line[start:start + 2]
    in_line, in_name = lazy_pinyin(word, style=Style.TONE3)[place - start], lazy_pinyin(given, style=Style.TONE3)[index]
    if given[index] in SANDHI:  # 一代 yi2, 不是 bu2: the tone of speech, the same character
        return in_line.rstrip("1234") == in_name.rstrip("1234")
    return in_line == in_name


def check_faults(upper: str, lower: str, tone_system: str = CLASSICAL) -> int:
    """How many faults "Check my lower line" finds in a pair, place by place.

        >>> check_faults("白日依山尽", "黄河入海流"), check_faults("平生好事不如此", "安得何人空自然")
        (0, 5)
    """
    return sum(len(place.faults) for place in check_pair(upper, lower, tone_system).positions)


class EmbedWriter:
    def __init__(self, upper_model, upper_tokenizer, couplet: CoupletWriter, tone_penalty: float = 4.0,
                 classical: ClassicalLines | None = None) -> None:
        self.model = upper_model.eval()
        self.tokenizer = upper_tokenizer
        self.vocab = VocabularyClasses(upper_tokenizer)
        self.couplet = couplet
        self.tone_penalty = tone_penalty
        self.classical = classical  # None: every upper line is written by the model

    @classmethod
    def from_store(cls, store, upper: str = UPPER_MODEL, pair: str = "couplet", device="cpu", dtype=None,
                   ctx: JobContext | None = None) -> EmbedWriter:
        """The writer of the store's upper-line model and couplet writer (``upper`` may name the
        pair model itself: it reads upper lines alone too)."""
        couplet = CoupletWriter.from_store(store, pair, device, dtype, ctx)
        loaded = store.load(upper, device=device, dtype=dtype,
                            on_progress=ctx.progress if ctx else None, cancel=ctx.cancel_token if ctx else None)
        if "classical_lines" not in loaded.extra:
            lines = Path(loaded.source) / CLASSICAL_FILE
            if ctx:
                ctx.progress(None, "Reading classical lines")
            loaded.extra["classical_lines"] = ClassicalLines.read(lines) if lines.is_file() else None
        return cls(loaded.model, loaded.tokenizer, couplet, classical=loaded.extra["classical_lines"])

    def unknown(self, chars: str) -> list[str]:
        """Characters either model would read as [UNK]."""
        return [c for c in chars if any(t.convert_tokens_to_ids(c) == t.unk_token_id
                                        for t in (self.tokenizer, self.couplet.tokenizer))]

    def write(self, request: EmbedRequest, n: int = 3, ctx: JobContext | None = None, sample: bool = False,
              exclude: Set[str] = frozenset(), tone_system: str = CLASSICAL) -> list[EmbeddedPair]:
        """Up to ``n`` pairs carrying ``request.chars`` at its places, best first, each passed
        to ``ctx.partial`` once ranked. ``sample`` draws fresh upper lines (to regenerate);
        ``exclude`` lists upper lines not to offer again. Traditional characters in give
        traditional lines out."""
        ctx = ctx or JobContext()
        chars = to_simplified(request.chars)
        if len(chars) != 2:
            chars = request.chars
        unknown = self.unknown(chars)
        if unknown:
            raise EmbedUnknownCharacterError(f"The model does not know: {' '.join(unknown)}", unknown)
        excluded = {to_simplified(e) for e in exclude}
        upper_place, place = request.positions[0] - 1, request.positions[1] - 1
        ctx.progress(None, "Choosing classical lines")
        uppers = self.borrowed_lines(chars[0], upper_place, chars[1], request.length, excluded, sample)
        pairs = self.answer(uppers, chars, upper_place, place, request.length, ctx, tone_system)
        if len(pairs) < n:
            ctx.progress(None, "Writing upper lines")
            written = self.upper_lines(chars[0], upper_place, chars[1], request.length, max(2 * n, 8), ctx, sample,
                                       tone_system)
            pairs += self.answer([(line, score, "") for line, score in written if line not in excluded], chars,
                                 upper_place, place, request.length, ctx, tone_system)
        pairs = sorted(pairs, key=EmbeddedPair.rank)[:n]
        if to_simplified(request.chars) != request.chars:
            pairs = [replace(p, upper=to_traditional(p.upper), lower=to_traditional(p.lower),
                             source=to_traditional(p.source)) for p in pairs]
        for pair in pairs:
            ctx.partial(pair)
        return pairs

    def word_place(self, char: str, place: int, length: int) -> dict[int, set[str]]:
        """``word_place``, kept to the words poets put at the same place of a line, where there
        are classical lines (readers rejected 涵今, 华里 and 程度 as heads; 涵养, 程途 read as
        poetry): all of them if poets used none there."""
        allowed = word_place(char, place, length)
        if self.classical is None:
            return allowed
        used = {}
        for at, partners in allowed.items():
            used[at] = self.classical.partners_used(char, partners, min(at, place), after=at > place) or partners
        return used

    def borrowed_lines(self, char: str, place: int, barred: str, length: int, excluded: Set[str],
                       sample: bool = False) -> list[tuple[str, float, str]]:
        """Classical upper lines with ``char`` at ``place`` inside a word and none of ``barred``:
        (line, mean log-probability under the upper-line model, scored when the file was built,
        source), the ``CLASSICAL_ROWS`` likeliest (a random draw of them with ``sample``)."""
        if self.classical is None:
            return []
        found = [line for line in self.classical.with_char(char, place, length)
                 if barred not in line.text and line.text not in excluded and in_word(line.text, place)]
        if sample:
            found = random.sample(found, min(CLASSICAL_ROWS, len(found)))
        ranked = sorted(found, key=lambda line: -line.score)[:CLASSICAL_ROWS]
        return [(line.text, line.score, line.source()) for line in ranked]

    def answer(self, uppers: list[tuple[str, float, str]], chars: str, upper_place: int, place: int, length: int,
               ctx: JobContext, tone_system: str) -> list[EmbeddedPair]:
        """Each upper line (line, score, source) with its best lower line carrying ``chars[1]`` at ``place``."""
        char = chars[1]
        if not uppers:
            return []
        ctx.progress(None, "Writing lower lines")
        answers = self.couplet.write_batch([line for line, _, _ in uppers], LOWER_LINES, ctx, beams=8,
                                           tone_system=tone_system, forced=[{place: char}] * len(uppers),
                                           choices=[self.word_place(char, place, length)] * len(uppers))
        return [min((EmbeddedPair(line, found.lower, score + found.score,
                                  found.tone_kept and final_tone(line, tone_system) == OBLIQUE,
                                  in_word(line, upper_place) + in_word(found.lower, place),
                                  check_faults(line, found.lower, tone_system), source,
                                  (not reads_as_given(chars, 0, line, upper_place))
                                  + (not reads_as_given(chars, 1, found.lower, place)))
                     for found in lowers), key=EmbeddedPair.rank)
                for (line, score, source), lowers in zip(uppers, answers) if lowers]

    @torch.no_grad()
    def upper_lines(self, char: str, place: int, barred: str, length: int, rows: int, ctx: JobContext,
                    sample: bool = False, tone_system: str = CLASSICAL) -> list[tuple[str, float]]:
        """Distinct upper lines of ``length`` with ``char`` at ``place`` (from 0) and none of
        ``barred``, with their mean log-probabilities, those ending oblique first, best first."""
        prompt = torch.tensor([[self.tokenizer.bos_token_id]], device=next(self.model.parameters()).device)
        processor = UpperLineProcessor(length, {place: char}, set(barred), self.vocab,
                                       self.tokenizer.sep_token_id, prompt.shape[1], self.tone_penalty, tone_system,
                                       self.word_place(char, place, length))
        search = (dict(do_sample=True, top_k=40, num_return_sequences=rows) if sample
                  else dict(num_beams=rows, num_return_sequences=rows, early_stopping=True, length_penalty=0.0))
        output = self.model.generate(
            input_ids=prompt, attention_mask=torch.ones_like(prompt), logits_processor=[processor],
            stopping_criteria=cancel_criteria(ctx.cancel_token), max_new_tokens=length + 1,
            pad_token_id=self.tokenizer.pad_token_id, eos_token_id=self.tokenizer.sep_token_id, **search)
        ctx.check()
        lines = list(dict.fromkeys(self.tokenizer.decode(ids[1:length + 1]) for ids in output.tolist()))
        lines = [line for line in lines if len(line) == length and line[place] == char]
        scored = zip(lines, line_scores(self.model, self.tokenizer, lines))
        return sorted(scored, key=lambda p: (final_tone(p[0], tone_system) != OBLIQUE, -p[1]))
