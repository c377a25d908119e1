"""The couplet's form as a ``LogitsProcessor``: ``generate`` can only write a lower line that
matches its upper line.

For lower-line position ``t`` of an upper line of length ``L`` (the model's
``engine.couplet.layout.PairLayout`` says which generated token is which place, and which
are forced copies of the upper line's characters):

* after the last place: only ``[EOS]``;
* the upper line has punctuation or a space at ``t``: copy it;
* the upper line repeats an earlier character at ``t`` (叠字, 重字): repeat the lower line's
  character from that earlier position;
* otherwise: a character (no punctuation, no special token) that is in no place of the
  upper line (a couplet does not borrow its other half's characters: the bundled model's
  top lines did for 51 of zijianzhao's 230 test upper lines, the references for 2%) and
  differs from every character the lower line already has, so the lower line's repeats
  are exactly the upper line's;
* and at the last character, when the upper line ends oblique (仄), oblique characters lose
  ``tone_penalty`` (a preference for the classic 仄/平 ending, not a ban).

Rows are ``batch x beams`` (or samples) of upper lines of one length, in order.
"""

from __future__ import annotations

import torch
from transformers import LogitsProcessor

from engine.couplet.layout import PairLayout
from engine.couplet.text import is_punct, repeat_sources
from engine.couplet.tone import OBLIQUE, char_tone, upper_keeps_rule


class VocabularyClasses:
    """Per-token facts the processor needs, computed once per tokenizer."""

    def __init__(self, tokenizer) -> None:
        size = len(tokenizer)
        tokens = tokenizer.convert_ids_to_tokens(list(range(size)))
        special = set(tokenizer.all_special_ids)
        self.eos_id = tokenizer.eos_token_id
        self.unk_id = tokenizer.unk_token_id
        self.ids = {token: index for index, token in enumerate(tokens)}
        self.not_a_character = torch.tensor(
            [i in special or len(t) != 1 or is_punct(t) for i, t in enumerate(tokens)], dtype=torch.bool)
        self.oblique = torch.tensor(
            [len(t) == 1 and i not in special and char_tone(t) == OBLIQUE for i, t in enumerate(tokens)],
            dtype=torch.bool)

    def id_of(self, char: str) -> int:
        return self.ids.get(char, self.unk_id)


class CoupletFormProcessor(LogitsProcessor):
    def __init__(self, uppers: list[str], rows_per_upper: int, prompt_length: int,
                 vocab: VocabularyClasses, layout: PairLayout, tone_penalty: float = 4.0) -> None:
        if len({len(u) for u in uppers}) > 1:
            raise ValueError("One generate call writes for upper lines of one length.")
        self.uppers = uppers
        self.rows_per_upper = rows_per_upper
        self.prompt_length = prompt_length
        self.vocab = vocab
        self.layout = layout
        self.tone_penalty = tone_penalty
        self.sources = [repeat_sources(u) for u in uppers]
        self.upper_ids = [[vocab.id_of(c) for c in u if not is_punct(c)] for u in uppers]
        self.last_char = [max((i for i, c in enumerate(u) if not is_punct(c)), default=-1) for u in uppers]
        self.wants_level = [upper_keeps_rule(u) for u in uppers]

    def __call__(self, input_ids: torch.LongTensor, scores: torch.FloatTensor) -> torch.FloatTensor:
        kind, t = self.layout.step(input_ids.shape[1] - self.prompt_length, len(self.uppers[0]))
        vocab, start, stride = self.vocab, self.prompt_length, self.layout.stride
        out = torch.full_like(scores, -float("inf"))
        for row in range(scores.shape[0]):
            item = row // self.rows_per_upper
            upper = self.uppers[item]
            if kind == "copy":  # certain by construction: it must not move the beams' scores
                out[row, vocab.id_of(upper[t])] = 0.0
                continue
            if kind == "end":
                forced = vocab.eos_id
            elif is_punct(upper[t]):
                forced = vocab.id_of(upper[t])
            elif t in self.sources[item]:
                forced = int(input_ids[row, start + stride * self.sources[item][t]])
            else:
                allowed = ~vocab.not_a_character.to(scores.device)
                allowed[self.upper_ids[item]] = False
                allowed[input_ids[row, start::stride]] = False
                out[row] = torch.where(allowed, scores[row], out[row])
                if t == self.last_char[item] and self.wants_level[item]:
                    out[row] -= self.tone_penalty * vocab.oblique.to(scores.device)
                continue
            out[row, forced] = scores[row, forced]
        return out
