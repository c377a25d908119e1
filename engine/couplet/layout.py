"""The couplet model's pair layouts: where each character of a pair sits in its sequence.

Pure index arithmetic, no torch or transformers: the training command's ``--help`` and the
tab import it cheaply.
"""

from __future__ import annotations


PREFIX, INTERLEAVED = "prefix", "interleaved"
LAYOUT_KEY = "couplet_layout"  # the model config's attribute naming its layout (absent: prefix)


class PairLayout:
    """Where a pair's characters sit in the model's sequence (``config.couplet_layout``).

    * ``prefix``: ``[BOS] 上联 [SEP] 下联 [EOS]``, the tokenizer's pair template;
    * ``interleaved``: ``[BOS] 上联 [SEP] u1 l1 u2 l2 … un ln [EOS]``: each lower character
      is written right after a copy of the upper character at its place. The model still
      sees the whole upper line and the lower line so far, and also the character it answers
      next to where it writes (what makes the seed's position-wise labeller learn fast),
      instead of having to find it across the sequence. The copies are forced when writing
      and never trained on.

    Both train the upper line as a language model too (``[BOS] 上联 [SEP]``: the 横批 ranking).

        >>> layout = PairLayout(INTERLEAVED, bos=2, sep=3, eos=4)
        >>> layout.sequence([10, 11], [20, 21])
        [2, 10, 11, 3, 10, 20, 11, 21, 4]
        >>> [layout.step(t, 2) for t in range(4)]
        [('write', 0), ('copy', 1), ('write', 1), ('end', 2)]
    """

    def __init__(self, name: str, bos: int, sep: int, eos: int) -> None:
        if name not in (PREFIX, INTERLEAVED):
            raise ValueError(f"unknown couplet layout {name!r}")
        self.name, self.bos, self.sep, self.eos = name, bos, sep, eos
        self.stride = 2 if name == INTERLEAVED else 1

    @classmethod
    def of(cls, config, tokenizer) -> PairLayout:
        return cls(getattr(config, LAYOUT_KEY, None) or PREFIX,
                   tokenizer.bos_token_id, tokenizer.sep_token_id, tokenizer.eos_token_id)

    def prompt(self, upper: list[int]) -> list[int]:
        """What ``generate`` continues: the upper line, and its first copy when interleaved."""
        return [self.bos, *upper, self.sep, *upper[:1]] if self.stride == 2 else [self.bos, *upper, self.sep]

    def sequence(self, upper: list[int], lower: list[int]) -> list[int]:
        if self.stride == 1:
            return [self.bos, *upper, self.sep, *lower, self.eos]
        return [self.bos, *upper, self.sep, *(c for pair in zip(upper, lower) for c in pair), self.eos]

    def line_length(self, sequence_length: int) -> int:
        """n, the characters per line, of a whole pair's sequence."""
        return (sequence_length - 3) // (self.stride + 1)

    def lower_targets(self, sequence_length: int) -> list[bool]:
        """For each next-token target ``sequence[1:]``: is it a lower character or the [EOS]
        (what the writer is scored and chosen on)?"""
        n = self.line_length(sequence_length)
        lower = set(range(n + 1 + self.stride, sequence_length - 1, self.stride)) | {sequence_length - 1}
        return [index in lower for index in range(1, sequence_length)]

    def trained(self, sequence_length: int) -> list[bool]:
        """For each token of a whole pair's sequence: is it a training target (all but the copies)?"""
        n = self.line_length(sequence_length)
        copies = set(range(n + 2, sequence_length - 1, 2)) if self.stride == 2 else set()
        return [index not in copies for index in range(sequence_length)]

    def step(self, t: int, n: int) -> tuple[str, int]:
        """What the ``t``-th generated token of an ``n``-character line is: ``('write', i)``
        the lower character at place i, ``('copy', i)`` the upper character i, or ``('end', n)``."""
        if t >= self.generated_length(n) - 1:
            return "end", n
        if t % self.stride:
            return "copy", (t + 1) // self.stride
        return "write", t // self.stride

    def generated_length(self, n: int) -> int:
        """Tokens ``generate`` adds after the prompt for an ``n``-character line, [EOS] included."""
        return self.stride * (n - 1) + 2

    def written(self, generated: list[int], n: int) -> list[int]:
        """The lower line's ids among the generated ones."""
        return generated[: self.stride * n : self.stride]


def layout_name(model_folder) -> str:
    """The layout of a model folder, read from its ``config.json`` without loading the model."""
    import json
    from pathlib import Path

    try:
        config = json.loads((Path(model_folder) / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return PREFIX
    return config.get(LAYOUT_KEY) or PREFIX


def pair_text(upper: str, lower: str, name: str) -> str:
    """A pair written as the model of layout ``name`` reads it, for its tokenizer (the
    Attention tab shows what the model looks at while it writes)."""
    if name == INTERLEAVED:
        return upper + "[SEP]" + "".join(u + d for u, d in zip(upper, lower))
    return f"{upper}[SEP]{lower}"
