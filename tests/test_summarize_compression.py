"""Label derivation and span decoding of the summarizer's tagger (engine/summarize/compression.py)."""

import itertools

import numpy as np
import pytest

from engine.summarize.compression import B, I, O, best_spans, copy_spans, span_tags, tag_spans, unit_starts


def test_labels_are_the_runs_the_summary_copies():
    source = "日前，方舟子发文直指林志颖旗下爱碧丽推销假保健品，引起哗然。"
    summary = "方舟子指林志颖推销假保健品"
    spans = copy_spans(source, summary)
    assert ["".join(source[a:b]) for a, b in spans] == ["方舟子", "指林志颖", "推销假保健品"]
    tags = span_tags(len(source), spans)
    assert tags[3:7] == [B, I, I, O] and tags[:3] == [O, O, O]
    assert tag_spans(tags) == spans


def test_single_copied_characters_are_not_labels():
    # 的 and 了 recur everywhere; alone they say nothing about what to keep
    assert copy_spans("今天的天气好了很多", "的了") == []
    assert copy_spans("今天的天气好了很多", "的了", min_span=1) == [(2, 3), (6, 7)]


def test_summary_order_is_kept():
    assert copy_spans("甲乙丙丁戊己庚辛", "戊己甲乙") == [(0, 2)]  # in order: one of the two runs


def _brute_force(log_probs, min_keep, max_keep, starts, bonus=0.0, cost=0.0):
    """The best legal tagging by enumeration (tiny inputs only)."""
    n = len(log_probs)
    best, best_tags = -np.inf, None
    for tags in itertools.product((O, B, I), repeat=n):
        if tags[0] == I or any(t == I and p == O for p, t in zip(tags, tags[1:])):
            continue
        if tags[-1] == B or any(p == B and t != I for p, t in zip(tags, tags[1:])):
            continue  # runs of one character
        if any(not starts[t] and ((tags[t] == B) or (tags[t] == O) != (tags[t - 1] == O)) for t in range(1, n)):
            continue
        kept = sum(t != O for t in tags)
        if not min_keep <= kept <= max_keep:
            continue
        score = sum(log_probs[t, tag] + (tag != O) * bonus - (tag == B) * cost for t, tag in enumerate(tags))
        if score > best:
            best, best_tags = score, tags
    return tag_spans(best_tags) if best_tags else None


@pytest.mark.parametrize("seed", range(12))
def test_decoding_is_the_best_legal_tagging(seed):
    rng = np.random.default_rng(seed)
    n = 7
    log_probs = np.log(rng.dirichlet(np.ones(3), size=n))
    starts = rng.random(n) < 0.7
    starts[0] = True
    lo = int(rng.integers(0, 4))
    hi = int(rng.integers(lo, n + 1))
    bonus, cost = (0.0, 0.0) if seed % 2 else (float(rng.normal()), float(rng.uniform(0, 2)))
    expected = _brute_force(log_probs, lo, hi, starts, bonus, cost)
    if expected is None:  # no legal tagging keeps lo..hi: the longest legal one is returned
        expected = next(x for k in range(hi, -1, -1) if (x := _brute_force(log_probs, k, k, starts)) is not None)
        assert sum(b - a for a, b in best_spans(log_probs, lo, hi, starts, bonus, cost)) == sum(b - a for a, b in expected)
        return
    assert best_spans(log_probs, lo, hi, starts, bonus, cost) == expected


def test_length_budget_is_met_exactly_when_forced():
    log_probs = np.log(np.tile([0.9, 0.05, 0.05], (20, 1)))  # the model wants to keep nothing
    spans = best_spans(log_probs, 6, 6)
    assert sum(b - a for a, b in spans) == 6


def test_a_word_given_as_a_unit_is_never_split():
    text = "习近平主席会见总理先生"
    starts = unit_starts(["习近平", "主席", "会见", "总理", "先生"])
    log_probs = np.full((len(text), 3), np.log(0.01))
    log_probs[:, O] = np.log(0.98)
    log_probs[1, B] = log_probs[2, I] = np.log(0.98)  # the model likes 近平 alone
    log_probs[1, O] = log_probs[2, O] = np.log(0.01)
    spans = best_spans(log_probs, 2, 5, starts)
    for a, b in spans:
        assert starts[a] and (b == len(text) or starts[b])
    assert spans == [(0, 3)]  # the whole name or nothing


def test_runs_are_at_least_two_characters():
    log_probs = np.log(np.tile([0.1, 0.8, 0.1], (9, 1)))  # the model would like nine one-character runs
    spans = best_spans(log_probs, 3, 9)
    assert spans and all(b - a >= 2 for a, b in spans)


def test_nothing_to_keep_is_an_empty_summary():
    assert best_spans(np.zeros((0, 3)), 0, 5) == []
    assert best_spans(np.log(np.full((4, 3), 1 / 3)), 0, 0) == []
