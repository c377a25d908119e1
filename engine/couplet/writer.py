"""``CoupletWriter``: the one facade the tab, the CLI and the benchmarks use.

    writer = CoupletWriter.from_store(ModelStore(), "couplet")
    for candidate in writer.write("春风得意马蹄疾", n=5):
        print(candidate.lower, round(candidate.score, 2))

Candidates come from a constrained beam search (or, to regenerate, constrained sampling), are
re-scored by the model (mean log-probability of the lower line and its end, plus the weighted
position prior of ``engine.couplet.alignment`` when the model folder has one: the CNN labeller
in ``labeller/``, else the counted table), and are
ranked with those that keep the tone rule first. 横批 are 4-character phrases taken from the pair
(a two-character word of each line; never four characters that run in one line) and ranked by
the same model read as a language model of single lines: ``[BOS] 横批 [SEP]``.

The model was trained on simplified characters: a line typed in traditional ones (風吹楊柳千條綠)
is answered in simplified and the answer converted back (``engine.chinese_script``).
"""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass, replace
from pathlib import Path

import torch
from transformers import LogitsProcessor

from engine.chinese_script import to_simplified, to_traditional
from engine.couplet.alignment import FILE_NAME as ALIGNMENT_FILE
from engine.couplet.alignment import LABELLER_DIR, AlignmentPrior, AlignmentTable, LabellerPrior, PositionPrior
from engine.couplet.clauses import FILE_NAME as PATTERNS_FILE
from engine.couplet.clauses import ClausePatterns, detect_clauses
from engine.couplet.constraints import ClauseContext, CoupletFormProcessor, VocabularyClasses, wanted_final_tone
from engine.couplet.layout import PairLayout
from engine.couplet.text import check_upper, form_ok, is_hanzi, is_punct, repeat_sources
from engine.couplet.tone import CLASSICAL, clause_tones_kept, final_tone, opposite_tone, rule_kept
from engine.decoding import cancel_criteria
from engine.runtime.jobs import JobContext
from engine.runtime.store import ModelError

HENGPI_LENGTH = 4


@dataclass(frozen=True)
class Candidate:
    upper: str
    lower: str
    score: float  # mean log-probability per token of the lower line, prior included (higher is better)
    tone_kept: bool  # the pair keeps the classic 仄/平 ending (and, written by clauses, 平仄相对 at each break)
    clauses: tuple[tuple[int, int], ...] = ()  # the (start, end) slices it was written by, when more than one

    @property
    def form_ok(self) -> bool:
        return form_ok(self.upper, self.lower)


class CoupletWriter:
    def __init__(self, model, tokenizer, alignment: PositionPrior | None = None, tone_penalty: float = 4.0,
                 clause_patterns: ClausePatterns | None = None) -> None:
        self.model = model.eval()
        self.tokenizer = tokenizer
        self.vocab = VocabularyClasses(tokenizer)
        self.layout = PairLayout.of(model.config, tokenizer)
        self.alignment = alignment
        self.tone_penalty = tone_penalty
        self.clause_patterns = clause_patterns  # without them only punctuation and spaces break a line

    @classmethod
    def from_store(cls, store, name: str = "couplet", device="cpu", dtype=None, ctx: JobContext | None = None):
        """The writer of a model the store loads (one per loaded model: the store caches both)."""
        loaded = store.load(name, device=device, dtype=dtype,
                            on_progress=ctx.progress if ctx else None, cancel=ctx.cancel_token if ctx else None)
        if "couplet_writer" not in loaded.extra:
            if ctx:
                ctx.progress(None, "Reading the position prior")
            folder = Path(loaded.source)
            loaded.extra["couplet_writer"] = cls(loaded.model, loaded.tokenizer, load_prior(folder),
                                                 clause_patterns=load_patterns(folder))
        return loaded.extra["couplet_writer"]

    @property
    def device(self) -> torch.device:
        return next(self.model.parameters()).device

    # -- scoring ---------------------------------------------------------------------------
    @torch.no_grad()
    def score_pairs(self, pairs: list[tuple[str, str]]) -> list[float]:
        """Mean log-probability of each lower line (and its [EOS]) given its upper line."""
        sequences = [self.layout.sequence(*self._ids([up, down])) for up, down in pairs]
        return self._mean_logprob(sequences, [self.layout.lower_targets(len(s)) for s in sequences])

    def score_lines(self, lines: list[str]) -> list[float]:
        """Mean log-probability of each line read alone, ``[BOS] line [SEP]``."""
        return line_scores(self.model, self.tokenizer, lines)

    def _ids(self, lines: list[str]) -> list[list[int]]:
        return self.tokenizer(lines, add_special_tokens=False)["input_ids"]

    def _mean_logprob(self, sequences: list[list[int]], targets: list[list[bool]]) -> list[float]:
        return mean_logprobs(self.model, self.tokenizer.pad_token_id, sequences, targets)

    # -- writing ---------------------------------------------------------------------------
    def write(self, upper: str, n: int = 5, ctx: JobContext | None = None, sample: bool = False,
              exclude: Set[str] = frozenset(), tone_system: str = CLASSICAL) -> list[Candidate]:
        """Up to ``n`` distinct lower lines for ``upper``, best first; each is also passed to
        ``ctx.partial`` as soon as the list is ranked. ``sample`` draws fresh ones (to
        regenerate); ``exclude`` lists lower lines not to offer again; ``tone_system`` reads
        平仄 classically (入声 oblique) or as modern Mandarin. Candidates are in the script of
        ``upper``: traditional in, traditional out."""
        typed = check_upper(upper)
        simplified = to_simplified(typed)
        ctx = ctx or JobContext()
        ctx.progress(None, "Writing")
        candidates = self.write_batch([simplified], n, ctx, sample=sample, tone_system=tone_system,
                                      exclude={to_simplified(line) for line in exclude})[0]
        if simplified != typed:
            candidates = [replace(c, upper=typed, lower=to_traditional(c.lower)) for c in candidates]
        for candidate in candidates:
            ctx.partial(candidate)
        return candidates

    def clauses(self, upper: str) -> list[tuple[int, int]]:
        """Where the writer breaks ``upper`` (``engine.couplet.clauses``): (start, end) slices."""
        return detect_clauses(upper, self.clause_patterns, self.model, self.tokenizer)

    @torch.no_grad()
    def write_batch(self, uppers: list[str], n: int = 5, ctx: JobContext | None = None, sample: bool = False,
                    exclude: Set[str] = frozenset(), beams: int | None = None, tone_system: str = CLASSICAL,
                    forced: list[dict[int, str]] | None = None,
                    choices: list[dict[int, set[str]]] | None = None) -> list[list[Candidate]]:
        """Candidates for several checked upper lines (evaluation). A line of one clause is
        written whole, those of one length together; a line of several clause by clause.
        ``forced`` gives each line's lower line characters it must carry at given places
        (嵌字, ``engine.couplet.embed``), ``choices`` the characters it may write at given places
        (``ClauseContext.choices``): only for lines of one clause."""
        ctx = ctx or JobContext()
        rows = max(2 * n, 8) if beams is None else max(beams, n)
        spans = [self.clauses(upper) for upper in uppers]
        whole = [i for i, s in enumerate(spans) if len(s) <= 1]
        if (forced or choices) and len(whole) < len(uppers):
            raise ValueError("Characters are embedded only in lower lines written whole (one clause).")
        results: list[list[Candidate]] = [[] for _ in uppers]
        for length in sorted({len(uppers[i]) for i in whole}):
            group = [i for i in whole if len(uppers[i]) == length]
            contexts = ([ClauseContext(forced=forced[i] if forced else {}, choices=choices[i] if choices else {},
                                       want=wanted_final_tone(uppers[i], tone_system)) for i in group]
                        if forced or choices else None)
            lowers = self._generate([uppers[i] for i in group], rows, ctx, sample, tone_system, contexts)
            for i, found in zip(group, lowers):
                found = [low for low in found if low not in exclude]
                scores = self._pair_scores([(uppers[i], low) for low in found])
                ranked = [Candidate(uppers[i], low, score, rule_kept(uppers[i], low, tone_system))
                          for low, score in zip(found, scores)]
                results[i] = sorted(ranked, key=lambda c: (not c.tone_kept, -c.score))[:n]
        for i, line_spans in enumerate(spans):
            if len(line_spans) > 1:
                results[i] = [replace(c, clauses=tuple(line_spans))
                              for c in self._write_clauses(uppers[i], line_spans, n, rows, ctx, sample, exclude,
                                                           tone_system)]
        return results

    def _generate(self, uppers: list[str], rows: int, ctx: JobContext, sample: bool, tone_system: str,
                  contexts: list[ClauseContext] | None = None, line: str = "", start: int = 0) -> list[list[str]]:
        """The distinct lower lines in form that ``generate`` finds for each upper line (one
        length): the upper lines are the clause at ``start`` of ``line`` when one is given."""
        upper_ids, length = self._ids(uppers), len(uppers[0])
        prompt = torch.tensor([self.layout.prompt(ids) for ids in upper_ids], device=self.device)
        processors: list[LogitsProcessor] = [CoupletFormProcessor(uppers, rows, prompt.shape[1], self.vocab, self.layout, self.tone_penalty,
                                           contexts, tone_system)]
        if self.alignment is not None:
            line_ids, window = (self._ids([line]) * len(uppers), (start, start + length)) if line else (upper_ids, None)
            processors.insert(0, AlignmentPrior(self.alignment, line_ids, rows, prompt.shape[1], len(self.tokenizer),
                                                self.layout, window))
        search = (dict(do_sample=True, top_k=40, num_return_sequences=rows) if sample
                  else dict(num_beams=rows, num_return_sequences=rows, early_stopping=True, length_penalty=0.0))
        output = self.model.generate(
            input_ids=prompt, attention_mask=torch.ones_like(prompt), logits_processor=processors,
            stopping_criteria=cancel_criteria(ctx.cancel_token), max_new_tokens=self.layout.generated_length(length),
            pad_token_id=self.tokenizer.pad_token_id, eos_token_id=self.tokenizer.eos_token_id, **search)
        ctx.check()
        written = [self.layout.written(ids, length) for ids in output[:, prompt.shape[1]:].tolist()]
        found = []
        for index, upper in enumerate(uppers):
            lowers = [self._lower_line(upper, ids) for ids in written[index * rows:(index + 1) * rows]]
            found.append(list(dict.fromkeys(low for low in lowers if form_ok(upper, low))))
        return found

    def _pair_scores(self, pairs: list[tuple[str, str]], line: str = "", start: int = 0) -> list[float]:
        """The ranking score: the model's mean log-probability plus the weighted prior (which
        reads all of ``line`` when the pairs are clauses of it)."""
        return [model + self._prior_score(line or up, low, start)
                for model, (up, low) in zip(self.score_pairs(pairs), pairs)]

    def _write_clauses(self, upper: str, spans: list[tuple[int, int]], n: int, rows: int, ctx: JobContext,
                       sample: bool, exclude: Set[str], tone_system: str) -> list[Candidate]:
        """A multi-clause line answered clause by clause, left to right: each clause is written
        as a line of its own for each of the best ``max(n, 4)`` answers so far, never using
        the upper line's characters or the answer's earlier ones, repeating where the upper
        line repeats an earlier clause's character, its last character the opposite tone of
        its upper clause's (the last clause: level after an oblique upper line). A line's
        score is the clauses' scores averaged by their length."""
        keep, sources = max(n, 4), repeat_sources(upper)
        partials: list[tuple[list[str], float, int]] = [(list(upper), 0.0, 0)]  # characters, score sum, weight
        for number, (start, end) in enumerate(spans):
            clause = upper[start:end]
            last = number == len(spans) - 1
            want = wanted_final_tone(upper, tone_system) if last else opposite_tone(final_tone(clause, tone_system))
            contexts = [ClauseContext(barred=set(upper) | set(chars[:start]), want=want,
                                      forced={t - start: chars[sources[t]] for t in range(start, end)
                                              if sources.get(t, end) < start})
                        for chars, _, _ in partials]
            answers = self._generate([clause] * len(partials), rows, ctx, sample, tone_system, contexts, upper, start)
            grown = []
            for (chars, total, weight), found in zip(partials, answers):
                for low, score in zip(found, self._pair_scores([(clause, low) for low in found], upper, start)):
                    grown.append((chars[:start] + list(low) + chars[end:], total + score * (len(low) + 1),
                                  weight + len(low) + 1))
            inner = spans[:min(number + 1, len(spans) - 1)]
            grown.sort(key=lambda p: (-clause_tones_kept(upper, "".join(p[0]), inner, tone_system), -p[1] / p[2]))
            partials = grown[:keep] if not last else grown
        ranked = []  # the classic rule at the line's end first, then the breaks' tones, then the score
        for chars, total, weight in partials:
            lower = "".join(chars)
            if lower not in exclude and form_ok(upper, lower):
                breaks_kept = clause_tones_kept(upper, lower, spans[:-1], tone_system)
                end = rule_kept(upper, lower, tone_system)
                ranked.append(((not end, -breaks_kept, -total / weight),
                               Candidate(upper, lower, total / weight, end and breaks_kept == len(spans) - 1)))
        return [candidate for _, candidate in sorted(ranked, key=lambda pair: pair[0])][:n]

    def top_lines(self, uppers: list[str], beams: int = 10, tone_system: str = CLASSICAL) -> list[str]:
        """The best lower line for each upper line ("" where none keeps the form): what evaluation scores."""
        return [candidates[0].lower if candidates else ""
                for candidates in self.write_batch(uppers, 1, beams=beams, tone_system=tone_system)]

    def _prior_score(self, upper: str, lower: str, start: int = 0) -> float:
        if self.alignment is None:
            return 0.0
        upper_ids, lower_ids = self._ids([upper, lower])
        return self.alignment.score(upper_ids, lower_ids, len(self.tokenizer), start)

    def _lower_line(self, upper: str, ids: list[int]) -> str:
        """The written characters, with the upper line's own punctuation where it was copied
        (it may be a mark the vocabulary lacks)."""
        tokens = self.tokenizer.convert_ids_to_tokens(ids[:len(upper)])
        return "".join(up if is_punct(up) else token for up, token in zip(upper, tokens))

    # -- 横批 --------------------------------------------------------------------------------
    def hengpi(self, upper: str, lower: str, n: int = 3) -> list[str]:
        """Up to ``n`` 4-character horizontal scrolls for a finished pair, best first, in the
        pair's own script (the model reads them simplified)."""
        candidates = hengpi_candidates(upper, lower)
        scores = self.score_lines([to_simplified(c) for c in candidates])
        return [c for _, c in sorted(zip(scores, candidates), reverse=True)][:n]


@torch.no_grad()
def mean_logprobs(model, pad: int, sequences: list[list[int]], targets: list[list[bool]]) -> list[float]:
    """Mean log-probability of the tokens each ``targets`` mask picks from ``sequence[1:]``."""
    if not sequences:
        return []
    device = next(model.parameters()).device
    width = max(len(s) for s in sequences)
    ids = torch.tensor([s + [pad] * (width - len(s)) for s in sequences], device=device)
    mask = torch.tensor([m + [False] * (width - 1 - len(m)) for m in targets], device=device)
    logprobs = torch.log_softmax(model(input_ids=ids).logits[:, :-1].float(), -1)
    picked = logprobs.gather(-1, ids[:, 1:, None])[..., 0]
    return ((picked * mask).sum(1) / mask.sum(1)).tolist()


def line_scores(model, tokenizer, lines: list[str]) -> list[float]:
    """Mean log-probability of each line read alone, ``[BOS] line [SEP]``, by a model that
    reads lines so: the pair model (it learned its upper lines so) or the upper-line model."""
    sequences = [tokenizer(line)["input_ids"] for line in lines]
    return mean_logprobs(model, tokenizer.pad_token_id, sequences, [[True] * (len(s) - 1) for s in sequences])


def load_prior(folder: Path) -> PositionPrior | None:
    """A model folder's position prior: its CNN labeller, else its counted table, else none."""
    labeller, table = folder / LABELLER_DIR, folder / ALIGNMENT_FILE
    try:
        if (labeller / "config.json").is_file():
            return LabellerPrior.load(labeller)
        return AlignmentTable.load(table) if table.is_file() else None
    except Exception as exc:  # safetensors and transformers raise many types for a damaged file
        raise ModelError(f"The couplet model's position prior in {folder} cannot be read: {exc}") from exc


def load_patterns(folder: Path) -> ClausePatterns | None:
    """A model folder's clause patterns (``engine.couplet.clauses``), if it has them."""
    path = folder / PATTERNS_FILE
    try:
        return ClausePatterns.load(path) if path.is_file() else None
    except (OSError, ValueError, AttributeError) as exc:
        raise ModelError(f"The couplet model's clause patterns in {path} cannot be read: {exc}") from exc


def hengpi_candidates(upper: str, lower: str) -> list[str]:
    """Phrases of four hanzi that draw on both lines: a two-character word of the upper line
    and one of the lower line (either order, any places: 春回 + 神州 → 春回神州, 神州春回), each
    without a repeated character. A 横批 sums the pair up and repeats neither line, so four
    characters that run in either line (春回大地 of 春回大地千山秀) are never offered.

        >>> hengpi_candidates("春回大地", "日照神州")[:3]
        ['春回日照', '日照春回', '春回照神']
    """
    words = [[line[i:i + 2] for i in range(len(line) - 1)] for line in (upper, lower)]
    found = [phrase for up in words[0] for down in words[1] for phrase in (up + down, down + up)]
    keep = [p for p in found if all(map(is_hanzi, p)) and len(set(p)) == HENGPI_LENGTH
            and p not in upper and p not in lower]
    return list(dict.fromkeys(keep))
