"""Long and multi-clause upper lines: where they break, and answers written clause by clause."""

from __future__ import annotations

import pytest

from engine.couplet.clauses import ClausePatterns, clause_spans, detect_clauses
from engine.couplet.text import form_ok
from engine.couplet.tone import OBLIQUE, clause_tones_kept, final_tone, rule_kept

HANZI = ("天地山水风云日月春秋花草江河雨雪东西南北古今来去红绿青白长短高低新旧"
         "金玉松竹梅兰琴棋书画诗酒茶歌声色光影心意情思乐福寿喜财门家国年岁")


@pytest.fixture(scope="module")
def tiny_writer():
    import torch

    from engine.couplet.tokens import build_tokenizer
    from engine.couplet.train import new_model
    from engine.couplet.writer import CoupletWriter

    torch.manual_seed(0)
    tokenizer = build_tokenizer(HANZI)
    patterns = ClausePatterns.count(["天地山水，风云日月春色", "春秋花草，江河雨雪东西"])
    return CoupletWriter(new_model(tokenizer, "tiny"), tokenizer, tone_penalty=1000.0, clause_patterns=patterns)


def test_clauses_break_at_punctuation_and_spaces():
    assert clause_spans("客上天然居，居然天上客") == [(0, 5), (6, 11)]
    assert clause_spans("风声 雨声 读书声。") == [(0, 2), (3, 5), (6, 9)]
    assert clause_spans("海阔凭鱼跃") == [(0, 5)]


def test_patterns_are_counted_saved_and_read_back(tmp_path):
    patterns = ClausePatterns.count(["书山有路勤为径，学海无涯", "春回大地，万象更新", "春满人间，福满门",
                                     "一二三四，五六七", "海阔凭鱼跃"])
    assert dict(patterns.counts[11]) == {(7, 4): 1}
    assert dict(patterns.counts[7]) == {(4, 3): 2}
    patterns.save(tmp_path / "p.json")
    again = ClausePatterns.load(tmp_path / "p.json")
    assert again.counts == patterns.counts
    assert again.candidates(7, min_count=2) == [((4, 3), 0.0)] and again.candidates(11, min_count=2) == []


def test_an_unpunctuated_long_line_breaks_at_its_likeliest_pattern():
    patterns = ClausePatterns({11: __import__("collections").Counter({(4, 7): 9, (7, 4): 3})})
    line = "书山有路勤为径学海无涯"
    assert detect_clauses(line, patterns, lm_weight=0) == [(0, 4), (4, 11)]
    assert detect_clauses(line + "。", patterns, lm_weight=0) == [(0, 4), (4, 11)]  # a final mark is no break
    assert detect_clauses("书山有路，勤为径学海无涯", patterns, lm_weight=0) == [(0, 4), (5, 12)]
    assert detect_clauses(line[:7], patterns, lm_weight=0) == [(0, 7)]  # short: one clause
    assert detect_clauses(line, None) == [(0, 11)]  # no patterns: only punctuation breaks
    assert detect_clauses("一二三四五六七八九十", patterns, lm_weight=0) == [(0, 10)]  # a length never seen


def test_the_language_model_can_move_a_break(tiny_writer):
    from engine.couplet.clauses import punctuated_logprobs

    line = "天地山水风云日月春色"
    fits = punctuated_logprobs(tiny_writer.model, tiny_writer.tokenizer, line, [(4, 6), (6, 4)])
    assert len(fits) == 2 and all(f < 0 for f in fits) and fits[0] != fits[1]
    # the same as reading each punctuated line alone
    alone = punctuated_logprobs(tiny_writer.model, tiny_writer.tokenizer, line, [(6, 4)])
    assert abs(alone[0] - fits[1]) < 1e-4
    patterns = ClausePatterns({10: __import__("collections").Counter({(4, 6): 2, (6, 4): 2})})
    best = detect_clauses(line, patterns, tiny_writer.model, tiny_writer.tokenizer, lm_weight=1.0)
    assert best == ([(0, 4), (4, 10)] if fits[0] >= fits[1] else [(0, 6), (6, 10)])


def test_a_clause_that_begins_with_the_last_character_of_the_one_before_is_a_likelier_break():
    """顶针: 风声雨声读书声，声声入耳 breaks 7 + 4 though 4 + 7 is the commoner pattern."""
    patterns = ClausePatterns({11: __import__("collections").Counter({(4, 7): 27, (7, 4): 3})})  # 9 to 1
    line = "风声雨声读书声声声入耳"
    assert detect_clauses(line, patterns, lm_weight=0) == [(0, 7), (7, 11)]
    assert detect_clauses(line, patterns, lm_weight=0, repeat_bonus=0) == [(0, 4), (4, 11)]
    assert detect_clauses("书山有路勤为径学海无涯", patterns, lm_weight=0) == [(0, 4), (4, 11)]  # no repeat


def test_a_long_line_is_answered_clause_by_clause_with_the_tones_opposed_at_each_break(tiny_writer):
    upper = "天地山水风云日月春色"  # patterns: 4 + 6; 水 and 色 oblique
    assert tiny_writer.clauses(upper) == [(0, 4), (4, 10)]
    candidates = tiny_writer.write(upper, 5)
    assert len(candidates) == 5 and len({c.lower for c in candidates}) == 5
    assert all(c.clauses == ((0, 4), (4, 10)) for c in candidates)
    assert tiny_writer.write("天地山水", 1)[0].clauses == ()
    for candidate in candidates:
        assert form_ok(upper, candidate.lower)
        assert not set(candidate.lower) & set(upper)
        assert final_tone(candidate.lower[:4]) != OBLIQUE  # the break: 水 仄 is answered 平
        assert rule_kept(upper, candidate.lower) and candidate.tone_kept
        assert clause_tones_kept(upper, candidate.lower, [(0, 4)]) == 1
    keys = [(not c.tone_kept, -c.score) for c in candidates]
    assert keys == sorted(keys)


def test_clauses_repeat_what_the_upper_line_repeats_across_a_break(tiny_writer):
    for upper in ["天地山水，水山地天", "春风 秋雨 春风秋雨", "花开花落，年年岁岁"]:
        for candidate in tiny_writer.write(upper, 3) + tiny_writer.write(upper, 3, sample=True):
            assert form_ok(upper, candidate.lower), (upper, candidate.lower)


def test_length_buckets_score_each_length_apart():
    from engine.couplet.metrics import TestItem, score_by_length

    items = [TestItem("白日依山尽", ["黄河入海流"]), TestItem("书山有路，学海无涯", ["诗海无涯，书山有路"]),
             TestItem("一" * 12, ["二" * 12])]
    buckets = score_by_length(items, ["黄河入海流", "", "二" * 12])
    assert list(buckets) == ["<=7", "8-11", ">=12"]
    assert buckets["<=7"]["bleu"] == 100.0 and buckets["8-11"]["bleu"] == 0.0 and buckets["8-11"]["n"] == 1
    assert score_by_length(items[:1], ["黄河入海流"]).keys() == {"<=7"}


def test_a_last_character_that_repeats_gets_its_tone_where_it_is_first_written(tiny_writer):
    upper = "月山花月"  # ends 月 (入声, oblique), a repeat of its first character
    for candidate in tiny_writer.write(upper, 5):
        assert candidate.lower[0] == candidate.lower[3] and rule_kept(upper, candidate.lower), candidate.lower
