"""Sentence splitting, input checks and file reading for the summarizer."""

from __future__ import annotations

import pytest

from engine.data import read_text_file
from engine.summarize.text import (
    MAX_INPUT_CHARS,
    EmptyTextError,
    NotChineseError,
    TextTooLongError,
    check_input,
    count_chars,
    ends_sentence,
    split_sentences,
)


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def test_end_punctuation_splits_and_closing_quotes_stay():
    assert texts("今天下雨。他说：“明天晴！”好吗？真的；是的!") == [
        "今天下雨。", "他说：“明天晴！”", "好吗？", "真的；", "是的!"]
    assert texts("（完。）后来呢……他走了…") == ["（完。）", "后来呢……", "他走了…"]
    assert texts("这是《书名。》再见。") == ["这是《书名。》", "再见。"]


def test_halfwidth_period_splits_only_between_sentences():
    assert texts("性能缺陷.该染料与C.I.B-19配伍,浓度3.5倍.结论:可用.") == [
        "性能缺陷.", "该染料与C.I.B-19配伍,浓度3.5倍.", "结论:可用."]


def test_line_breaks_end_sentences_and_spans_point_into_the_text():
    text = "  # 标题\n\n第一条 为了规范管理，制定本条例。\n第二条 本条例适用于全市。  "
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == ["# 标题", "第一条 为了规范管理，制定本条例。", "第二条 本条例适用于全市。"]
    for s in sentences:
        assert text[s.start:s.end] == s.text


def test_run_on_text_is_cut_at_commas_within_the_limit():
    text = "，".join(["这是一段没有句号的很长的文字"] * 40)
    sentences = split_sentences(text, max_chars=100)
    assert all(len(s) <= 100 for s in sentences)
    assert "".join(s.text for s in sentences) == text
    assert all(s.text.endswith("，") for s in sentences[:-1])


def test_whitespace_only_and_empty():
    assert split_sentences("") == []
    assert split_sentences(" \n\t\n") == []


def test_ends_sentence():
    assert ends_sentence("好。") and ends_sentence("他说：“好！”") and ends_sentence("完了…")
    assert not ends_sentence("## 第一章 总则") and not ends_sentence("结果是3.5")


def test_count_chars_ignores_whitespace():
    assert count_chars("中 文\n字") == 3


@pytest.mark.parametrize("text, error", [
    ("", EmptyTextError),
    ("   \n ", EmptyTextError),
    ("This is an English text. It has no Chinese at all.", NotChineseError),
    ("😀😀😀 🎉🎉", NotChineseError),
    ("中" * (MAX_INPUT_CHARS + 1), TextTooLongError),
])
def test_bad_input_is_refused_with_a_clear_message(text, error):
    with pytest.raises(error) as info:
        check_input(text)
    assert len(str(info.value)) > 20


def test_chinese_with_emoji_and_latin_is_accepted():
    check_input("今天天气很好😀，我们去公园散步吧。iPhone 也带上。")


def test_read_text_file_utf8_gb18030_and_limits(tmp_path):
    (tmp_path / "a.txt").write_bytes("\ufeff中文文本。".encode("utf-8"))
    (tmp_path / "b.txt").write_bytes("中文文本。".encode("gb18030"))
    (tmp_path / "c.bin").write_bytes(bytes([0xFF, 0xFF, 0x00, 0x81, 0x20]) * 3)
    assert read_text_file(tmp_path / "a.txt") == "中文文本。"
    assert read_text_file(tmp_path / "b.txt") == "中文文本。"
    with pytest.raises(ValueError, match="neither UTF-8 nor GB18030"):
        read_text_file(tmp_path / "c.bin")
    with pytest.raises(ValueError, match="too large"):
        read_text_file(tmp_path / "a.txt", max_bytes=4)
