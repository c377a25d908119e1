"""The decoding toolkit every task shares, built on ``transformers`` generation.

Constraints are ``LogitsProcessor``s, cancel is a ``StoppingCriteria`` and streaming is a
streamer, so ``model.generate`` stays the one generation loop. Task packages add their own
processors (legal xiangqi moves, couplet form) next to these.
"""

from engine.decoding.cancel import CancelCriteria, cancel_criteria
from engine.decoding.streaming import TokenCallbackStreamer

__all__ = ["CancelCriteria", "TokenCallbackStreamer", "cancel_criteria"]
