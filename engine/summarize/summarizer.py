"""The one entry point the app, the CLI and the tests use: ``Summarizer.summarize``.

    summarizer = Summarizer(ModelStore())
    summary = summarizer.summarize(text, length="short", mode="auto")
    summary.text, summary.sources, summary.compression

Modes: ``extractive`` (always available), ``abstractive`` (needs a model folder named
``summarize`` in the user's model folders or the bundled models), ``auto`` (abstractive
when a model is installed). When no abstractive model is installed, ``abstractive`` and
``auto`` fall back to extractive and say so, with the store's reason, in ``Summary.fallback``
— never a fake; so do they when the installed model is damaged. The facts are kept as data
(``fallback``, ``window_chars``) so the app can say them in the user's language;
``Summary.note`` says them in English for the CLI.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import torch

from engine.runtime.jobs import JobContext
from engine.runtime.store import ModelError, ModelStore
from engine.summarize.extractive import LENGTHS, budget_chars, extract, join_sentences
from engine.summarize.text import MAX_INPUT_CHARS, Sentence, check_input, count_chars, split_sentences

if TYPE_CHECKING:
    from engine.summarize.abstractive import AbstractiveGenerator

# engine.summarize.abstractive (and with it transformers) is imported only when a model runs,
# so the tab and extractive summaries start without it.

MODES = ("auto", "extractive", "abstractive")
DEFAULT_MODEL = "summarize"


@dataclass
class Summary:
    text: str
    mode: str  # what produced the text: "extractive" or "abstractive"
    length: str
    sources: list[Sentence]  # source sentences the summary draws on, spans into the input
    source_chars: int  # non-whitespace characters of the input
    fallback: str = ""  # why an abstractive request was answered extractively (the store's reason)
    window_chars: int | None = None  # set when the text was too long for the model: what it read

    @property
    def note(self) -> str:
        """What the reader should know about how the summary was made, in English ("" if nothing)."""
        if self.fallback:
            return f"No abstractive model could be used, so this summary is extractive. {self.fallback}"
        if self.window_chars is not None:
            return (f"The text is longer than the model reads at once; it summarized the "
                    f"{self.window_chars:,} characters of the key sentences.")
        return ""

    @property
    def summary_chars(self) -> int:
        return count_chars(self.text)

    @property
    def compression(self) -> float:
        """Summary characters over source characters (0.1 = a tenth of the length)."""
        return self.summary_chars / self.source_chars if self.source_chars else 0.0


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


def supporting_sentences(summary: str, candidates: list[Sentence], limit: int = 5) -> list[Sentence]:
    """The candidates that cover most of the summary's character bigrams, greedily, in text
    order: what an abstractive summary draws on, for highlighting."""
    uncovered = _bigrams("".join(summary.split()))
    chosen: list[Sentence] = []
    options = {i: _bigrams(s.text) for i, s in enumerate(candidates)}
    while uncovered and options and len(chosen) < limit:
        best = max(options, key=lambda i: len(options[i] & uncovered))
        gain = options.pop(best) & uncovered
        if len(gain) < 2:
            break
        uncovered -= gain
        chosen.append(candidates[best])
    return sorted(chosen, key=lambda s: s.start)


class Summarizer:
    def __init__(self, store: ModelStore | None = None, model: str = DEFAULT_MODEL,
                 device: torch.device | str = "cpu", dtype: torch.dtype | None = None,
                 beams: int = 4, max_chars: int = MAX_INPUT_CHARS) -> None:
        self.store = store or ModelStore()
        self.model = model
        self.device = device
        self.dtype = dtype
        self.beams = beams
        self.max_chars = max_chars

    def abstractive_available(self) -> bool:
        """Whether a model folder is installed (without loading it)."""
        try:
            self.store.resolve(self.model)
        except ModelError:
            return False
        return True

    def summarize(self, text: str, length: str = "medium", mode: str = "auto",
                  ctx: JobContext | None = None, stream: bool = False) -> Summary:
        """Summarize ``text``. With ``stream``, abstractive text is published as it is
        generated through ``ctx.partial`` (pieces of text, greedy search)."""
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r}; choose one of {', '.join(MODES)}")
        if length not in LENGTHS:
            raise ValueError(f"unknown length {length!r}; choose one of {', '.join(LENGTHS)}")
        ctx = ctx or JobContext()
        check_input(text, self.max_chars)
        source_chars = count_chars(text)
        fallback = ""
        if mode != "extractive":
            try:
                return self._abstractive(text, length, ctx, stream, source_chars)
            except ModelError as exc:  # none installed, or damaged: the user still gets a summary
                fallback = str(exc)
        ctx.progress(None, "Ranking sentences")
        chosen = extract(split_sentences(text), budget_chars(length, source_chars))
        return Summary(join_sentences(chosen), "extractive", length, chosen, source_chars, fallback)

    def generator(self, ctx: JobContext | None = None) -> AbstractiveGenerator:
        """The abstractive model, loaded once (the store caches it); ModelError if absent."""
        from engine.summarize.abstractive import AbstractiveGenerator

        ctx = ctx or JobContext()
        loaded = self.store.load(self.model, device=self.device, dtype=self.dtype,
                                 on_progress=ctx.progress, cancel=ctx.cancel_token)
        return AbstractiveGenerator(loaded)

    def abstractive_batch(self, texts: list[str], length: str = "short") -> list[str]:
        """Abstractive summaries of many texts at once (evaluation), long ones extracted first."""
        from engine.summarize.abstractive import fit_to_window

        return self.generator().generate([fit_to_window(t)[0] for t in texts], length, self.beams)

    def _abstractive(self, text: str, length: str, ctx: JobContext, stream: bool, source_chars: int) -> Summary:
        from engine.summarize.abstractive import fit_to_window

        generator = self.generator(ctx)
        window, candidates = fit_to_window(text)
        ctx.progress(None, "Writing the summary")
        on_text = (lambda piece: piece and ctx.partial(piece)) if stream else None
        summary = generator.generate([window], length, self.beams, on_text, ctx.cancel_token)[0]
        ctx.check()
        return Summary(summary, "abstractive", length, supporting_sentences(summary, candidates),
                       source_chars, window_chars=None if window == text else count_chars(window))
