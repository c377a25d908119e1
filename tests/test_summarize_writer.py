"""The headline writer with tiny random models: keep levels, sequences, what it may write,
save → load through ModelStore, and train-writer end to end (the tagger's pass cached)."""

from __future__ import annotations

import json

import numpy as np
import pytest
import torch

from engine.cli import main as cli_main
from engine.runtime.store import ModelStore
from engine.summarize.compressor import Compressor, headline_window, written_piece
from engine.summarize.data import Pair
from engine.summarize.summarizer import Summarizer
from engine.summarize.writer import (
    EOS,
    GLUE,
    SEP,
    HeadlineGptForCausalLM,
    HeadlineWriter,
    NoRepeatInHeadline,
    Written,
    keep_levels,
    writer_tokenizer,
)
from engine.summarize.writer_train import Sequences, build_sequences, cached_sequences, collate, new_model, noisy_keeps
from engine.training import IGNORE_INDEX
from tests.test_summarize_model import REPORT, SAMPLE, save_tiny_tagger

pytestmark = pytest.mark.usefixtures("one_thread")


@pytest.fixture(scope="module")
def model_root(tmp_path_factory):
    return save_tiny_tagger(tmp_path_factory.mktemp("writer-models"))


@pytest.fixture(scope="module")
def tagger(model_root):
    return Compressor(ModelStore(extra_dirs=[model_root]).load("summarize"))


@pytest.fixture(scope="module")
def writer_root(model_root, tagger):
    """A random tiny writer saved as ``summarize-writer`` beside the tagger."""
    tokenizer = writer_tokenizer(tagger.tokenizer)
    torch.manual_seed(0)
    new_model("tiny", tokenizer, tagger).save_pretrained(model_root / "summarize-writer")
    tokenizer.save_pretrained(model_root / "summarize-writer")
    return model_root


def test_keep_levels_follow_the_keep_probability():
    keep = np.array([0.0, 0.04, 0.55, 0.999, 1.0])
    log_probs = np.log(np.stack([1 - keep + 1e-12, keep / 2 + 1e-12, keep / 2 + 1e-12], axis=1))
    levels = keep_levels(log_probs)
    assert levels.tolist() == [1, 1, 6, 10, 10]


def test_writer_tokenizer_keeps_the_tagger_ids(tagger):
    tokenizer = writer_tokenizer(tagger.tokenizer)
    assert {k: v for k, v in tokenizer.get_vocab().items() if k not in (SEP, EOS)} == tagger.tokenizer.get_vocab()
    assert tokenizer.eos_token == EOS and tokenizer.sep_token == SEP


def test_a_sequence_is_window_sep_summary_eos_with_the_loss_on_the_summary(tagger):
    tokenizer = writer_tokenizer(tagger.tokenizer)
    data = build_sequences([Pair(SAMPLE, "本市 新建十座公园"), Pair("", "空"), Pair(SAMPLE, "长" * 41)], tagger, tokenizer)
    assert len(data) == 1  # no window, or a summary over MAX_HEADLINE: no sequence
    ids, keeps, labels = data.row(0)
    window = headline_window(SAMPLE).text
    tokens = tokenizer.convert_ids_to_tokens(ids.tolist())
    assert "".join(tokens[:len(window)]) == window and tokens[len(window)] == SEP
    assert "".join(tokens[len(window) + 1:]) == "本市 新建十座公园" + EOS
    assert (keeps[:len(window)] >= 1).all() and (keeps[len(window):] == 0).all()
    assert (labels[:len(window) + 1] == IGNORE_INDEX).all() and (labels[len(window) + 1:] == ids[len(window) + 1:]).all()
    batch = collate(data, [0, 0], tokenizer.pad_token_id)
    assert batch["input_ids"].shape == batch["keep_ids"].shape == (2, len(ids))


def test_cached_sequences_are_reused_only_for_the_same_inputs(tagger, tmp_path, monkeypatch):
    tokenizer = writer_tokenizer(tagger.tokenizer)
    pairs = [Pair(SAMPLE, "新建公园"), Pair(REPORT, "政府工作报告")]
    data = cached_sequences(tmp_path / "s.npz", pairs, tagger, tokenizer, "one")
    again = Sequences.load(tmp_path / "s.npz")
    assert len(again) == 2 and all((a == b).all() for a, b in zip(again.row(1), data.row(1)))
    assert len(cached_sequences(tmp_path / "s.npz", pairs[:1], tagger, tokenizer, "one")) == 2  # read back
    assert len(cached_sequences(tmp_path / "s.npz", pairs[:1], tagger, tokenizer, "two")) == 1  # built anew


def test_noisy_keeps_hide_rows_and_move_levels_one_step_within_the_window():
    keeps = torch.tensor([[1, 5, 10, 0, 0]] * 400)
    noisy = noisy_keeps(keeps, dropout=0.25, jitter=0.5, rng=torch.Generator().manual_seed(0))
    hidden = (noisy == 0).all(dim=1)
    assert 0.15 < hidden.float().mean() < 0.35
    shown = noisy[~hidden]
    assert (shown[:, 3:] == 0).all() and (shown[:, :3] >= 1).all() and (shown[:, :3] <= 10).all()
    assert ((shown[:, :3] - keeps[~hidden][:, :3]).abs() <= 1).all() and (shown[:, 1] != 5).any()
    assert torch.equal(noisy_keeps(keeps, 0.0, 0.0, torch.Generator()), keeps)


def test_the_keep_levels_change_what_the_model_computes(writer_root):
    model = ModelStore(extra_dirs=[writer_root]).load("summarize-writer").model
    with torch.no_grad():
        model.keep_embedding.weight[1:].normal_()  # level 0 (padding_idx) stays the zero vector
    ids = torch.tensor([[5, 6, 7]])
    low = model(input_ids=ids, keep_ids=torch.tensor([[1, 1, 0]])).logits
    high = model(input_ids=ids, keep_ids=torch.tensor([[10, 10, 0]])).logits
    assert not torch.allclose(low, high)
    assert torch.allclose(model(input_ids=ids).logits, model(input_ids=ids, keep_ids=torch.zeros_like(ids)).logits)


def test_decoding_with_the_cache_reads_the_keep_levels_of_the_prompt_only(writer_root):
    model = ModelStore(extra_dirs=[writer_root]).load("summarize-writer").model
    with torch.no_grad():
        model.keep_embedding.weight[1:].normal_()
        ids = torch.tensor([[5, 6, 7, 8, 9]])
        keeps = torch.tensor([[3, 9, 4]])  # the prompt is the first three tokens
        whole = model(input_ids=ids, keep_ids=keeps).logits[0, -1]
        first = model(input_ids=ids[:, :3], keep_ids=keeps, use_cache=True)
        second = model(input_ids=ids[:, 3:4], keep_ids=keeps, cache=first.cache, use_cache=True)
        third = model(input_ids=ids[:, 4:], keep_ids=keeps, cache=second.cache, use_cache=True)
    assert torch.allclose(third.logits[0, -1], whole, atol=1e-5)


def test_no_trigram_is_written_twice_but_the_window_may_be_copied():
    processor = NoRepeatInHeadline(width=4)
    ids = torch.tensor([[7, 8, 9, 5, 7, 8, 9, 7, 8]])  # the window (7 8 9 5) copied, then 7 8 9 7 8 written
    scores = processor(ids, torch.zeros(1, 12))
    assert scores[0, 9] == -torch.inf and torch.isfinite(scores[0, [5, 7, 8]]).all()


def test_the_writer_writes_only_window_characters_and_glue(writer_root, tagger):
    writer = HeadlineWriter(ModelStore(extra_dirs=[writer_root]).load("summarize-writer"), beams=2)
    assert isinstance(writer.model, HeadlineGptForCausalLM)
    windows = [headline_window(SAMPLE), headline_window(REPORT)]
    lines = writer.write(windows, tagger.log_probs([w.text for w in windows]))
    assert len(lines) == 2
    for window, line in zip(windows, lines):
        assert line.text and set(line.text) <= set(window.text) | GLUE, line
        assert line.log_prob < 0


def test_an_unsure_writer_leaves_the_headline_to_the_tagger(writer_root, tagger):
    loaded = ModelStore(extra_dirs=[writer_root]).load("summarize-writer")
    window = headline_window(SAMPLE)
    written = HeadlineWriter(loaded, beams=2).write([window], tagger.log_probs([window.text]))[0]
    sure, unsure = (HeadlineWriter(loaded, beams=2, min_log_prob=written.log_prob + d) for d in (-0.01, 0.01))
    assert sure.trusted(written) and not unsure.trusted(written)
    loaded_tagger = ModelStore(extra_dirs=[writer_root]).load("summarize")
    assert Compressor(loaded_tagger, writer=unsure).headline(SAMPLE) == tagger.headline(SAMPLE)


def test_train_writer_end_to_end(model_root, tmp_path, capsys):
    data = tmp_path / "train.jsonl"
    valid = tmp_path / "valid.jsonl"
    rows = [{"text": SAMPLE, "summary": "本市新建十座公园"}, {"text": REPORT, "summary": "政府工作报告回顾过去一年"}]
    data.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows * 3), encoding="utf-8")
    valid.write_text(json.dumps(rows[0], ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "run"
    args = ["summarize", "train-writer", "--data", str(data), "--valid", str(valid), "--tagger",
            str(model_root / "summarize"), "--size", "tiny", "--out", str(out), "--max-steps", "3",
            "--eval-every", "2", "--batch-tokens", "512", "--warmup", "1", "--threads", "1",
            "--export", str(tmp_path / "model")]
    assert cli_main(args) == 0
    assert (out / "examples.npz").is_file() and (tmp_path / "model" / "config.json").is_file()
    loaded = ModelStore().load(str(tmp_path / "model"))
    assert isinstance(loaded.model, HeadlineGptForCausalLM)
    assert cli_main(args) in (0, 1)  # a finished run resumes from its checkpoint and its cached sequences


def test_a_written_headline_is_the_short_summary_and_its_copied_runs_are_highlighted(writer_root):
    summarizer = Summarizer(ModelStore(extra_dirs=[writer_root]), writer="summarize-writer")
    summary = summarizer.summarize(SAMPLE, "short", "model")
    assert summary.mode == "model" and summary.text and not summary.fallback
    assert all(SAMPLE[a:b] in summary.text for a, b in summary.kept)


def test_a_written_headline_that_copies_almost_nothing_gives_way_to_the_tagger(writer_root, monkeypatch):
    summarizer = Summarizer(ModelStore(extra_dirs=[writer_root]), writer="summarize-writer")
    compressor = summarizer.compressor()
    monkeypatch.setattr(compressor.writer, "write", lambda windows, log_probs, cancel=None: [Written("的了在将与和", -0.1)])
    window = headline_window(SAMPLE)
    expected = compressor.decode(window, compressor.log_probs([window.text])[0])
    assert compressor.headline(SAMPLE) == expected


def test_written_piece_spans_the_copied_runs():
    window = headline_window(SAMPLE)
    piece = written_piece(window, "本市将新建十座公园的")
    assert [SAMPLE[a:b] for a, b in piece.spans] == ["本市", "将新建十座公园"]


def test_evaluate_scores_the_writer(writer_root, tmp_path):
    """With the bundled tagger and the tiny writer (a folder works as a model name)."""
    test = tmp_path / "test.jsonl"
    test.write_text(json.dumps({"text": SAMPLE, "summary": "本市新建十座公园"}, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "m.json"
    assert cli_main(["summarize", "evaluate", "--test", str(test), "--mode", "model", "--threads", "1",
                     "--writer", str(writer_root / "summarize-writer"), "--json", str(out)]) == 0
    assert json.loads(out.read_text())["n"] == 1
