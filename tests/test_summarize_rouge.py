"""Character ROUGE: hand-checked values, and equality with the ``rouge`` package (EVAL.md)."""

from __future__ import annotations

import random

import pytest

from engine.data import shared_data_dir
from engine.summarize.data import read_pairs
from engine.summarize.rouge import RougeScore, char_rouge, mean_char_rouge


def as_tuple(score: RougeScore) -> tuple[float, float, float]:
    return score.rouge1, score.rouge2, score.rougeL


def test_hand_checked_values():
    assert as_tuple(char_rouge("北京下雨", "北京下雨")) == pytest.approx((1.0, 1.0, 1.0), abs=1e-6)
    score = char_rouge("北京今天下雨", "北京下雨")  # P=4/6, R=1; bigrams 北京,下雨 of 5 and 3
    assert score.rouge1 == pytest.approx(2 * (4 / 6) / (4 / 6 + 1), abs=1e-6)
    assert score.rouge2 == pytest.approx(2 * (2 / 5) * (2 / 3) / (2 / 5 + 2 / 3), abs=1e-6)
    assert score.rougeL == pytest.approx(score.rouge1, abs=1e-6)
    assert char_rouge("", "北京") == char_rouge("北京", " ") == RougeScore(0.0, 0.0, 0.0)
    assert char_rouge("北 京", "北京") == char_rouge("北京", "北京")  # whitespace is dropped


def test_mean_is_in_percent_and_counts_samples():
    metrics = mean_char_rouge([("北京下雨", "北京下雨"), ("上海", "北京")])
    assert metrics == {"rouge1": 50.0, "rouge2": 50.0, "rougeL": 50.0, "n": 2}
    with pytest.raises(ValueError):
        mean_char_rouge([])


def _package_scores(hypothesis: str, reference: str) -> tuple[float, float, float]:
    rouge = pytest.importorskip("rouge")
    joined = [" ".join(ch for ch in text if not ch.isspace()) for text in (hypothesis, reference)]
    result = rouge.Rouge().get_scores(*joined)[0]
    return result["rouge-1"]["f"], result["rouge-2"]["f"], result["rouge-l"]["f"]


def _check_same(hypothesis: str, reference: str) -> None:
    expected = _package_scores(hypothesis, reference)
    assert as_tuple(char_rouge(hypothesis, reference)) == pytest.approx(expected, abs=1e-9)


@pytest.mark.parametrize("hypothesis, reference", [
    ("的的的的一一", "的一的一"),  # repeated n-grams count once in the package
    ("结果为3.5倍.结论:可用", "结论.可用3.5"),  # '.' cuts sentences and disappears
    ("。。好好好", "好好。"),
    ("abc def", "abcdef"),
])
def test_equal_to_the_rouge_package_on_its_quirks(hypothesis, reference):
    _check_same(hypothesis, reference)


@pytest.mark.parametrize("name", ["summ-lcsts/clge_lcsts_val.jsonl.xz", "summ-csl/csl_benchmark_ts_dev.tsv.xz",
                                  "summ-xwlb-news-titles/xwlb_title_pairs_valid.jsonl.xz"])
def test_equal_to_the_rouge_package_on_real_samples(name):
    data = shared_data_dir()
    if data is None or not (data / name).is_file():
        pytest.skip(f"{name} not present")
    rng = random.Random(0)
    pairs = read_pairs(data / name, limit=150)
    for pair in pairs:
        start = rng.randrange(0, max(1, len(pair.text) - 10))
        candidates = [pair.text[start:start + rng.randint(5, 60)], pair.summary[::-1], pair.text[:len(pair.summary)]]
        for hypothesis in candidates:
            _check_same(hypothesis, pair.summary)
