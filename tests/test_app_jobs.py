"""The job runner: results, batched partials, errors, cancel latency, and a GUI that never stalls."""

import os
import time
from pathlib import Path


import torch
from PySide6.QtCore import QElapsedTimer, QTimer

from engine.decoding import TokenCallbackStreamer, cancel_criteria
from engine.runtime.store import ModelStore


def test_result_and_progress_reach_the_gui_thread(services, qtbot):
    import threading

    main_thread = threading.get_ident()
    seen = {}

    def job(ctx):
        ctx.progress(0.5, "half way")
        return threading.get_ident()

    def on_result(worker_thread):
        seen["result_thread"] = threading.get_ident()
        seen["worker_thread"] = worker_thread

    services.runner.submit(job, "test", on_result=on_result,
                           on_progress=lambda f, m: seen.setdefault("progress", (f, m, threading.get_ident())))
    qtbot.waitUntil(lambda: "result_thread" in seen, timeout=5000)
    assert seen["result_thread"] == main_thread != seen["worker_thread"]
    assert seen["progress"] == (0.5, "half way", main_thread)


def test_partials_are_batched(services, qtbot):
    batches = []
    done = []

    def job(ctx):
        for i in range(2000):
            ctx.partial(i)
            if i % 100 == 0:
                time.sleep(0.01)
        return "ok"

    services.runner.submit(job, "stream", on_partial=batches.append, on_result=done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=10000)
    assert [x for batch in batches for x in batch] == list(range(2000))
    assert len(batches) < 40  # ~0.2 s of work at <= 30 deliveries per second


def test_errors_are_readable_and_the_runner_keeps_working(services, qtbot):
    errors, ended, results = [], [], []

    def broken(ctx):
        raise ValueError("bad input: the FEN has 11 ranks")

    services.runner.jobEnded.connect(lambda handle, message: ended.append(message))
    services.runner.submit(broken, "broken", on_error=errors.append)
    qtbot.waitUntil(lambda: bool(ended), timeout=5000)
    assert isinstance(errors[0], ValueError)
    assert ended[0] == "bad input: the FEN has 11 ranks"
    services.runner.submit(lambda ctx: 42, "after", on_result=results.append)
    qtbot.waitUntil(lambda: results == [42], timeout=5000)


def test_latest_job_drops_the_news_of_the_job_it_replaced(services, qtbot):
    from widgets.jobs import LatestJob

    jobs = LatestJob(services.runner, "latest")
    seen = []

    def slow(ctx):
        for _ in range(200):
            ctx.check()
            time.sleep(0.005)
        return "first"

    jobs.start(slow, on_result=seen.append, on_cancelled=lambda: seen.append("first cancelled"))
    jobs.start(lambda ctx: "second", on_result=lambda result: seen.append((result, jobs.busy)))
    qtbot.waitUntil(lambda: not jobs.busy, timeout=5000)
    qtbot.waitUntil(lambda: not services.runner.running_jobs(), timeout=5000)  # the replaced job has ended too
    assert seen == [("second", False)]  # and its cancellation was dropped

    jobs.start(slow, on_result=seen.append, on_cancelled=lambda: seen.append("stopped"))
    jobs.cancel()  # the job stays the latest: its cancellation is news
    qtbot.waitUntil(lambda: not jobs.busy, timeout=5000)
    assert seen[-1] == "stopped"

    handle = jobs.start(slow, on_result=seen.append, on_cancelled=lambda: seen.append("forgotten"))
    jobs.forget()  # nobody waits for it any more: it stops, and says nothing
    assert not jobs.busy
    qtbot.waitUntil(lambda: handle.state == "cancelled", timeout=5000)  # set as its callbacks are called
    assert seen[-1] == "stopped"


def test_a_cancelled_generation_ends_long_before_it_would_have_finished(services, qtbot, tiny_model_dir):
    model = ModelStore(bundled_dir=tiny_model_dir.parent).load(tiny_model_dir).model
    streamed, cancelled = [], []

    def job(ctx):
        model.generate(torch.tensor([[2]]), max_new_tokens=400, min_new_tokens=400, do_sample=True, pad_token_id=0,
                       stopping_criteria=cancel_criteria(ctx.cancel_token),
                       streamer=TokenCallbackStreamer(lambda ids: ctx.partial(ids)))
        return "finished"

    handle = services.runner.submit(job, "generate", on_partial=streamed.extend,
                                    on_cancelled=lambda: cancelled.append(time.monotonic()))
    qtbot.waitUntil(lambda: len(streamed) >= 5, timeout=10000)
    measured_from, tokens_before = time.monotonic(), len(streamed)
    qtbot.waitUntil(lambda: len(streamed) >= tokens_before + 20, timeout=10000)
    seconds_per_token = (time.monotonic() - measured_from) / (len(streamed) - tokens_before)  # on this machine, now
    start, tokens_left = time.monotonic(), 400 - len(streamed)
    handle.cancel()
    qtbot.waitUntil(lambda: bool(cancelled), timeout=10000)
    assert handle.state == "cancelled" and len(streamed) < 400
    # The stopping criterion is checked every token: the cancel lands in far less time than the rest would take.
    assert cancelled[0] - start < 0.5 * tokens_left * seconds_per_token


def test_gui_never_stalls_while_a_cpu_heavy_job_runs(services, qtbot):
    gaps = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.elapsed()]

    def tick():
        now = clock.elapsed()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    last[0] = idle_from = clock.elapsed()
    timer.start()
    qtbot.waitUntil(lambda: len(gaps) >= 30, timeout=10000)  # the baseline: ticks with no job, on this machine, now
    idle_ticks_per_s = len(gaps) / ((clock.elapsed() - idle_from) / 1000)
    timer.stop()
    gaps.clear()
    done = []

    def heavy(ctx):
        end = time.monotonic() + 1.5
        a = torch.randn(256, 256)
        total = 0
        while time.monotonic() < end:
            ctx.check()
            a = torch.tanh(a @ a)  # releases the GIL
            total += sum(i * i for i in range(20_000))  # holds it
        return total

    timer.start()
    last[0] = started = clock.elapsed()
    services.runner.submit(heavy, "heavy", on_result=done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=10000)
    timer.stop()
    job_ms = clock.elapsed() - started
    assert len(gaps) / (job_ms / 1000) > idle_ticks_per_s / 3, "the GUI ticked far less often than when idle"
    assert max(gaps) < job_ms / 10, f"the GUI froze for {max(gaps)} ms of the job's {job_ms} ms"


FIRST_JOBS_AT_ONCE = r"""
import os, sys
import torch
torch.set_num_threads(1)
from PySide6.QtCore import QCoreApplication
from widgets.jobs import JobRunner
from engine.runtime.store import ModelStore

def couplet(ctx):
    from engine.couplet.writer import CoupletWriter
    return CoupletWriter.from_store(ModelStore(), "couplet").write("春风得意", 2)[0].lower

def math(ctx):
    from engine.mathwp.solver import MathSolver
    return MathSolver(ModelStore()).solve("学校把135本练习本平均分给3个班，每班多少本？").answer

def xiangqi(ctx):
    from engine.xiangqi.board import Board
    from engine.xiangqi.gpt import GptPlayer
    return GptPlayer(store=ModelStore()).choose_move(Board())

app = QCoreApplication(sys.argv)
runner = JobRunner(max_workers=3)
outcomes = []
for job in (couplet, math, xiangqi):
    runner.submit(job, job.__name__, on_result=lambda r: outcomes.append("ok"),
                  on_error=lambda e: outcomes.append(f"{type(e).__name__}: {e}"))
while len(outcomes) < 3:
    app.processEvents()
print(outcomes)
sys.exit(0 if outcomes == ["ok"] * 3 else 1)
"""


def test_three_first_jobs_at_once_import_their_libraries_safely(tmp_path):
    """Three tabs' first jobs in a fresh process: each imports transformers' pieces while
    another loads a model. Without ``import_model_libraries`` one of them got a half-imported
    module ("cannot import name 'LogitsProcessor' from 'transformers'")."""
    import subprocess
    import sys

    script = tmp_path / "first_jobs.py"
    script.write_text(FIRST_JOBS_AT_ONCE, encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(Path(__file__).parents[1])}
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=240, env=env)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
