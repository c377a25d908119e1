"""Beam search for the math model: equations only, scored by the model.

``generate_candidates`` writes ``beams`` equations per problem under
:class:`EquationProcessor` (a grammar over the equation symbols and the problem's own number
placeholders) and scores each whole equation with one teacher-forced pass. Kept apart from
:mod:`engine.mathwp.solver` so that the facade, and the tab importing it, need no
``transformers`` until a model runs.
"""

from __future__ import annotations

import math

import torch
from transformers import LogitsProcessor, LogitsProcessorList

from engine.decoding import cancel_criteria
from engine.mathwp.data import MAX_NUMBERS, Problem, placeholder
from engine.mathwp.model import EQUATION_SYMBOLS, MAX_SOURCE_TOKENS, MAX_TARGET_TOKENS
from engine.runtime.jobs import JobContext

MAX_OPEN_BRACKETS = 6  # deeper than any equation in the training data


@torch.no_grad()
def generate_candidates(model, tokenizer, problems: list[Problem], beams: int,
                        ctx: JobContext | None = None) -> list[list[tuple[str, float]]]:
    """Beam search over a batch of problems: ``beams`` (target, log-prob) pairs each."""
    ctx = ctx or JobContext()
    device = next(model.parameters()).device
    sources = ["".join(p.source()) for p in problems]
    encoded = tokenizer(sources, padding=True, truncation=True, max_length=MAX_SOURCE_TOKENS,
                        return_tensors="pt").to(device)
    ctx.check()
    grammar = EquationProcessor(tokenizer, [len(p.numbers) for p in problems], beams)
    sequences = model.generate(
        **encoded, num_beams=beams, num_return_sequences=beams, max_new_tokens=MAX_TARGET_TOKENS,
        do_sample=False, stopping_criteria=cancel_criteria(ctx.cancel_token), logits_processor=LogitsProcessorList([grammar]),
    )
    log_probs = sequence_log_probs(model, encoded, sequences, beams, tokenizer.eos_token_id)
    texts = tokenizer.batch_decode(sequences, skip_special_tokens=True)
    return [list(zip(texts[i * beams:(i + 1) * beams], log_probs[i * beams:(i + 1) * beams]))
            for i in range(len(problems))]


class EquationProcessor(LogitsProcessor):
    """Lets the decoder write only what an equation can hold: operators, digits, ``x``,
    brackets, the placeholders of the problem's own numbers, and [EOS]; ``(`` only up to
    :data:`MAX_OPEN_BRACKETS` deep, ``)`` only to close an open ``(``, and [EOS] only once
    every bracket is closed."""

    def __init__(self, tokenizer, number_counts: list[int], beams: int) -> None:
        vocab = tokenizer.get_vocab()
        self.open, self.close, self.eos = vocab["("], vocab[")"], tokenizer.eos_token_id
        self.beams = beams
        symbols = [vocab[s] for s in EQUATION_SYMBOLS] + [self.eos]
        self.masks = torch.full((len(number_counts), len(vocab)), -math.inf)
        for row, count in enumerate(number_counts):
            self.masks[row, symbols] = 0.0
            self.masks[row, [vocab[placeholder(i)] for i in range(min(count, MAX_NUMBERS))]] = 0.0

    def __call__(self, input_ids: torch.LongTensor, scores: torch.FloatTensor) -> torch.FloatTensor:
        problem = torch.arange(input_ids.shape[0], device=input_ids.device) // self.beams
        scores = scores + self.masks.to(scores.device)[problem, :scores.shape[-1]]
        depth = (input_ids == self.open).sum(-1) - (input_ids == self.close).sum(-1)
        scores[depth <= 0, self.close] = -math.inf
        scores[depth > 0, self.eos] = -math.inf
        scores[depth >= MAX_OPEN_BRACKETS, self.open] = -math.inf
        return scores


def sequence_log_probs(model, encoded, sequences: torch.Tensor, beams: int, eos_id: int) -> list[float]:
    """log P(equation | problem) of each generated sequence (one teacher-forced pass), up to
    and including its first [EOS]: beam search fills a finished beam's tail with more [EOS]
    (not [PAD]), which must not count."""
    labels = sequences[:, 1:].clone()  # drop the decoder start token
    is_eos = (labels == eos_id).long()
    labels[is_eos.cumsum(-1) - is_eos > 0] = -100  # everything after the first [EOS]
    logits = model(input_ids=encoded["input_ids"].repeat_interleave(beams, 0),
                   attention_mask=encoded["attention_mask"].repeat_interleave(beams, 0),
                   decoder_input_ids=sequences[:, :-1]).logits.float()
    token_log_probs = torch.log_softmax(logits, -1).gather(-1, labels.clamp(min=0).unsqueeze(-1)).squeeze(-1)
    return (token_log_probs * (labels != -100)).sum(-1).tolist()
