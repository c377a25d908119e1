"""Generating summaries with a loaded model: long inputs, beam search, streaming, cancel.

Long input follows SPACES: a text longer than the model's window is first cut down to its
key sentences by the extractive summarizer (in text order), and the model summarizes
those, so a 20,000-character document costs one extraction and one short generation.

Decoding is ``model.generate``: beam search with no repeated character 4-grams (about two
Chinese words), the length token plus min/max new tokens for length control, the shared
cancel criterion, and the shared token streamer (greedy search, since beam search has no
stable partial output).

    generator = AbstractiveGenerator(ModelStore().load("summarize"))
    print(generator.generate([text], "short")[0])
"""

from __future__ import annotations

from collections.abc import Callable

import torch

from engine.decoding import TokenCallbackStreamer, cancel_criteria
from engine.runtime.jobs import CancelToken
from engine.runtime.store import LoadedModel, ModelError
from engine.summarize.extractive import extract, join_sentences
from engine.summarize.model import GENERATION_LIMITS, LENGTH_TOKENS, SOURCE_CHARS, encode_sources
from engine.summarize.text import Sentence, split_sentences

NO_REPEAT_NGRAM = 4


def model_chars(text: str) -> int:
    """Characters the model reads (whitespace runs count as one)."""
    return len(" ".join(text.split()))


def fit_to_window(text: str, limit: int = SOURCE_CHARS) -> tuple[str, list[Sentence]]:
    """``text`` and its sentences when it fits the model's window, else its key sentences."""
    sentences = split_sentences(text)
    if model_chars(text) <= limit:
        return text, sentences
    chosen = extract(sentences, limit)
    return join_sentences(chosen), chosen


class AbstractiveGenerator:
    def __init__(self, loaded: LoadedModel) -> None:
        self.model = loaded.model
        self.tokenizer = loaded.tokenizer
        self.device = loaded.device
        self.name = loaded.name
        missing = [t for t in LENGTH_TOKENS.values() if t not in self.tokenizer.get_vocab()]
        if not getattr(self.model.config, "is_encoder_decoder", False) or missing:
            raise ModelError(
                f"{loaded.source} is not a Wenqi summarization model (an encoder-decoder whose "
                "tokenizer has the length tokens [SHORT], [MEDIUM], [LONG])."
            )

    def generate(
        self,
        texts: list[str],
        length: str = "medium",
        beams: int = 4,
        on_text: Callable[[str], None] | None = None,
        cancel: CancelToken | None = None,
    ) -> list[str]:
        """One summary per text (each already within the window). ``on_text`` receives new
        text as it is generated and forces greedy search on a single text."""
        if length not in GENERATION_LIMITS:
            raise ValueError(f"unknown length {length!r}; choose one of {', '.join(GENERATION_LIMITS)}")
        if on_text is not None and len(texts) != 1:
            raise ValueError("streaming works on one text at a time")
        sources = encode_sources(self.tokenizer, texts, [length] * len(texts))
        width = max(map(len, sources))
        pad = self.tokenizer.pad_token_id
        input_ids = torch.tensor([s + [pad] * (width - len(s)) for s in sources], device=self.device)
        max_new, min_new = GENERATION_LIMITS[length]
        kwargs = {
            "attention_mask": (input_ids != pad).long(),
            "num_beams": 1 if on_text else beams,
            "do_sample": False,
            "no_repeat_ngram_size": NO_REPEAT_NGRAM,
            "max_new_tokens": max_new,
            "min_new_tokens": min_new,
        }
        if on_text is not None:
            kwargs["streamer"] = TokenCallbackStreamer(
                lambda ids: on_text(self.tokenizer.decode(ids, skip_special_tokens=True))
            )
        if cancel is not None:
            kwargs["stopping_criteria"] = cancel_criteria(cancel)
        if kwargs["num_beams"] > 1:
            kwargs["early_stopping"] = True
        with torch.inference_mode():
            output = self.model.generate(input_ids=input_ids, **kwargs)
        return [text.strip() for text in self.tokenizer.batch_decode(output, skip_special_tokens=True)]
