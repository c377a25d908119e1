"""The abstractive path with a tiny random model: loading, decoding constraints, streaming,
cancel, long input, fallback, and a one-minute train → export → load → evaluate run."""

from __future__ import annotations

import json
import time

import pytest
import torch
from transformers import BartForConditionalGeneration

from engine.cli import main as cli_main
from engine.runtime.jobs import Cancelled, CancelToken, JobContext
from engine.runtime.store import ModelError, ModelStore
from engine.summarize.abstractive import NO_REPEAT_NGRAM, AbstractiveGenerator, fit_to_window
from engine.summarize.gsg import gap_sentence_pairs
from engine.summarize.model import MASK, SOURCE_CHARS, build_tokenizer, model_config, target_length_class
from engine.summarize.summarizer import Summarizer

SAMPLE = (
    "本市今年将新建十座公园，总面积超过三百公顷。新建公园主要分布在城市东部和南部的居民区附近。"
    "市园林局表示，公园建成后，市民步行十五分钟即可到达一座公园。据介绍，建设资金已经全部落实。"
    "此外，本市还将改造二十座老旧公园，增加儿童游乐和健身设施。专家指出，公园建设应当兼顾生态保护。"
)


@pytest.fixture(autouse=True, scope="module")
def one_thread():
    """As EVAL.md measures speed; several threads crawl on a CPU that is busy with training."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


def save_tiny_summarizer(root):
    """Save a random tiny summarizer named "summarize" in ``root`` (a model folder root)."""
    tokenizer = build_tokenizer([SAMPLE], min_count=1)
    torch.manual_seed(0)
    BartForConditionalGeneration(model_config("tiny", tokenizer)).save_pretrained(root / "summarize")
    tokenizer.save_pretrained(root / "summarize")
    return root


@pytest.fixture(scope="module")
def model_root(tmp_path_factory):
    return save_tiny_summarizer(tmp_path_factory.mktemp("summ-models"))


@pytest.fixture(scope="module")
def generator(model_root):
    return AbstractiveGenerator(ModelStore(extra_dirs=[model_root]).load("summarize"))


def repeated_ngrams(text: str, n: int) -> list[str]:
    grams = [text[i:i + n] for i in range(len(text) - n + 1)]
    return sorted({g for g in grams if grams.count(g) > 1})


def test_tokenizer_round_trip_and_special_tokens(generator):
    tokenizer = generator.tokenizer
    ids = tokenizer("新建公园 \n 公园", add_special_tokens=False)["input_ids"]
    assert tokenizer.decode(ids) == "新建公园 公园"
    assert tokenizer(MASK, add_special_tokens=False)["input_ids"] == [tokenizer.mask_token_id]


@pytest.mark.parametrize("beams", [1, 3])
def test_no_repeated_ngrams_in_long_outputs(generator, beams):
    outputs = generator.generate([SAMPLE, SAMPLE[:40], SAMPLE[60:]], "long", beams=beams)
    for text in outputs:
        assert len(text) >= 30
        assert repeated_ngrams(text, NO_REPEAT_NGRAM) == []


def test_streaming_gives_the_greedy_summary_piece_by_piece(generator):
    pieces: list[str] = []
    streamed = generator.generate([SAMPLE], "short", on_text=pieces.append)[0]
    assert len(pieces) > 3
    assert "".join(pieces).strip() == streamed == generator.generate([SAMPLE], "short", beams=1)[0]
    with pytest.raises(ValueError, match="one text"):
        generator.generate([SAMPLE, SAMPLE], "short", on_text=pieces.append)


def test_cancel_before_and_during_generation(generator):
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        generator.generate([SAMPLE], "long", cancel=token)
    token = CancelToken()
    seen: list[str] = []

    def cancel_after_two(piece: str) -> None:
        seen.append(piece)
        if len(seen) == 2:
            token.cancel()

    with pytest.raises(Cancelled):
        generator.generate([SAMPLE], "long", on_text=cancel_after_two, cancel=token)
    assert len(seen) <= 3


def test_a_model_of_another_kind_is_refused(tiny_model_dir):
    with pytest.raises(ModelError, match="not a Wenqi summarization model"):
        AbstractiveGenerator(ModelStore().load(tiny_model_dir))


def test_long_input_is_extracted_to_the_window_then_summarized_within_seconds(model_root):
    text = SAMPLE * 146  # about 20,000 characters
    assert len(text) > 19_000
    window, sentences = fit_to_window(text)
    assert len(window) <= SOURCE_CHARS + 60 and window in text or len(sentences) > 1
    summarizer = Summarizer(ModelStore(extra_dirs=[model_root]))
    summarizer.summarize(SAMPLE, "short", "abstractive")  # load once; loading is not the point here
    start = time.perf_counter()
    summary = summarizer.summarize(text, "medium", "abstractive")
    assert time.perf_counter() - start < 10.0
    assert summary.mode == "abstractive" and summary.text
    assert "key sentences" in summary.note
    for sentence in summary.sources:
        assert text[sentence.start:sentence.end] == sentence.text


def test_summarizer_streams_partials_and_cancels(model_root):
    summarizer = Summarizer(ModelStore(extra_dirs=[model_root]), beams=1)
    pieces: list[str] = []
    summary = summarizer.summarize(SAMPLE, "short", "auto", JobContext(on_partial=pieces.append), stream=True)
    assert summary.mode == "abstractive" and "".join(pieces).strip() == summary.text
    ctx = JobContext()
    ctx.on_partial = lambda piece: ctx.cancel_token.cancel()
    with pytest.raises(Cancelled):
        summarizer.summarize(SAMPLE, "long", "abstractive", ctx, stream=True)


def test_without_a_model_abstractive_falls_back_and_says_so(tmp_path):
    summarizer = Summarizer(ModelStore(extra_dirs=[tmp_path], bundled_dir=tmp_path / "none"))
    assert not summarizer.abstractive_available()
    for mode in ("auto", "abstractive"):
        summary = summarizer.summarize(SAMPLE, "short", mode)
        assert summary.mode == "extractive" and "No abstractive model could be used" in summary.note
        assert "No model named 'summarize'" in summary.note
    assert summarizer.summarize(SAMPLE, "short", "extractive").note == ""
    with pytest.raises(ValueError, match="unknown mode"):
        summarizer.summarize(SAMPLE, "short", "poetic")


def test_a_damaged_model_falls_back_with_the_reason(tmp_path):
    (tmp_path / "summarize").mkdir()
    (tmp_path / "summarize" / "config.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "summarize" / "model.safetensors").write_bytes(b"garbage")
    summary = Summarizer(ModelStore(extra_dirs=[tmp_path])).summarize(SAMPLE, "short", "abstractive")
    assert summary.mode == "extractive"
    assert "No abstractive model could be used" in summary.note and "damaged" in summary.note


def test_gap_sentence_pairs_mask_the_most_central_sentences():
    pairs = list(gap_sentence_pairs(SAMPLE * 3))
    assert pairs and all(MASK in p.text for p in pairs)
    for pair in pairs:
        assert len(pair.text.replace(MASK, "")) <= SOURCE_CHARS
        assert pair.summary and MASK not in pair.summary
    assert target_length_class(20) == "short" and target_length_class(60) == "medium"
    assert target_length_class(200) == "long"


def test_pretrain_finetune_export_load_evaluate(tmp_path):
    documents = tmp_path / "docs.jsonl"
    pairs = tmp_path / "pairs.jsonl"
    documents.write_text(json.dumps({"text": SAMPLE * 4}, ensure_ascii=False) + "\n", encoding="utf-8")
    lines = [json.dumps({"text": SAMPLE[i:] + SAMPLE[:i], "summary": SAMPLE[i:i + 12]}, ensure_ascii=False)
             for i in range(0, 120, 10)]
    pairs.write_text("\n".join(lines) + "\n", encoding="utf-8")
    valid = tmp_path / "valid.jsonl"
    valid.write_text(json.dumps({"text": SAMPLE[5:], "summary": SAMPLE[5:17]}, ensure_ascii=False) + "\n",
                     encoding="utf-8")
    common = ["--size", "tiny", "--max-steps", "3", "--batch-tokens", "2048", "--eval-every", "3",
              "--precision", "fp32", "--device", "cpu", "--warmup", "1"]
    assert cli_main(["summarize", "train", "--out", str(tmp_path / "pre"), "--documents", str(documents),
                     "--exclude", str(pairs), *common]) == 0
    assert cli_main(["summarize", "train", "--out", str(tmp_path / "ft"), "--init", str(tmp_path / "pre" / "best"),
                     "--data", str(pairs), "--valid", str(valid), "--export", str(tmp_path / "model"), *common]) == 0
    exported = BartForConditionalGeneration.from_pretrained(tmp_path / "model")
    assert exported.dtype == torch.float16
    out = tmp_path / "metrics.json"
    assert cli_main(["summarize", "evaluate", "--test", str(pairs), "--mode", "abstractive", "--device", "cpu",
                     "--model", str(tmp_path / "model"), "--beams", "2", "--json", str(out)]) == 0
    metrics = json.loads(out.read_text(encoding="utf-8"))
    assert metrics["n"] == len(lines) and {"rouge1", "rouge2", "rougeL"} <= set(metrics)
