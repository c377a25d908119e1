"""``wenqi --self-test``: prove that this installation works, offscreen and offline.

It starts Wenqi as a user would (fonts, translations, icon, the main window with every tab),
then, as ``wenqi`` does once its window shows, imports torch and transformers on a background
thread while a job asks the xiangqi GPT for its first move (the job waits for that import), and
checks the status bar then names the device. It loads every bundled model through the model
store and generates a token or two with each on a worker thread (as tabs do), then runs each
tab's own check. It prints one line per check and a summary — launch to window (``window_s``),
the first GPT move in seconds after the window (``first_move_s``), launch to the first model
result (``first_result_s``) — optionally writes them as JSON, and returns 0 when every check
passed, else 1. Installers and the release workflow run it right after installing (build/).

A tab takes part by giving its class a static (or class) method::

    class CoupletTab(QWidget):
        @staticmethod
        def self_test(services: AppServices) -> str:
            writer = CoupletWriter(services.store.load("couplet", services.device.device,
                                                      services.device.dtype))
            best = writer.write("春风得意", n=1)[0]
            return f"春风得意 → {best.text}"

The hook runs on the GUI thread with the QApplication and the main window alive, after the
bundled models were loaded (``services.store`` has them cached). It does one small piece of
real work through ``engine`` in a few seconds, needs no network and no display, returns a
one-line summary, and raises any exception to fail. A tab without the hook is listed as
"constructed only" and does not fail the test.
"""

from __future__ import annotations

import importlib
import json
import logging
import os
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from engine.runtime.store import ModelError
from engine.xiangqi.names import MODEL_NAME as XIANGQI_GPT

log = logging.getLogger(__name__)

MODEL_TIMEOUT_S = 300


@dataclass
class Check:
    name: str
    status: str  # "ok", "fail" or "skip"
    seconds: float
    detail: str
    at: float  # when the check ended, in seconds on the SelfTest clock (from launch where known)


def process_age() -> float | None:
    """Seconds since this process started (Linux), so timings count from the launch itself."""
    try:
        fields = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
        started = int(fields[19]) / os.sysconf("SC_CLK_TCK")  # field 22: start time in clock ticks
        uptime = float(Path("/proc/uptime").read_text().split()[0])
    except (OSError, ValueError, IndexError, AttributeError):
        return None
    return max(0.0, uptime - started)


class SelfTest:
    def __init__(self) -> None:
        age = process_age()
        self.clock = "process start" if age is not None else "self-test start"
        self.started = time.perf_counter() - (age or 0.0)
        self.checks: list[Check] = []
        self.window_s: float | None = None
        self.first_move_s: float | None = None  # the first GPT move, in seconds after the window
        self.first_result_s: float | None = None

    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    def run(self, name: str, check: Callable[[], str], result: bool = False) -> bool:
        """Run one check; ``result`` marks a check whose success is a model's answer."""
        begin = time.perf_counter()
        try:
            detail, status = check(), "ok"
        except Exception as exc:
            log.exception("self-test check %s failed", name)
            detail, status = f"{type(exc).__name__}: {exc}", "fail"
        self.record(Check(name, status, time.perf_counter() - begin, detail, self.elapsed()))
        if status == "ok" and result and self.first_result_s is None:
            self.first_result_s = self.elapsed()
        return status == "ok"

    def record(self, check: Check) -> None:
        self.checks.append(check)
        line = f"  {check.status:4}  {check.name:28} {check.seconds:6.2f}s  {check.detail}"
        print(line, flush=True)
        log.info("self-test: %s", line.strip())

    @property
    def passed(self) -> bool:
        return bool(self.checks) and all(c.status != "fail" for c in self.checks)

    def summary(self) -> str:
        failed = sum(c.status == "fail" for c in self.checks)
        skipped = sum(c.status == "skip" for c in self.checks)

        def seconds(value: float | None) -> str:
            return "-" if value is None else f"{value:.2f} s"

        return (f"{'PASSED' if self.passed else 'FAILED'}: {len(self.checks)} checks, {failed} failed, "
                f"{skipped} skipped; window after {seconds(self.window_s)}, first GPT move "
                f"{seconds(self.first_move_s)} after the window, first result after "
                f"{seconds(self.first_result_s)}, total {seconds(self.elapsed())} (from {self.clock})")

    def report(self) -> dict:
        return {"passed": self.passed, "clock": self.clock, "window_s": self.window_s,
                "first_move_s": self.first_move_s, "first_result_s": self.first_result_s,
                "total_s": self.elapsed(), "checks": [asdict(c) for c in self.checks]}


# -- checks -----------------------------------------------------------------------------
def check_resources(app) -> str:
    """Fonts, translations and the icon: what a trimmed Qt or a missing data file breaks."""
    from PySide6.QtCore import QTranslator
    from PySide6.QtGui import QIcon

    from engine.paths import resources_dir

    bundled_families = app.font().families()[1:]  # install_ui_font puts them after the UI font
    if not bundled_families:
        raise RuntimeError(f"no bundled font could be loaded from {resources_dir() / 'fonts'}")
    qm_files = sorted((resources_dir() / "i18n").glob("*.qm"))
    for qm in qm_files:
        if not QTranslator().load(str(qm)):
            raise RuntimeError(f"translation {qm.name} cannot be loaded")
    icon = QIcon(str(resources_dir() / "icons" / "wenqi.svg"))
    if icon.pixmap(64, 64).isNull():
        raise RuntimeError("the SVG icon does not render (Qt's svg plugins are missing)")
    return f"font {', '.join(bundled_families)}; {len(qm_files)} translation(s); SVG icon renders"


def tiny_generation(loaded) -> str:
    """Greedy-generate two tokens from the tokenizer's start token: proves weights + generate.
    A model that does not generate tokens (the math tree decoder) is only loaded here; its
    tab's own check solves with it."""
    import torch

    tokenizer, model = loaded.tokenizer, loaded.model
    params = sum(p.numel() for p in model.parameters()) / 1e6
    if not model.can_generate():
        return f"{type(model).__name__} {params:.1f}M params on {loaded.device}; loaded (its tab's check runs it)"
    start = next((t for t in (tokenizer.bos_token_id, tokenizer.eos_token_id, tokenizer.pad_token_id)
                  if t is not None), 0)
    inputs = torch.tensor([[start]], device=loaded.device)
    with torch.inference_mode():
        output = model.generate(inputs, attention_mask=torch.ones_like(inputs), max_new_tokens=2,
                                do_sample=False, pad_token_id=tokenizer.pad_token_id or start)
    new = output[0, -2:] if model.config.is_encoder_decoder else output[0, inputs.shape[1]:]
    if new.numel() == 0:
        raise RuntimeError("generate returned no token")
    text = tokenizer.decode(new, skip_special_tokens=False).strip()
    return f"{type(model).__name__} {params:.1f}M params on {loaded.device}; generated {text!r}"


def run_job(runner, fn, title: str, timeout_s: float = MODEL_TIMEOUT_S):
    """Run ``fn(ctx)`` as a job on the app's runner and wait for it with a local event loop."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    outcome: dict = {}

    def finish(key: str, value=None) -> None:
        outcome[key] = value
        loop.quit()

    handle = runner.submit(fn, title, on_result=lambda value: finish("result", value),
                           on_error=lambda exc: finish("error", exc),
                           on_cancelled=lambda: finish("error", RuntimeError("cancelled")))
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    timer.start(int(timeout_s * 1000))
    loop.exec()
    timer.stop()
    if "error" in outcome:
        raise outcome["error"]
    if "result" not in outcome:
        handle.cancel()
        raise TimeoutError(f"{title} took longer than {timeout_s:.0f} s")
    return outcome["result"]


def model_check(services, name: str) -> Callable[[], str]:
    def job(ctx) -> str:
        loaded = services.store.load(name, services.device.device, services.device.dtype,
                                     on_progress=ctx.progress, cancel=ctx.cancel_token)
        return tiny_generation(loaded)

    return lambda: run_job(services.runner, job, f"self-test {name}")


def first_gpt_move(services) -> str:
    """The xiangqi GPT's first move right after the window, made as the tab's GPT opponent makes
    it: in a job, which waits for torch and transformers (loading since the window showed)."""
    from engine.xiangqi import Board

    def job(ctx) -> str:
        from engine.xiangqi.levels import make_player

        board = Board()
        player = make_player("strongest", store=services.store, device=services.device.device)
        return board.chinese(player.choose_move(board, cancel=ctx.cancel_token))

    return f"GPT, strongest, at the start: {run_job(services.runner, job, 'self-test first GPT move')}"


def libraries_loaded(app, window, thread) -> str:
    """The background import of torch and transformers ended, and the status bar names the device."""
    import torch
    import transformers

    thread.join(MODEL_TIMEOUT_S)
    app.processEvents()  # delivers librariesLoaded to the window
    expected = window.device_text(window.services.device)
    if window.status.device_label.text() != expected:
        raise RuntimeError(f"the status bar says {window.status.device_label.text()!r}, not {expected!r}")
    return f"torch {torch.__version__}, transformers {transformers.__version__}; status bar: {expected}"


def tab_loaded_check(window, spec, cls) -> Callable[[], str]:
    def check() -> str:
        widget = window.findChild(cls, f"tab-{spec.key}")
        if widget is None:
            raise RuntimeError(f"the {spec.key} tab shows an error instead of {spec.class_name} (see the log)")
        return f"{spec.class_name} {widget.tab_title()!r}"

    return check


# -- main ---------------------------------------------------------------------------------
def how_installed(engine_file: str) -> str:
    """How this copy runs: a PyInstaller bundle, a package pip installed, or a source tree
    (an editable install runs from its source tree)."""
    if getattr(sys, "frozen", False):
        return "frozen"
    parts = Path(engine_file).parts
    return "installed" if "site-packages" in parts or "dist-packages" in parts else "source"


def run_self_test(argv: list[str], tabs=None, json_path: str | None = None) -> int:
    """Run every check, print a summary; ``tabs`` defaults to app.tabs.TABS."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # a caller may ask for xcb to test it
    test = SelfTest()

    import engine

    print(f"Wenqi {engine.__version__} self-test ({how_installed(engine.__file__)}, "
          f"Python {sys.version.split()[0]}, {sys.platform})", flush=True)
    state: dict = {}

    def start_app() -> str:
        from app.main import build_application

        state["app"], state["services"] = build_application(argv)
        torch_now = "torch imported first (Windows)" if "torch" in sys.modules else "torch not imported yet"
        return f"Qt platform {state['app'].platformName()}; {torch_now}"

    if test.run("app", start_app):
        app, services = state["app"], state["services"]
        test.run("resources", lambda: check_resources(app))
        _run_window_and_models(test, app, services, tabs)

    print(test.summary(), flush=True)
    log.info("self-test: %s", test.summary())
    if json_path:
        Path(json_path).write_text(json.dumps(test.report(), ensure_ascii=False, indent=2), encoding="utf-8")
    return 0 if test.passed else 1


def _run_window_and_models(test: SelfTest, app, services, tabs) -> None:
    from app.main_window import MainWindow
    from app.tabs import TABS

    tabs = TABS if tabs is None else tabs
    state: dict = {}
    classes: dict = {}  # tab key -> its class, for the tabs whose module imports

    def import_tab(spec) -> Callable[[], str]:
        def check() -> str:  # timed on its own: a slow import here delays the window
            classes[spec.key] = getattr(importlib.import_module(spec.module), spec.class_name)
            return f"{spec.module}.{spec.class_name}"

        return check

    for spec in tabs:
        test.run(f"tab {spec.key} imports", import_tab(spec))

    def open_window() -> str:
        window = state["window"] = MainWindow(services, tabs=tabs)
        window.show()
        app.processEvents()
        if window.grab().isNull():
            raise RuntimeError("the main window does not paint")
        return f"{window.tabs.count()} tab(s): {', '.join(window.task_tab_titles()) or 'welcome page only'}"

    if not test.run("window", open_window):
        return
    test.window_s = test.elapsed()
    libraries = services.load_libraries()  # as app.main does once the window shows
    window = state["window"]
    for spec in tabs:
        if spec.key in classes:
            test.run(f"tab {spec.key} loads", tab_loaded_check(window, spec, classes[spec.key]))

    try:
        services.store.resolve(XIANGQI_GPT)
    except ModelError as exc:
        test.record(Check("first GPT move", "skip", 0.0, str(exc), test.elapsed()))
    else:
        if test.run("first GPT move", lambda: first_gpt_move(services), result=True):
            test.first_move_s = test.checks[-1].at - test.window_s
    test.run("libraries", lambda: libraries_loaded(app, window, libraries))

    bundled = [info for info in services.store.discover() if info.bundled]
    if not bundled:
        test.record(Check("models", "skip", 0.0, "no bundled model found", test.elapsed()))
    for info in bundled:
        test.run(f"model {info.name}", model_check(services, info.name), result=True)

    for spec in tabs:
        if spec.key not in classes:
            continue
        name = f"tab {spec.key} self_test"
        hook = getattr(classes[spec.key], "self_test", None)
        if hook is None:
            test.record(Check(name, "skip", 0.0, "no self_test hook (constructed only)", test.elapsed()))
            continue
        test.run(name, lambda hook=hook: str(hook(services)), result=True)
    services.runner.cancel_all()  # whatever a tab started on its own
    services.runner.wait_idle(5000)
    app.processEvents()
    window.hide()  # not close(): that would save this offscreen window's geometry for the user
