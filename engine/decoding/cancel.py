"""Stop ``generate`` as soon as the user cancels: checked once per generated token."""

from __future__ import annotations

from typing import cast

import torch
from transformers import StoppingCriteria, StoppingCriteriaList

from engine.runtime.jobs import Cancelled, CancelToken


class CancelCriteria(StoppingCriteria):
    """Raises :class:`Cancelled` (rather than returning True) so a cancelled generation is
    never mistaken for a finished one."""

    def __init__(self, token: CancelToken) -> None:
        self.token = token

    def __call__(self, input_ids: torch.LongTensor, scores: torch.FloatTensor, **kwargs) -> torch.BoolTensor:
        if self.token.cancelled:
            raise Cancelled()
        return cast(torch.BoolTensor, torch.zeros(input_ids.shape[0], dtype=torch.bool, device=input_ids.device))


def cancel_criteria(token: CancelToken) -> StoppingCriteriaList:
    return StoppingCriteriaList([CancelCriteria(token)])
