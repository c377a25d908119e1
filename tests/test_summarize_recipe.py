"""The GPU recipe's three stages on a tiny copy of the data layout (CPU, a few seconds each)."""

from __future__ import annotations

import json
import lzma

import pytest
from test_summarize_abstractive import SAMPLE, one_thread  # noqa: F401 - autouse fixture

from engine.summarize.recipe import DOCUMENTS, PAIRS, TESTS, VALID, main


def write_layout(root):
    """Every file the recipe reads, with a few pairs each, in the formats of ../shared/data."""
    for number, name in enumerate(sorted(set(DOCUMENTS + PAIRS + VALID + TESTS))):
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        # different texts in every file: test texts are never trained on
        rows = [(SAMPLE[i:] + SAMPLE[:i], SAMPLE[i:i + 14]) for i in range(number, number + 60, 12)]
        with lzma.open(path, "wt", encoding="utf-8") as handle:
            for text, summary in rows:
                if name.endswith(".tsv.xz"):
                    handle.write(f"to title\t{text}\t{summary}\n")
                else:
                    handle.write(json.dumps({"text": text, "summary": summary}, ensure_ascii=False) + "\n")


def test_pretrain_then_finetune_and_evaluate(tmp_path):
    write_layout(tmp_path / "data")
    common = ["--data", str(tmp_path / "data"), "--out", str(tmp_path / "out"), "--work", str(tmp_path / "work"),
              "--size", "tiny", "--minutes", "0.02", "--batch-tokens", "2048", "--batch-size", "8"]
    assert main([*common, "--stages", "pretrain"]) == 0
    assert (tmp_path / "out" / "pretrained" / "model.safetensors").is_file()
    assert main([*common, "--stages", "finetune", "evaluate"]) == 0
    report = json.loads((tmp_path / "out" / "metrics.json").read_text(encoding="utf-8"))
    assert len(report["tests"]) == 4 * len(TESTS)
    assert all(m["n"] == 5 for m in report["tests"].values())
    modes = {key.split("|")[1]: m["settings"]["mode"] for key, m in report["tests"].items()}
    assert modes == {"model, beam 4": "abstractive", "model, greedy": "abstractive", "lead sentence": "lead",
                     "TextRank": "textrank"}
    assert sorted(p.name for p in (tmp_path / "out" / "model").iterdir()) == [
        "README.md", "config.json", "generation_config.json", "model.safetensors", "tokenizer.json",
        "tokenizer_config.json"]
    card = (tmp_path / "out" / "model" / "README.md").read_text(encoding="utf-8")
    assert "| summ-lcsts/clge_lcsts_test.jsonl.xz | model, beam 4 | 5 |" in card and "finetune:" in card
    stamp = (tmp_path / "work" / "finetune" / "metrics.jsonl").stat().st_mtime
    assert main([*common, "--stages", "finetune"]) == 0  # done stages are skipped
    assert (tmp_path / "work" / "finetune" / "metrics.jsonl").stat().st_mtime == stamp


def test_missing_data_is_named(tmp_path):
    with pytest.raises(ValueError, match="missing under"):
        main(["--data", str(tmp_path), "--out", str(tmp_path / "out"), "--work", str(tmp_path / "w"),
              "--stages", "pretrain"])
