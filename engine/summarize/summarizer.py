"""The one entry point the app, the CLI and the tests use: ``Summarizer.summarize``.

    summarizer = Summarizer(ModelStore())
    summary = summarizer.summarize(text, length="short", mode="auto")
    summary.text, summary.kept, summary.sources, summary.compression

Modes: ``model`` (the tagger of a model folder named ``summarize`` writes a headline from the
text's lead, in the text's own words; ``medium`` and ``long`` add the key points of the text's
sections, one a line; compressor.py, keypoints.py), ``extractive`` (key sentences, no model;
``medium`` and ``long``: the key points, one a line)
and ``auto`` (the model when one is installed). When the model cannot be used — none is
installed, it is damaged, or it keeps nothing of this text — the summary is extractive and
``Summary.fallback`` says why (the store's reason, or ``NOTHING_KEPT``) — never a fake. The
facts are kept as data so the app can say them in the user's language; ``Summary.note`` says
them in English for the CLI.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from engine.chinese_script import as_written, to_simplified
from engine.runtime.jobs import JobContext
from engine.runtime.store import ModelError, ModelStore
from engine.summarize.extractive import LENGTHS, budget_chars, extract, join_sentences
from engine.summarize.keypoints import key_points
from engine.summarize.text import MAX_INPUT_CHARS, Sentence, check_input, count_chars, split_sentences

if TYPE_CHECKING:
    import torch

    from engine.summarize.compressor import Compressor

# engine.summarize.compressor (and with it transformers) is imported only when a model runs,
# so the tab and extractive summaries start without it.

MODES = ("auto", "model", "extractive")
DEFAULT_MODEL = "summarize"
NOTHING_KEPT = "The model kept nothing of this text."


@dataclass
class Summary:
    text: str
    mode: str  # what produced the text: "model" or "extractive"
    length: str
    sources: list[Sentence]  # source sentences the summary draws on, spans into the input
    source_chars: int  # non-whitespace characters of the input
    kept: list[tuple[int, int]]  # (start, end) spans of the input the summary's characters come from
    fallback: str = ""  # why a model summary was answered extractively (English, technical)

    @property
    def note(self) -> str:
        """What the reader should know about how the summary was made, in English ("" if nothing)."""
        if self.fallback:
            return f"The model could not be used, so this summary is extractive. {self.fallback}"
        return ""

    @property
    def summary_chars(self) -> int:
        return count_chars(self.text)

    @property
    def compression(self) -> float:
        """Summary characters over source characters (0.1 = a tenth of the length)."""
        return self.summary_chars / self.source_chars if self.source_chars else 0.0


def sentences_of(spans: list[tuple[int, int]], sentences: list[Sentence]) -> list[Sentence]:
    """The sentences that contain any of ``spans``, in text order."""
    return [s for s in sentences if any(start < s.end and end > s.start for start, end in spans)]


class Summarizer:
    def __init__(self, store: ModelStore | None = None, model: str = DEFAULT_MODEL,
                 device: torch.device | str = "cpu", dtype: torch.dtype | None = None,
                 max_chars: int = MAX_INPUT_CHARS, writer: str | None = None) -> None:
        self.store = store or ModelStore()
        self.model = model
        self.writer = writer
        """A headline writer's model (``writer.py``): the headline is written, not cut, when given."""
        self.device = device
        self.dtype = dtype
        self.max_chars = max_chars

    def model_available(self) -> bool:
        """Whether a model folder is installed (without loading it)."""
        try:
            self.store.resolve(self.model)
        except ModelError:
            return False
        return True

    def summarize(self, text: str, length: str = "medium", mode: str = "auto",
                  ctx: JobContext | None = None) -> Summary:
        """Summarize ``text`` (see the module docstring for the modes)."""
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
                return self._compressed(text, length, ctx, source_chars)
            except ModelError as exc:  # none installed, damaged, or nothing kept: the user still gets a summary
                fallback = str(exc)
            except (RuntimeError, IndexError, OSError) as exc:  # a user's model that does not fit this code
                fallback = f"The model failed on this text: {type(exc).__name__}: {exc}"
        ctx.progress(None, "Ranking sentences")
        if length != "short":  # the key points of the text's sections, one a line (keypoints.py)
            points = key_points(text, length)
            kept = [span for point in points for span in point.spans]
            return Summary("\n".join(p.text for p in points), "extractive", length,
                           sentences_of(kept, split_sentences(text)), source_chars, kept, fallback)
        chosen = extract(split_sentences(text), budget_chars(length, source_chars))
        return Summary(join_sentences(chosen), "extractive", length, chosen, source_chars,
                       [(s.start, s.end) for s in chosen], fallback)

    def compressor(self, ctx: JobContext | None = None) -> Compressor:
        """The model, loaded once (the store caches it); ModelError if absent or not a tagger."""
        from engine.summarize.compressor import Compressor

        ctx = ctx or JobContext()
        loaded = self.store.load(self.model, device=self.device, dtype=self.dtype,
                                 on_progress=ctx.progress, cancel=ctx.cancel_token)
        if self.writer is None:
            return Compressor(loaded)
        from engine.summarize.writer import HeadlineWriter

        writer = self.store.load(self.writer, device=self.device, dtype=self.dtype,
                                 on_progress=ctx.progress, cancel=ctx.cancel_token)
        return Compressor(loaded, writer=HeadlineWriter(writer))

    def _compressed(self, text: str, length: str, ctx: JobContext, source_chars: int) -> Summary:
        compressor = self.compressor(ctx)
        ctx.progress(None, "Summarizing")
        read = to_simplified(text)  # the model's script (traditional characters were mostly unknown to it)
        read = read if len(read) == len(text) else text  # one character for one keeps every offset
        headline, points = compressor.summarize(read, length, ctx.cancel_token)
        ctx.check()
        if headline is None:
            raise ModelError(NOTHING_KEPT)
        kept = sorted([*headline.spans, *(span for point in points for span in point.spans)])
        summary = "\n".join([headline.text, *(point.text for point in points)])  # the headline, a point a line
        summary = as_written(summary, read, text) if read != text else summary  # as the text wrote it
        return Summary(summary, "model", length, sentences_of(kept, split_sentences(text)), source_chars, kept)
