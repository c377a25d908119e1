"""Extractive summaries, budgets, baselines, long input, evaluation and data files."""

from __future__ import annotations

import json
import lzma
import time

import numpy as np
import pytest

from engine.summarize.data import Pair, read_pairs
from engine.summarize.evaluate import EvalSettings, evaluate
from engine.summarize.extractive import (
    budget_chars,
    extract,
    join_sentences,
    lead_chars,
    lead_sentence,
    similarity_matrix,
    textrank,
)
from engine.summarize.summarizer import Summarizer
from engine.summarize.text import count_chars, split_sentences

NEWS = (
    "本市今年将新建十座公园，总面积超过三百公顷。"
    "新建公园主要分布在城市东部和南部的居民区附近。"
    "市园林局表示，公园建成后，市民步行十五分钟即可到达一座公园。"
    "据介绍，十座公园的建设资金已经全部落实，部分公园将在年底前开放。"
    "此外，本市还将改造二十座老旧公园，增加儿童游乐和健身设施。"
    "市民对新建公园普遍表示欢迎，希望公园能够早日开放。"
    "专家指出，公园建设应当兼顾生态保护和市民休闲需要。"
)


def test_budget_scales_with_the_source_and_stays_within_limits():
    assert budget_chars("short", 100) == 20
    assert budget_chars("medium", 1000) == 200
    assert budget_chars("long", 100_000) == 1000
    assert budget_chars("short", 10) == 10  # never more than the text
    assert budget_chars("short", 500) < budget_chars("medium", 500) < budget_chars("long", 500)
    with pytest.raises(ValueError):
        budget_chars("huge", 100)


@pytest.mark.parametrize("length", ["short", "medium", "long"])
def test_extract_respects_the_budget_and_keeps_text_order(length):
    sentences = split_sentences(NEWS * 3)
    budget = budget_chars(length, count_chars(NEWS * 3))
    chosen = extract(sentences, budget)
    assert chosen
    assert sum(count_chars(s.text) for s in chosen) <= max(budget, count_chars(chosen[0].text))
    assert [s.start for s in chosen] == sorted(s.start for s in chosen)


def test_mmr_does_not_take_a_sentence_twice():
    text = NEWS + NEWS  # every sentence has an exact duplicate
    chosen = extract(split_sentences(text), budget=120)
    assert len({s.text for s in chosen}) == len(chosen) >= 2


def test_textrank_prefers_central_sentences_and_lead_bias_moves_toward_the_start():
    sentences = split_sentences("无关的开头一句话。公园建设加快推进。新建公园加快建设。公园建设资金到位。猫在睡觉。")
    sim = similarity_matrix(sentences)
    assert sim.shape == (5, 5) and np.allclose(sim, sim.T, atol=1e-6) and np.all(np.diag(sim) == 0)
    plain = textrank(sim)
    assert plain.sum() == pytest.approx(1.0)
    assert plain[1] > plain[0] and plain[1] > plain[4]
    biased = textrank(sim, lead_bias=1.0)
    assert biased[0] > plain[0]


def test_one_sentence_and_no_bigrams():
    assert [s.text for s in extract(split_sentences("只有一句。"), 5)] == ["只有一句。"]
    assert similarity_matrix(split_sentences("好。对。")).sum() == 0


def test_join_keeps_headings_on_their_own_lines():
    sentences = split_sentences("# 标题\n第一句。第二句。\n## 小节\n第三句。")
    assert join_sentences(sentences) == "# 标题\n第一句。第二句。\n## 小节\n第三句。"


def test_lead_baselines():
    assert lead_sentence(NEWS) == "本市今年将新建十座公园，总面积超过三百公顷。"
    assert lead_chars(" 本市 今年将新建", 4) == "本市今年"


def test_a_long_input_costs_about_its_length_not_its_square():
    """Speed itself is a benchmark (wenqi-cli summarize bench); here 4 times the text may take at
    most 12 times as long as the 5,000 characters measured just before (a quadratic cost: 16; about
    5 idle, 7 with the other core busy), and 20,000 characters well under issue #32's 3 s."""
    sentences = [f"第{i}号项目在第{i % 37}区开工，投资{i * 7 % 100}亿元，预计{i % 5 + 1}年建成。" for i in range(900)]
    text = "".join(sentences)[:20_000]
    assert len(text) == 20_000
    summarizer = Summarizer()
    summarizer.summarize(text[:1_000], "medium", "extractive")  # warm-up: imports and caches

    def seconds(part: str) -> float:
        start = time.perf_counter()
        summarizer.summarize(part, "medium", "extractive")
        return time.perf_counter() - start

    timings = [(seconds(text[:5_000]), seconds(text)) for _ in range(5)]  # side by side: a busy spell hits both
    short, long = min(t[0] for t in timings), min(t[1] for t in timings)  # the least disturbed of each
    assert long < 12 * short and long < 1.0
    summary = summarizer.summarize(text, "medium", "extractive")
    assert summary.mode == "extractive" and 50 <= summary.summary_chars <= 400
    for sentence in summary.sources:
        assert text[sentence.start:sentence.end] == sentence.text


def test_evaluate_modes_on_pairs():
    pairs = [Pair(NEWS, "本市今年新建十座公园")] * 3
    lead = evaluate(pairs, EvalSettings(mode="lead"))
    assert lead["n"] == 3 and lead["rouge1"] > 50 and set(lead) >= {"rouge1", "rouge2", "rougeL", "n"}
    assert evaluate(pairs, EvalSettings(mode="lead", lead_chars=4))["mean_summary_chars"] == 4
    assert evaluate(pairs, EvalSettings(mode="textrank"))["rougeL"] > 0
    with pytest.raises(ValueError, match="needs a summarizer"):
        evaluate(pairs, EvalSettings(mode="model"))
    with pytest.raises(ValueError, match="unknown mode"):
        evaluate(pairs, EvalSettings(mode="magic"))


def test_data_formats(tmp_path):
    jsonl = tmp_path / "pairs.jsonl.xz"
    with lzma.open(jsonl, "wt", encoding="utf-8") as handle:
        handle.write(json.dumps({"text": "正文一。", "summary": "摘要一"}, ensure_ascii=False) + "\n")
        handle.write(json.dumps({"text": "正文二。", "title": "标题二", "date": "20260101"}, ensure_ascii=False) + "\n")
        handle.write(json.dumps({"text": "  ", "summary": "空正文被丢弃"}, ensure_ascii=False) + "\n")
    (tmp_path / "clge.tsv").write_text("标题\t摘要正文。\n", encoding="utf-8")
    (tmp_path / "csl.tsv").write_text("to title\t摘要正文。\t标题\n", encoding="utf-8")
    (tmp_path / "bad.tsv").write_text("只有一列\n", encoding="utf-8")
    assert [(p.text, p.summary) for p in read_pairs(jsonl)] == [("正文一。", "摘要一"), ("正文二。", "标题二")]
    assert read_pairs(jsonl, limit=1)[0].summary == "摘要一"
    assert read_pairs(tmp_path / "clge.tsv") == read_pairs(tmp_path / "csl.tsv")
    with pytest.raises(ValueError, match="tab-separated"):
        read_pairs(tmp_path / "bad.tsv")


def test_cli_run_text_and_file(tmp_path, capsys):
    from engine.cli import main

    assert main(["summarize", "run", NEWS, "--length", "short", "--mode", "extractive", "--device", "cpu"]) == 0
    out, err = capsys.readouterr()
    assert out.strip() == lead_sentence(NEWS) and "extractive" in err
    article = tmp_path / "article.txt"
    article.write_bytes(NEWS.encode("gb18030"))
    assert main(["summarize", "run", "--file", str(article), "--mode", "extractive", "--device", "cpu"]) == 0
    assert capsys.readouterr()[0].strip()
    assert main(["summarize", "run", "", "--device", "cpu"]) == 1
    assert "empty" in capsys.readouterr()[1]
    assert main(["summarize", "run", NEWS, "--file", str(article)]) == 1
