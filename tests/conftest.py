"""Test setup: offscreen Qt, settings and user data in temporary folders, tiny models."""

from __future__ import annotations

import gc
import os
import tempfile
from pathlib import Path

_SANDBOX = tempfile.mkdtemp(prefix="wenqi-tests-")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["WENQI_DATA_DIR"] = os.path.join(_SANDBOX, "data")
os.environ["XDG_CONFIG_HOME"] = os.path.join(_SANDBOX, "config")  # QSettings on Linux
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import torch  # noqa: E402 - before PySide6, as the app does on Windows (app.main.import_torch_first_on_windows)

import pytest  # noqa: E402


@pytest.fixture
def artifacts() -> Path:
    """The folder where tests leave screenshots for people to look at: $WENQI_TEST_ARTIFACTS,
    else tests/_artifacts."""
    folder = Path(os.environ.get("WENQI_TEST_ARTIFACTS", Path(__file__).parent / "_artifacts"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def one_thread():
    """Torch on one thread: generation on two threads of a busy two-core machine crawls
    (the app itself leaves a core to the UI)."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


@pytest.fixture
def settings(tmp_path):
    from PySide6.QtCore import QSettings

    from widgets.settings import Settings

    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def services(qapp, settings):
    from widgets.services import AppServices
    from engine.runtime.store import import_model_libraries

    import_model_libraries()  # once, here: a job's timeout then measures the job, not this import
    services = AppServices(settings)
    yield services
    services.runner.cancel_all()
    services.runner.wait_idle(5000)


def make_tiny_gpt2(folder, vocab_words=("a", "b", "c", "d", "e"), n_positions=512):
    """Save a random 2-layer GPT-2 with a word-level tokenizer, as a bundled model would be."""
    from tokenizers import Tokenizer, models, pre_tokenizers
    from transformers import GPT2Config, GPT2LMHeadModel, PreTrainedTokenizerFast

    vocab = {"[PAD]": 0, "[UNK]": 1, "[BOS]": 2, "[EOS]": 3}
    for word in vocab_words:
        vocab.setdefault(word, len(vocab))
    backend = Tokenizer(models.WordLevel(vocab=vocab, unk_token="[UNK]"))
    backend.pre_tokenizer = pre_tokenizers.WhitespaceSplit()
    tokenizer = PreTrainedTokenizerFast(tokenizer_object=backend, pad_token="[PAD]", unk_token="[UNK]",
                                        bos_token="[BOS]", eos_token="[EOS]")
    torch.manual_seed(0)
    config = GPT2Config(vocab_size=len(vocab), n_positions=n_positions, n_embd=32, n_layer=2, n_head=2,
                        bos_token_id=2, eos_token_id=3, pad_token_id=0)
    model = GPT2LMHeadModel(config)
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory):
    return make_tiny_gpt2(tmp_path_factory.mktemp("models") / "tiny-gpt2")


@pytest.fixture
def xiangqi_tab(qtbot, services):
    """A factory of shown Xiangqi tabs with no computer opponent: ``xiangqi_tab(depth=2)`` also
    limits the engine's evaluation and review to that depth (fast, the same on any machine)."""
    from widgets.xiangqi_tab import XiangqiTab

    tabs = []

    def make(depth: int | None = None) -> XiangqiTab:
        services.settings.set_value("xiangqi/opponent", "human")
        widget = XiangqiTab(services)
        if depth is not None:
            widget.evaluator.limits = widget.reviewer.limits = {"depth": depth}
        qtbot.addWidget(widget)
        widget.resize(960, 680)
        widget.show()
        qtbot.waitExposed(widget)
        tabs.append(widget)
        return widget

    yield make
    for widget in tabs:
        widget.shutdown()
    services.runner.wait_idle(5000)


@pytest.fixture(autouse=True)
def collect_garbage_on_the_main_thread():
    """After each test, Python's cyclic garbage is collected here, on the main thread. Left to
    chance, a collection can start in a job's worker thread and free a Qt object of an earlier
    test there: CI once crashed that way (a segfault while a worker loaded a model in
    test_attention_tab, its stack "Garbage-collecting"). The app does the same with
    widgets/garbage.py's collector, which the tests do not run (its own test does)."""
    yield
    gc.collect()
