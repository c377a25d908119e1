import threading

import pytest
import torch
from transformers import GPT2LMHeadModel

from engine.decoding import TokenCallbackStreamer, cancel_criteria
from engine.runtime.jobs import Cancelled, CancelToken, JobContext


def test_context_reports_and_checks_cancel():
    progress, partials = [], []
    ctx = JobContext(on_progress=lambda f, m: progress.append((f, m)), on_partial=partials.append)
    ctx.progress(0.5, "half")
    ctx.partial("x")
    assert progress == [(0.5, "half")] and partials == ["x"]
    ctx.cancel_token.cancel()
    with pytest.raises(Cancelled):
        ctx.progress(1.0)
    with pytest.raises(Cancelled):
        ctx.check()


def _generate_forever(model, ctx, on_tokens):
    model.generate(torch.tensor([[2]]), max_new_tokens=100_000, min_new_tokens=100_000, do_sample=True,
                   pad_token_id=0, stopping_criteria=cancel_criteria(ctx.cancel_token),
                   streamer=TokenCallbackStreamer(on_tokens))


def test_cancelled_generation_stops_within_a_token(tiny_model_dir):
    """The stopping criterion is asked after every token: after the cancel at most the token
    being made then (and one more, for the moment between counting and cancelling) streams."""
    model = GPT2LMHeadModel.from_pretrained(tiny_model_dir, n_positions=100_001, ignore_mismatched_sizes=True)
    model.eval()
    ctx = JobContext(cancel_token=CancelToken())
    tokens, outcome = [], {}
    streaming = threading.Event()

    def stream(ids):
        tokens.extend(ids)
        if len(tokens) >= 20:
            streaming.set()

    def run():
        try:
            _generate_forever(model, ctx, stream)
            outcome["result"] = "finished"
        except Cancelled:
            outcome["result"] = "cancelled"

    thread = threading.Thread(target=run, daemon=True)  # daemon: a generation that ignores the cancel is left behind
    thread.start()
    assert streaming.wait(30), "generation did not stream"
    tokens_at_cancel = len(tokens)
    ctx.cancel_token.cancel()
    thread.join(30)
    assert not thread.is_alive() and outcome["result"] == "cancelled"
    assert len(tokens) - tokens_at_cancel <= 2
