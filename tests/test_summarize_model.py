"""The summarizer's model path with a tiny random tagger: windows, length control, whole words,
tidy text, where the summary came from, fallbacks, speed, and train → export → load → evaluate."""

from __future__ import annotations

import json

import numpy as np
import pytest
import torch
from transformers import BertForTokenClassification

from engine.cli import main as cli_main
from engine.runtime.store import ModelError, ModelStore
from engine.summarize.compression import unit_starts
from engine.summarize.compressor import (
    CLOSED_MAX,
    HEADLINE,
    Compressor,
    segment,
    tidy_positions,
)
from engine.summarize.keypoints import PUNCTUATION, is_heading, key_points
from engine.summarize.extractive import budget_chars
from engine.summarize.summarizer import Summarizer
from engine.summarize.tagger import WINDOW_CHARS, build_tokenizer, encode_window, lead_window, tagger_config
from engine.summarize.text import (
    EmptyTextError,
    NotChineseError,
    TextTooLongError,
    count_chars,
    split_sentences,
)
from engine.summarize.rouge import mean_char_rouge
from engine.summarize.train import example
from engine.summarize.tune import tune

SAMPLE = (
    "本市今年将新建十座公园，总面积超过三百公顷。新建公园主要分布在城市东部和南部的居民区附近。"
    "市园林局表示，公园建成后，市民步行十五分钟即可到达一座公园。据介绍，建设资金已经全部落实。"
    "此外，本市还将改造二十座老旧公园，增加儿童游乐和健身设施。专家指出，公园建设应当兼顾生态保护。"
)
REPORT = ("政府工作报告回顾了过去一年的工作。各项目标任务全面完成，经济保持稳定增长。\n"
          "四、2026年政府工作任务。\n"
          + "".join(f"今年要在第{i}个领域推进改革，预计投入{i * 3}亿元，惠及{i * 11}万名群众。" for i in range(1, 40))
          + "要持续改善民生，办好人民满意的教育。")


pytestmark = pytest.mark.usefixtures("one_thread")  # as EVAL.md measures speed, and the CPU is shared


def save_tiny_tagger(root):
    """Save a random tiny tagger named "summarize" in ``root`` (a model folder root)."""
    tokenizer = build_tokenizer([SAMPLE, REPORT], min_count=1)
    torch.manual_seed(0)
    BertForTokenClassification(tagger_config("tiny", tokenizer)).save_pretrained(root / "summarize")
    tokenizer.save_pretrained(root / "summarize")
    return root


@pytest.fixture(scope="module")
def model_root(tmp_path_factory):
    return save_tiny_tagger(tmp_path_factory.mktemp("summ-models"))


@pytest.fixture(scope="module")
def summarizer(model_root):
    return Summarizer(ModelStore(extra_dirs=[model_root]))


def test_windows_map_every_character_back_to_the_text():
    text = "第一句  有空格。\n第二句，" + "很长" * 200 + "。第三句。"
    window = lead_window(text)
    assert len(window.text) == len(window.offsets) <= WINDOW_CHARS
    for ch, offset in zip(window.text, window.offsets):
        assert ch == text[offset] or (ch == " " and text[offset].isspace())
    assert "  " not in window.text


def test_tokenizer_is_one_token_per_character(summarizer):
    tokenizer = summarizer.compressor().tokenizer
    ids = encode_window(tokenizer, "新建公园 😀园")
    vocab = tokenizer.get_vocab()
    assert ids == [vocab["新"], vocab["建"], vocab["公"], vocab["园"], vocab[" "], tokenizer.unk_token_id,
                   vocab["园"]]
    assert tokenizer("新建 公园", add_special_tokens=False)["input_ids"] == ids[:2] + [vocab[" "]] + ids[2:4]


def test_training_example_tags_the_copied_runs():
    text, tags = example(SAMPLE, "本市新建十座公园")
    kept = "".join(ch for ch, tag in zip(text, tags) if tag)
    assert kept == "本市新建十座公园" and tags[0] == 1


def test_lengths_differ_and_keep_their_budgets(summarizer):
    sizes = {}
    for length in ("short", "medium", "long"):
        summary = summarizer.summarize(REPORT, length, "model")
        assert summary.mode == "model" and summary.text
        sizes[length] = summary.summary_chars
    short = summarizer.summarize(REPORT, "short", "model").text
    assert HEADLINE[0] <= sizes["short"] and sum(c not in PUNCTUATION for c in short) <= CLOSED_MAX
    assert sizes["short"] < sizes["medium"] < sizes["long"]
    assert sizes["long"] <= budget_chars("long", count_chars(REPORT)) + 10  # + the 。 that end sentences


def without_joiners(text: str) -> str:
    """``text`` without commas: the headline joins clauses of two sentences with one
    (``compressor._piece``), the only character of a summary that is not the text's own."""
    return text.replace("，", "")


def test_summary_characters_come_from_the_kept_spans(summarizer):
    summary = summarizer.summarize(SAMPLE, "medium", "model")
    assert summary.kept == sorted(summary.kept)
    assert all(SAMPLE[a:b] in summary.text for a, b in summary.kept)
    kept_text = "".join(SAMPLE[a:b] for a, b in summary.kept)
    assert without_joiners(kept_text) == without_joiners(summary.text.replace("\n", ""))
    assert summary.sources and all(any(s.start <= a < s.end for s in summary.sources) for a, _ in summary.kept)


def test_kept_spans_never_split_a_word(summarizer):
    for length in ("short", "medium", "long"):
        summary = summarizer.summarize(REPORT, length, "model")
        edges = set()  # word edges of every sentence (adjacent kept sentences make one span)
        for sentence in split_sentences(REPORT):
            edges |= set(np.flatnonzero(unit_starts(segment(sentence.text))) + sentence.start) | {sentence.end}
        for start, end in summary.kept:
            assert start in edges and end in edges, (length, REPORT[start:end])


def test_headings_are_never_picked(summarizer):
    assert is_heading(split_sentences("四、2026年政府工作任务。")[0])
    assert not is_heading(split_sentences("2026年经济增长百分之五。")[0])
    for length in ("short", "medium", "long"):
        assert "政府工作任务" not in summarizer.summarize(REPORT, length, "model").text


def test_tidy_text_has_no_orphan_quotes_repeats_or_dangling_particles():
    text = "市民说“新公园很大”，新公园很大的"
    starts = unit_starts(segment(text))
    positions = [p for p in range(len(text)) if text[p] != "，"]
    assert "".join(text[p] for p in tidy_positions(text, positions[:7], starts)) == "市民说新公园"
    tidy = "".join(text[p] for p in tidy_positions(text, positions, starts))
    assert tidy == "市民说“新公园很大”"
    assert tidy_positions("，，。", [0, 1, 2], unit_starts(["，", "，", "。"])) == []


def test_default_mode_uses_the_model_and_extractive_stays_a_choice(summarizer):
    assert summarizer.summarize(SAMPLE, "short").mode == "model"
    extractive = summarizer.summarize(SAMPLE, "short", "extractive")
    assert extractive.mode == "extractive" and extractive.kept == [(s.start, s.end) for s in extractive.sources]


@pytest.mark.parametrize("text, error", [("", EmptyTextError), ("   \n ", EmptyTextError), ("😀" * 50, NotChineseError),
                                         ("Only English here.", NotChineseError), ("，。！？" * 30, NotChineseError),
                                         ("中" * 1_000_000, TextTooLongError)])
def test_bad_input_is_refused_with_a_reason(summarizer, text, error):
    with pytest.raises(error):
        summarizer.summarize(text, "short")


def test_a_model_of_another_kind_falls_back_with_the_reason(tmp_path):
    other = tmp_path / "summarize"
    tokenizer = build_tokenizer([SAMPLE], min_count=1)
    config = tagger_config("tiny", tokenizer)
    config.num_labels = 2
    BertForTokenClassification(config).save_pretrained(other)
    tokenizer.save_pretrained(other)
    summarizer = Summarizer(ModelStore(extra_dirs=[tmp_path]))
    with pytest.raises(ModelError, match="not a Wenqi summarization model"):
        summarizer.compressor()
    summary = summarizer.summarize(SAMPLE, "short")
    assert summary.mode == "extractive" and "not a Wenqi" in summary.fallback


def test_long_input_keeps_the_budget(summarizer):
    long_text = REPORT * 15  # ~20,000 characters; speed is measured by wenqi-cli summarize bench
    for length in ("medium", "long"):
        summary = summarizer.summarize(long_text, length, "model")
        assert summary.mode == "model" and summary.summary_chars <= budget_chars(length, count_chars(long_text)) + 1


def test_compressor_refuses_a_cancelled_job(summarizer):
    from engine.runtime.jobs import Cancelled, CancelToken

    token = CancelToken()
    token.cancel()
    compressor: Compressor = summarizer.compressor()
    with pytest.raises(Cancelled):
        compressor.summarize(REPORT, "long", token)


def test_train_export_load_evaluate(tmp_path):
    pairs = tmp_path / "pairs.jsonl"
    lines = [{"text": SAMPLE, "summary": "本市新建十座公园"}, {"text": REPORT, "summary": "政府工作报告回顾过去一年"}]
    pairs.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines * 8) + "\n", encoding="utf-8")
    valid = tmp_path / "valid.jsonl"
    held_out = [{"text": x["text"].replace("公园", "公共绿地"), "summary": x["summary"]} for x in lines]
    valid.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in held_out) + "\n", encoding="utf-8")
    out, export = tmp_path / "run", tmp_path / "models" / "summarize"
    code = cli_main(["summarize", "train", "--data", str(pairs), "--valid", str(valid), "--out", str(out),
                     "--size", "tiny", "--max-steps", "4", "--eval-every", "2", "--warmup", "1",
                     "--batch-tokens", "1024", "--threads", "1", "--vocab", "500", "--export", str(export)])
    assert code == 0 and (export / "config.json").is_file()
    metrics_file = tmp_path / "metrics.json"
    assert cli_main(["summarize", "evaluate", "--test", str(valid), "--model", str(export), "--mode", "model",
                     "--baselines", "--json", str(metrics_file), "--threads", "1"]) == 0
    metrics = json.loads(metrics_file.read_text(encoding="utf-8"))
    assert metrics["n"] == 2 and 0 <= metrics["rougeL"] <= 100 and metrics["model"] == str(export)
    assert set(metrics["baselines"]) == {"lead", "textrank"}


def test_evaluate_without_a_mode_uses_what_the_tab_shows(tmp_path, monkeypatch, model_root):
    valid = tmp_path / "valid.jsonl"
    valid.write_text(json.dumps({"text": SAMPLE, "summary": "本市新建十座公园"}, ensure_ascii=False) + "\n",
                     encoding="utf-8")
    out = tmp_path / "metrics.json"
    monkeypatch.setattr("engine.runtime.store.bundled_models_dir", lambda: tmp_path / "no-models")
    assert cli_main(["summarize", "evaluate", "--test", str(valid), "--json", str(out), "--threads", "1"]) == 0
    metrics = json.loads(out.read_text(encoding="utf-8"))
    assert metrics["settings"]["mode"] == "auto" and metrics["model"] is None and metrics["extractive_fallbacks"] == 1
    monkeypatch.setattr("engine.runtime.store.bundled_models_dir", lambda: model_root)
    assert cli_main(["summarize", "evaluate", "--test", str(valid), "--json", str(out), "--threads", "1"]) == 0
    metrics = json.loads(out.read_text(encoding="utf-8"))
    assert metrics["model"] == "summarize" and metrics["extractive_fallbacks"] == 0


def test_numbers_stay_with_what_they_count_and_repeated_phrases_go():
    assert {"7日", "第六次"} <= set(segment("习近平7日召开第六次会议"))
    text = "中央财经委员会主任习近平7日召开，中央财经委员会第六次会议"
    starts = unit_starts(segment(text))
    everything = list(range(len(text)))
    assert "".join(text[p] for p in tidy_positions(text, everything, starts)) == text  # the text's own words
    two_runs = [p for p in everything if text[p] != "，"]
    tidy = "".join(text[p] for p in tidy_positions(text, two_runs, starts))
    assert tidy == "中央财经委员会主任习近平7日召开第六次会议"


def test_medium_and_long_add_key_points_once_after_the_headline(summarizer):
    for length in ("medium", "long"):
        summary = summarizer.summarize(REPORT, length, "model")
        headline, *sentences = summary.text.split("\n")  # a point a line
        assert headline and sentences
        assert len(sentences) == len(set(sentences))  # the report repeats itself; the summary does not
        assert all(s in REPORT for s in sentences)
        headline_spans = [span for span in summary.kept if REPORT[span[0]:span[1]] in headline]
        assert not any(a < s.end and b > s.start for a, b in headline_spans for s in split_sentences(REPORT)
                       if s.text in sentences)  # no sentence the headline drew on comes back


def test_a_title_line_that_a_longer_sentence_repeats_is_not_added():
    text = ("全国青联全委会开幕\n蔡奇出席开幕会\n全国青联第十四届委员会全体会议今天上午在京开幕，来自各地的青年代表参加会议。"
            "中共中央政治局常委蔡奇出席开幕会。会议将总结五年来的工作，研究确定未来五年的工作任务。") * 2
    added = [p.text for p in key_points(text, "long")]
    assert "中共中央政治局常委蔡奇出席开幕会。" in added
    assert not any(s.strip() == "蔡奇出席开幕会" for s in added)


def test_oracle_scores_the_labels(tmp_path, capsys):
    from engine.cli import main

    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text(json.dumps({"text": SAMPLE, "summary": "本市今年新建十座公园"}, ensure_ascii=False) + "\n",
                     encoding="utf-8")
    assert main(["summarize", "oracle", "--test", str(pairs), "--min-span", "2"]) == 0
    assert json.loads(capsys.readouterr().out)["rougeL"]["2"] == 100.0


def test_kept_spans_are_exactly_the_summary_characters_across_headings_and_spaces(summarizer):
    text = "市长昨天视察了新建的公园。\n\n四、2026年任务。\n市民  纷纷表示欢迎，公园  环境很好。" * 2
    summary = summarizer.summarize(text, "short", "model")
    kept_text = "".join(text[a:b] for a, b in summary.kept)
    assert without_joiners(kept_text.replace(" ", "")) == without_joiners(summary.text.replace(" ", ""))
    assert not any("任务" in text[a:b] for a, b in summary.kept)  # the heading is not highlighted as kept


def test_a_long_first_sentence_is_cut_at_a_comma():
    text = "据悉，" + "本市的公园建设" * 20 + "，" + "市民都很满意" * 10 + "。"
    window = lead_window(text)
    assert window.text.endswith("，") and len(window.text) <= WINDOW_CHARS


def test_punctuation_is_not_a_number_word():
    assert "，人们" not in segment("去年，人们都说好")


def test_a_number_with_thousands_separators_is_one_word():
    """A headline kept 600 of 600,000万元 (a reader called it misleading): the groups are one word."""
    assert "600,000万元" in segment("注册资本由16亿元增加至600,000万元，增幅达60%。")
    assert "1,250,000人次" in segment("参观人数达1,250,000人次")
    assert "600，000万元" in segment("注册资本由160，000万元增加至600，000万元。")  # as the LCSTS text writes it
    assert "40摄氏度" in segment("今天最高气温突破40摄氏度，")  # a measure stays with its number (a new-user run: …突破40)
    assert "120" in segment("销量分别为120，150和180辆")  # a list: the full-width comma separates
    assert "2019" in segment("截至2019,100家企业")  # a leading group of four digits is no thousands group


def test_a_particle_laid_bare_by_a_cut_repeat_goes_too():
    text = "新公园很好。市民的，新公园"
    starts = unit_starts(segment(text))
    tidy = "".join(text[p] for p in tidy_positions(text, [p for p in range(len(text)) if text[p] != "。"], starts))
    assert not tidy.endswith("的") and tidy.count("新公园") == 1, tidy


def test_tuning_decodes_every_combination_as_the_app_does(tmp_path, model_root):
    valid = tmp_path / "valid.jsonl"
    valid.write_text(json.dumps({"text": SAMPLE, "summary": "本市新建十座公园"}, ensure_ascii=False) + "\n",
                     encoding="utf-8")
    rows = tune(str(model_root / "summarize"), [valid], None, [0.0, 3.0], [1.0], [(8, 12), (8, 28)])
    assert [(row["bonus"], tuple(row["chars"])) for row in rows] == [(0.0, (8, 12)), (0.0, (8, 28)),
                                                                    (3.0, (8, 12)), (3.0, (8, 28))]
    compressor = Summarizer(ModelStore(extra_dirs=[model_root])).compressor()
    compressor.keep_bonus, compressor.span_cost, compressor.chars = 3.0, 1.0, (8, 28)
    headline = compressor.headline(SAMPLE)
    expected = mean_char_rouge([(headline.text if headline else "", "本市新建十座公园")])["rougeL"]
    assert rows[-1]["rougeL"]["valid.jsonl"] == round(expected, 2) == rows[-1]["mean"]
