"""The headline's constraints (engine/summarize/headline.py), on hand-made tagger scores."""

import numpy as np

from engine.summarize.compression import unit_starts
from engine.summarize.compressor import segment
from engine.summarize.headline import attribution_mask, constrained_spans


def scores_keeping(text: str, wanted: str) -> np.ndarray:
    """Log-probabilities of a tagger that wants to keep exactly the characters of ``wanted``'s
    occurrences in ``text`` (B at a run's start, I inside) and drop the rest."""
    keep = np.zeros(len(text), dtype=bool)
    for piece in wanted.split("|"):
        start = text.index(piece)
        keep[start:start + len(piece)] = True
    log_probs = np.full((len(text), 3), np.log(0.02))
    for i, kept in enumerate(keep):
        log_probs[i, 0 if not kept else (1 if i == 0 or not keep[i - 1] else 2)] = np.log(0.96)
    return log_probs


def headline(text: str, wanted: str) -> str:
    spans = constrained_spans(text, scores_keeping(text, wanted), unit_starts(segment(text)), (6, 32), 2.5, 1.0)
    return "".join(text[start:end] for start, end in spans)


def test_a_denial_is_kept_with_what_it_denies():
    text = "沃尔玛否认将在2015年关闭100家中国门店。"
    assert "否认" in headline(text, "沃尔玛|将在2015年关闭100家中国门店")


def test_a_negation_stays_with_its_verb():
    text = "研究表明咖啡不会导致心脏病。"
    assert "不会导致" in headline(text, "咖啡|导致心脏病")


def test_a_comparison_stays_with_what_it_compares_with():
    text = "全国粮食产量7.1亿吨，比上年增长1.2%。"
    result = headline(text, "全国粮食产量7.1亿吨|上年增长1.2%")
    assert "上年" not in result or "比上年" in result  # 上年增长 alone says last year grew


def test_a_source_name_is_never_kept():
    text = "李嘉诚说撤资是一个大笑话。（南方日报）"
    result = headline(text, "李嘉诚说撤资是一个大笑话|南方日报")
    assert "南方日报" not in result and "李嘉诚" in result
    assert attribution_mask("据新华社报道，北京今天下雨。")[:6].all()
    assert not attribution_mask("数据显示，房价上涨。").any()



def test_a_speaker_keeps_the_verb_that_introduces_the_words():
    text = "复旦大学教授谢百三表示，中国经济发展总体困难。"
    assert headline(text, "谢百三|中国经济发展总体困难") == "谢百三表示中国经济发展总体困难"
    assert headline(text, "中国经济发展总体困难") == "中国经济发展总体困难"  # no speaker kept: no verb
