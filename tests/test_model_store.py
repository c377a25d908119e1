import shutil

import pytest
import torch

from engine.runtime.jobs import Cancelled, CancelToken
from engine.runtime.store import ModelError, ModelStore


def test_load_by_path_reports_progress_and_caches(tiny_model_dir):
    store = ModelStore(bundled_dir=tiny_model_dir.parent)
    seen = []
    loaded = store.load(tiny_model_dir, on_progress=lambda f, m: seen.append(f))
    assert loaded.model.config.n_layer == 2
    assert loaded.tokenizer("a b c")["input_ids"] == [4, 5, 6]
    assert seen[-1] == 1.0 and seen == sorted(seen)
    assert store.load(tiny_model_dir) is loaded  # cached


def test_load_by_name_prefers_user_folders(tiny_model_dir, tmp_path):
    user_root = tmp_path / "user"
    shutil.copytree(tiny_model_dir, user_root / tiny_model_dir.name)
    store = ModelStore(extra_dirs=[user_root], bundled_dir=tiny_model_dir.parent)
    loaded = store.load(tiny_model_dir.name)
    assert loaded.source.startswith(str(user_root.resolve()))
    names = [(m.name, m.bundled) for m in store.discover()]
    assert (tiny_model_dir.name, False) in names and (tiny_model_dir.name, True) in names


def test_generation_works_after_loading(tiny_model_dir):
    loaded = ModelStore(bundled_dir=tiny_model_dir.parent).load(tiny_model_dir)
    out = loaded.model.generate(torch.tensor([[2, 4]]), max_new_tokens=3, do_sample=False, pad_token_id=0)
    assert out.shape == (1, 5)


def test_corrupt_weights_give_a_clear_error(tiny_model_dir, tmp_path):
    broken = tmp_path / "broken"
    shutil.copytree(tiny_model_dir, broken)
    weights = broken / "model.safetensors"
    weights.write_bytes(weights.read_bytes()[:100])
    with pytest.raises(ModelError, match="cannot be loaded"):
        ModelStore(bundled_dir=tmp_path).load(broken)


def test_missing_config_and_pickle_weights_are_refused(tiny_model_dir, tmp_path):
    no_config = tmp_path / "no-config"
    shutil.copytree(tiny_model_dir, no_config)
    (no_config / "config.json").unlink()
    with pytest.raises(ModelError, match="config.json is missing"):
        ModelStore().load(no_config)

    pickled = tmp_path / "pickled"
    shutil.copytree(tiny_model_dir, pickled)
    (pickled / "model.safetensors").rename(pickled / "pytorch_model.bin")
    with pytest.raises(ModelError, match="pickle"):
        ModelStore().load(pickled)

    garbled = tmp_path / "garbled"
    shutil.copytree(tiny_model_dir, garbled)
    (garbled / "config.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ModelError, match="damaged"):
        ModelStore().load(garbled)


def test_unknown_name_and_hub_id_without_download(tmp_path):
    store = ModelStore(bundled_dir=tmp_path)
    with pytest.raises(ModelError, match="No model named 'nothing-here'"):
        store.load("nothing-here")
    with pytest.raises(ModelError, match="Turn on downloads"):
        store.load("someone/some-model")
    with pytest.raises(ModelError, match="No model was named"):
        store.load("  ")


def test_discover_skips_broken_folders(tiny_model_dir, tmp_path):
    root = tmp_path / "root"
    shutil.copytree(tiny_model_dir, root / "good")
    (root / "empty").mkdir()
    assert [m.name for m in ModelStore(bundled_dir=root).discover()] == ["good"]


def test_cancel_during_load(tiny_model_dir, tmp_path):
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        ModelStore(bundled_dir=tmp_path).load(tiny_model_dir, cancel=token)


def test_stores_in_several_threads_load_at_once_without_breaking(tiny_model_dir):
    """The xiangqi opponent and its evaluation bar each load the GPT with their own store."""
    import threading

    errors, models = [], []

    def load():
        try:
            models.append(ModelStore().load(tiny_model_dir).model)
        except Exception as exc:  # noqa: BLE001 - the test reports whatever a racing load raised
            errors.append(repr(exc))

    for _ in range(4):
        threads = [threading.Thread(target=load) for _ in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert not errors and len(models) == 12
    assert all(not p.is_meta for model in models for p in model.parameters())


def test_loading_prints_no_progress_bars(tiny_model_dir):
    """transformers draws a "Loading weights" bar on stderr per load unless told not to; a fresh
    interpreter (the setting is process-wide) loads through the store and the couplet writer,
    whose labeller loads outside the store."""
    import subprocess
    import sys
    from pathlib import Path

    code = (
        "from engine.runtime.store import ModelStore\n"
        "from engine.couplet.writer import CoupletWriter\n"
        f"ModelStore().load({str(tiny_model_dir)!r})\n"
        "CoupletWriter.from_store(ModelStore(), 'couplet')\n"
        "from transformers import AutoModelForCausalLM\n"
        f"AutoModelForCausalLM.from_pretrained({str(tiny_model_dir)!r})\n"
    )
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr
    assert "Loading weights" not in done.stderr and "it/s]" not in done.stderr, done.stderr
