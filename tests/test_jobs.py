import threading
import time

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


def _generate_forever(model, ctx, tokens):
    model.generate(torch.tensor([[2]]), max_new_tokens=100_000, min_new_tokens=100_000, do_sample=True,
                   pad_token_id=0, stopping_criteria=cancel_criteria(ctx.cancel_token),
                   streamer=TokenCallbackStreamer(tokens.extend))


def test_cancelled_generation_stops_within_200ms(tiny_model_dir):
    model = GPT2LMHeadModel.from_pretrained(tiny_model_dir, n_positions=100_001, ignore_mismatched_sizes=True)
    model.eval()
    ctx = JobContext(cancel_token=CancelToken())
    tokens, outcome = [], {}

    def run():
        try:
            _generate_forever(model, ctx, tokens)
            outcome["result"] = "finished"
        except Cancelled:
            outcome["result"] = "cancelled"
        outcome["ended"] = time.monotonic()

    thread = threading.Thread(target=run)
    thread.start()
    deadline = time.monotonic() + 30
    while len(tokens) < 20 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert len(tokens) >= 20, "generation did not stream"
    cancelled_at = time.monotonic()
    ctx.cancel_token.cancel()
    thread.join(5)
    assert outcome["result"] == "cancelled"
    assert outcome["ended"] - cancelled_at < 0.2
