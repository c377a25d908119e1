"""Hand newly generated token ids to a callback as ``generate`` produces them."""

from __future__ import annotations

from collections.abc import Callable

import torch
from transformers.generation.streamers import BaseStreamer


class TokenCallbackStreamer(BaseStreamer):
    """Calls ``on_tokens(list_of_ids)`` for each generation step, skipping the prompt.

    Works for greedy and sampling (batch of one); beam search has no stable partial output,
    so tasks that beam-search publish finished candidates instead.
    """

    def __init__(self, on_tokens: Callable[[list[int]], None]) -> None:
        self.on_tokens = on_tokens
        self._prompt_seen = False

    def put(self, value: torch.Tensor) -> None:
        if not self._prompt_seen:
            self._prompt_seen = True
            return
        self.on_tokens(value.reshape(-1).tolist())

    def end(self) -> None:
        self._prompt_seen = False
