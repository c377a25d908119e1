"""The bundled summarizer, end to end: fp16 safetensors with a card, used by default, and its
summaries made of the text's own words within the headline's length."""

from __future__ import annotations

import json

import pytest

from engine.paths import bundled_models_dir
from engine.runtime.store import ModelStore
from engine.summarize.compressor import CLOSED_MAX, HEADLINE
from engine.summarize.keypoints import PUNCTUATION
from engine.summarize.summarizer import DEFAULT_MODEL, Summarizer
from engine.summarize.text import split_sentences

pytestmark = pytest.mark.usefixtures("one_thread")

BUNDLED = bundled_models_dir() / DEFAULT_MODEL
NEWS = ("商务部最新数据显示，前5个月，我国服务进出口总额32543.6亿元人民币，同比增长7.7%。"
        "其中，出口13580.2亿元，增长13.8%；进口18963.4亿元，增长3.7%。"
        "知识密集型服务贸易保持较快增长，旅行服务进出口继续恢复。"
        "商务部有关负责人表示，下一步将继续推进服务贸易创新发展，扩大服务业对外开放。")


@pytest.fixture(scope="module")
def summarizer():
    return Summarizer(ModelStore())


def test_the_bundled_model_is_fp16_safetensors_with_a_card():
    assert list(BUNDLED.glob("*.safetensors")) and not list(BUNDLED.glob("*.bin"))
    assert all(f.stat().st_size < 8 * 2**20 for f in BUNDLED.rglob("*") if f.is_file())
    config = json.loads((BUNDLED / "config.json").read_text("utf-8"))
    assert config["dtype"] == "float16" and config["architectures"] == ["BertForTokenClassification"]
    card = (BUNDLED / "README.md").read_text("utf-8")
    assert "LCSTS" in card and "wenqi-cli summarize train" in card


def test_the_default_summary_comes_from_the_bundled_model(summarizer):
    summary = summarizer.summarize(NEWS, "short")
    assert summary.mode == "model" and not summary.fallback
    assert HEADLINE[0] <= len(summary.text) and sum(c not in PUNCTUATION for c in summary.text) <= CLOSED_MAX
    assert all(NEWS[a:b] in summary.text for a, b in summary.kept)  # the text's own words, in order
    assert len(summary.text) == sum(b - a for a, b in summary.kept)


def test_medium_adds_whole_sentences_after_the_headline(summarizer):
    short = summarizer.summarize(NEWS, "short")
    medium = summarizer.summarize(NEWS, "medium")
    headline, _, rest = medium.text.partition("\n")
    assert headline == short.text and rest
    assert all(sentence.text in NEWS for sentence in split_sentences(rest))  # whole sentences of the text


def test_a_traditional_text_is_read_in_simplified_and_summarized_in_traditional(summarizer):
    from engine.chinese_script import to_simplified, to_traditional

    traditional = to_traditional(NEWS)
    assert to_simplified(traditional) == NEWS and traditional != NEWS
    simplified, summary = summarizer.summarize(NEWS, "medium"), summarizer.summarize(traditional, "medium")
    assert summary.mode == "model" and summary.kept == simplified.kept  # the same characters kept
    assert summary.text == to_traditional(simplified.text) != simplified.text


def test_a_traditional_summary_keeps_the_characters_the_text_wrote(summarizer):
    """OpenCC writes 为 as 爲; a text written with 為 gets 為 back (a new-user run found 爲穩定)."""
    text = ("國家統計局12日發布數據，今年全國糧食總產量為14130億斤，比上年增長1.6%，連續十年穩定在1.3萬億斤以上。"
            "其中夏糧產量為2996億斤，秋糧產量為10400億斤。專家認為，糧食生產再獲豐收，為穩定經濟大盤提供了有力支撐。")
    summary = summarizer.summarize(text, "medium")
    assert "為" in summary.text and "爲" not in summary.text
    assert all(text[a:b] in summary.text for a, b in summary.kept)  # the text's own characters
