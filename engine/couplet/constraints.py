"""The couplet's form as a ``LogitsProcessor``: ``generate`` can only write a lower line that
matches its upper line.

For lower-line position ``t`` of an upper line of length ``L`` (the model's
``engine.couplet.layout.PairLayout`` says which generated token is which place, and which
are forced copies of the upper line's characters):

* after the last place: only ``[EOS]``;
* the upper line has punctuation or a space at ``t``: copy it;
* the upper line repeats an earlier character at ``t`` (叠字, 重字): repeat the lower line's
  character from that earlier position;
* the caller forces a character there (a clause repeating a character of an earlier
  clause: ``ClauseContext.forced``): that character;
* the caller lists the characters allowed there (``ClauseContext.choices``: the 藏头 writer's
  word partners of a given character): one of them, among those the rules below allow, unless
  the rules allow none of them;
* otherwise: a character (no punctuation, no special token) that is in no place of the
  upper line (a couplet does not borrow its other half's characters: the bundled model's
  top lines did for 51 of zijianzhao's 230 test upper lines, the references for 2%) and
  differs from every character the lower line already has, so the lower line's repeats
  are exactly the upper line's (``ClauseContext.barred`` adds the whole line's characters
  and the earlier clauses' answers when the line is written clause by clause);
* and at the last character (or where it is first written, when it repeats one), characters
  of the wrong tone lose ``tone_penalty`` (a preference, not a ban): oblique ones when the upper line ends oblique (仄) (the classic
  仄/平 ending), or what ``ClauseContext.want`` says for an inner clause.

Rows are ``batch x beams`` (or samples) of upper lines of one length, in order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import cast

import torch
from transformers import LogitsProcessor

from engine.couplet.layout import PairLayout
from engine.couplet.text import is_punct, repeat_sources
from engine.couplet.tone import CLASSICAL, LEVEL, OBLIQUE, char_tone, final_tone


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
        self._tokens, self._special = tokens, special
        self._tone_masks: dict[tuple[str, str], torch.Tensor] = {}

    def tone_mask(self, tone: str, system: str = CLASSICAL) -> torch.Tensor:
        """Which tokens are single characters of ``tone`` (平 or 仄) read alone in ``system``."""
        key = (tone, system)
        if key not in self._tone_masks:
            self._tone_masks[key] = torch.tensor(
                [len(t) == 1 and i not in self._special and char_tone(t, system) == tone
                 for i, t in enumerate(self._tokens)], dtype=torch.bool)
        return self._tone_masks[key]

    def id_of(self, char: str) -> int:
        return self.ids.get(char, self.unk_id)

    def mask_of(self, chars: set[str]) -> torch.Tensor:
        """Which tokens are among ``chars`` (characters the tokenizer lacks are left out)."""
        mask = torch.zeros(len(self._tokens), dtype=torch.bool)
        mask[[self.ids[c] for c in chars if c in self.ids]] = True
        return mask


def restrict(allowed: torch.Tensor, choice: torch.Tensor | None) -> torch.Tensor:
    """``allowed`` narrowed to ``choice`` in each row where the two share a token; a row where
    they share none keeps ``allowed`` (a constraint the rules leave no room for is dropped, so the
    search never runs out of characters)."""
    if choice is None:
        return allowed
    narrowed = allowed & choice.to(allowed.device)
    return torch.where(narrowed.any(dim=-1, keepdim=True), narrowed, allowed)


@dataclass
class ClauseContext:
    """What one clause of a line written clause by clause owes the rest of the line."""

    barred: set[str] = field(default_factory=set)  # characters it must not use (beyond its own upper clause's)
    forced: dict[int, str] = field(default_factory=dict)  # place -> character it must write there
    choices: dict[int, set[str]] = field(default_factory=dict)  # place -> the characters it may write there
    want: str | None = None  # the tone its last character should have (平, 仄 or None: no preference)


def wanted_final_tone(upper: str, system: str = CLASSICAL) -> str | None:
    """The tone a whole lower line should end on: level when the upper line ends oblique."""
    return LEVEL if final_tone(upper, system) == OBLIQUE else None


class CoupletFormProcessor(LogitsProcessor):
    def __init__(self, uppers: list[str], rows_per_upper: int, prompt_length: int,
                 vocab: VocabularyClasses, layout: PairLayout, tone_penalty: float = 4.0,
                 contexts: list[ClauseContext] | None = None, tone_system: str = CLASSICAL) -> None:
        if len({len(u) for u in uppers}) > 1:
            raise ValueError("One generate call writes for upper lines of one length.")
        contexts = contexts or [ClauseContext(want=wanted_final_tone(u, tone_system)) for u in uppers]
        self.uppers = uppers
        self.rows_per_upper = rows_per_upper
        self.prompt_length = prompt_length
        self.vocab = vocab
        self.layout = layout
        self.tone_penalty = tone_penalty
        self.sources = [repeat_sources(u) for u in uppers]
        self.barred_ids = [[vocab.id_of(c) for c in set(u) | c.barred if not is_punct(c)]
                           for u, c in zip(uppers, contexts)]
        self.forced = [{t: vocab.id_of(char) for t, char in c.forced.items()} for c in contexts]
        self.choices = [{t: vocab.mask_of(chars) for t, chars in c.choices.items()} for c in contexts]
        last = [max((i for i, c in enumerate(u) if not is_punct(c)), default=-1) for u in uppers]
        # Where the last character's tone is chosen: where it is first written when it repeats (喜…乐人亦乐).
        self.tone_place = [sources.get(t, t) for sources, t in zip(self.sources, last)]
        other = {LEVEL: OBLIQUE, OBLIQUE: LEVEL}
        self.penalised = [vocab.tone_mask(other[c.want], tone_system) if c.want else None for c in contexts]

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
            elif t in self.forced[item]:
                forced = self.forced[item][t]
            elif t in self.sources[item]:
                forced = int(input_ids[row, start + stride * self.sources[item][t]])
            else:
                allowed = ~vocab.not_a_character.to(scores.device)
                allowed[self.barred_ids[item]] = False
                allowed[input_ids[row, start::stride]] = False
                allowed = restrict(allowed, self.choices[item].get(t))
                out[row] = torch.where(allowed, scores[row], out[row])
                penalised = self.penalised[item]
                if t == self.tone_place[item] and penalised is not None:
                    out[row] -= self.tone_penalty * penalised.to(scores.device)
                continue
            out[row, forced] = scores[row, forced]
        return cast(torch.FloatTensor, out)


class UpperLineProcessor(LogitsProcessor):
    """The form of an upper line written from nothing (藏头/嵌字, ``engine.couplet.embed``)
    by a model that reads ``[BOS] line [SEP]``: ``length`` characters, then [SEP].

    A place in ``forced`` gets its character; every other place a character (no punctuation,
    no special token) that is not in ``barred`` (what the lower line will carry: a couplet does
    not borrow from its other half) and not already in the line (so the lower line needs no
    repeats), and at a place in ``choices`` one of its characters where the rest allow one; at
    the last place, unless forced, level (平) characters lose ``tone_penalty``: an upper line
    ends oblique (仄).
    """

    def __init__(self, length: int, forced: dict[int, str], barred: set[str], vocab: VocabularyClasses,
                 sep_id: int, prompt_length: int = 1, tone_penalty: float = 4.0, tone_system: str = CLASSICAL,
                 choices: dict[int, set[str]] | None = None) -> None:
        self.length, self.vocab, self.sep_id, self.prompt_length = length, vocab, sep_id, prompt_length
        self.forced = {place: vocab.id_of(char) for place, char in forced.items()}
        self.choices = {place: vocab.mask_of(chars) for place, chars in (choices or {}).items()}
        self.barred_ids = [vocab.id_of(c) for c in barred | set(forced.values())] + [vocab.unk_id]
        self.tone_penalty = tone_penalty
        self.level = vocab.tone_mask(LEVEL, tone_system)

    def __call__(self, input_ids: torch.LongTensor, scores: torch.FloatTensor) -> torch.FloatTensor:
        t = input_ids.shape[1] - self.prompt_length
        out = torch.full_like(scores, -float("inf"))
        if t >= self.length:
            out[:, self.sep_id] = 0.0
            return cast(torch.FloatTensor, out)
        if t in self.forced:
            out[:, self.forced[t]] = scores[:, self.forced[t]]
            return cast(torch.FloatTensor, out)
        allowed = (~self.vocab.not_a_character.to(scores.device)).expand_as(scores).clone()
        allowed[:, self.barred_ids] = False
        allowed.scatter_(1, input_ids[:, self.prompt_length:], False)
        allowed = restrict(allowed, self.choices.get(t))
        out = torch.where(allowed, scores, out)
        if t == self.length - 1:
            out -= self.tone_penalty * self.level.to(scores.device)
        return cast(torch.FloatTensor, out)
