"""The headline's constraints (engine/summarize/headline.py), on hand-made tagger scores."""

import numpy as np
import pytest

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


# What is kept, closed to whole clauses (headline.close_to_clauses, compressor.decode).
@pytest.fixture(scope="module")
def compressor(tmp_path_factory):
    from engine.runtime.store import ModelStore
    from engine.summarize.compressor import Compressor
    from tests.test_summarize_model import save_tiny_tagger

    return Compressor(ModelStore(extra_dirs=[save_tiny_tagger(tmp_path_factory.mktemp("closure"))]).load("summarize"))


def decoded(compressor, text: str, wanted: str) -> str:
    from engine.summarize.compressor import headline_window

    window = headline_window(text)
    return compressor.decode(window, scores_keeping(window.text, wanted)).text


def test_a_headline_cut_inside_a_clause_is_kept_to_the_clause_end(compressor):
    text = "截至目前，我国“5G+工业互联网”建设项目已超过2万个，正式步入规模化应用新阶段。"
    assert (decoded(compressor, text, "我国“5G+工业互联网”建设项目已超过2万个|正式步入规模化应用新")
            == "我国“5G+工业互联网”建设项目已超过2万个，正式步入规模化应用新阶段")


def test_a_number_keeps_what_it_is_a_number_of(compressor):
    """浮盈最高超过60亿元 is a paper gain; 最高超过60亿元 alone after 增持 reads as the stake."""
    text = "51岁的史玉柱因为大幅增持民生银行，浮盈最高超过60亿元。"
    result = decoded(compressor, text, "史玉柱|增持民生银行|最高超过60亿元")
    assert "浮盈最高超过60亿元" in result and "因为大幅增持" in result


def test_clauses_are_joined_by_their_own_colon_or_a_comma(compressor):
    assert decoded(compressor, "巴西：东道主，夺冠大热门。球迷很多。", "巴西|东道主|夺冠大热门") == "巴西：东道主，夺冠大热门"


def test_a_kept_closing_bracket_brings_its_opening(compressor):
    text = "最高人民法院今天上午正式发布《关于贯彻落实民营经济促进法的指导意见》，提出25条具体举措。"
    assert decoded(compressor, text, "最高人民法院|关于贯彻落实民营经济促进法的指导") == "最高人民法院《关于贯彻落实民营经济促进法的指导意见》"


def test_closing_never_brings_back_a_source_a_dated_parenthesis_or_a_space():
    from engine.summarize.headline import close_to_clauses

    text = "国务院今天（7月18日）举行 发布会（新华社）。"
    kept = [text.index("国"), text.index("会")]
    closed = "".join(text[p] for p in close_to_clauses(text, kept, gap=20))
    assert closed == "国务院今天举行发布会"


def test_a_clause_kept_from_a_prepositions_object_keeps_its_subject(compressor):
    """乌克兰…的目标实施了打击 alone makes Ukraine the side that struck."""
    text = "俄罗斯国防部称，俄军在苏梅等多个方向对乌克兰143个区域的目标实施了打击。"
    assert (decoded(compressor, text, "乌克兰143个区域的目标实施了打击")
            == "俄军在苏梅等多个方向对乌克兰143个区域的目标实施了打击")


def test_a_quote_mark_is_no_missing_word(compressor):
    """“和尚兄弟”的皈依师表示: four characters (的皈依师) between 和尚兄弟 and 表示, and a quote mark."""
    text = "“和尚兄弟”的皈依师表示，他便主动与二人联系。"
    assert decoded(compressor, text, "和尚兄弟|表示|主动与二人联系").startswith("“和尚兄弟”的皈依师表示")


@pytest.mark.parametrize("limit, expected", [
    (30, "我国“5G+工业互联网”建设项目已超过2万个"),  # the last clause goes first
    (20, "我国“5G+工业互联网”建设项目已超过2万个正式步入规模化应用新"),  # the first alone is too long: the tagger's runs
])
def test_a_long_closure_loses_its_last_clauses_then_gives_way_to_the_taggers_runs(compressor, monkeypatch, limit, expected):
    from engine.summarize import compressor as module

    monkeypatch.setattr(module, "CLOSED_MAX", limit)
    text = "截至目前，我国“5G+工业互联网”建设项目已超过2万个，正式步入规模化应用新阶段。"
    assert decoded(compressor, text, "我国“5G+工业互联网”建设项目已超过2万个|正式步入规模化应用新") == expected


def test_a_draft_stays_a_draft(compressor):
    text = "上交所昨晚发布《沪港通试点实施细则》征求意见稿，明确了股票范围。"
    assert decoded(compressor, text, "上交所昨晚发布|沪港通试点实施细则").endswith("《沪港通试点实施细则》征求意见稿")


def test_a_speaker_is_never_joined_to_another_sentences_claim(compressor):
    """中铝回应称 + the media's report of an inquiry would make the report Chalco's words."""
    text = "中铝回应称，其企业一直依法合规操作。日前，多部委组成的专项调查组对湖南省稀土进行了专项检查。"
    result = decoded(compressor, text, "中铝回应称|专项调查组对湖南省稀土进行了专项检查")
    assert "回应称" not in result and "专项调查组对湖南省稀土进行了专项检查" in result


def test_an_exchange_rate_keeps_both_currencies(compressor):
    text = "由于人民币兑美元汇率连续下滑，外币理财产品的收益率节节攀升。"
    assert decoded(compressor, text, "美元汇率连续下滑|外币理财产品的收益率节节攀升").startswith("由于人民币兑美元汇率连续下滑")


def test_a_last_clause_cut_short_is_left_out(compressor):
    text = "济南黄岗路黄河隧道贯通，隧道全长约4.76公里，是目前世界最大直径的公路隧道。"
    assert decoded(compressor, text, "济南黄岗路黄河隧道贯通|隧道全长约") == "济南黄岗路黄河隧道贯通"
