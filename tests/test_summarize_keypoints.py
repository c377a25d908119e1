"""Key points of a long text: the sections it covers, whole sentences or leading clauses, text
order, one a line, and spans the tab can highlight (issue #32 item 2)."""

from __future__ import annotations

import pytest

from engine.summarize.keypoints import MAX_POINT_CHARS, is_title_line, key_points
from engine.summarize.summarizer import Summarizer
from engine.summarize.text import count_chars, split_sentences

TOPICS = ("农业", "工业", "教育", "医疗", "交通", "环保", "文化", "科技")


def report(paragraphs_per_topic: int = 6) -> str:
    """A long report: a title, then one headed section per topic, each of several paragraphs."""
    parts = ["二〇二六年市政府工作报告"]
    for n, topic in enumerate(TOPICS, 1):
        parts.append(f"第{'一二三四五六七八'[n - 1]}章　{topic}工作")
        for p in range(paragraphs_per_topic):
            parts.append(f"全市{topic}工作在第{p + 1}个方面取得新进展，{topic}投入增长{p + n}个百分点。"
                         f"各区{topic}部门落实第{p + 1}项{topic}任务，群众对{topic}服务更加满意。"
                         f"下一步将继续推进{topic}领域第{p + 1}项改革。")
    return "\n".join(parts)


def test_points_cover_every_section_in_text_order():
    text = report()
    points = key_points(text, "medium")
    starts = [p.spans[0][0] for p in points]
    assert starts == sorted(starts)
    covered = {topic for topic in TOPICS for p in points if topic in p.text}
    assert covered == set(TOPICS), [p.text for p in points]
    first_screen = len(text) // 8
    assert any(start > len(text) - first_screen for start in starts)  # the last section too


@pytest.mark.parametrize("text", [report(), report(2), "\n".join([
    "今年夏天，本市遭遇持续高温天气。气象台数据显示，最高气温突破40摄氏度的日子已有12天。",
    "高温带来用电高峰。全市用电负荷连续三天刷新纪录，电力公司启动迎峰度夏预案。",
    "农业生产也受到影响。郊区部分蔬菜基地减产，农业部门组织技术人员下乡指导抗旱。",
    "市卫生健康委提醒市民做好防暑降温，减少午后外出。各医院加强了中暑病人的救治准备。"])])
def test_long_says_what_medium_says_and_more(text):
    """A new-user run: Long gave one point, Medium another; Long now keeps Medium's and adds."""
    medium = [p.text for p in key_points(text, "medium")]
    long = [p.text for p in key_points(text, "long")]
    assert set(medium) <= set(long) and len(long) >= len(medium)


def test_a_point_is_a_whole_sentence_or_a_leading_clause_and_its_spans_are_its_characters():
    long_sentence = ("市政府决定在全市范围内推进老旧小区改造工作，计划三年内改造三百个小区，加装电梯五百部，"
                     "改造供水、供气和排水管网两千公里，同步建设养老托育和便民服务设施，"
                     "并在年底前完成第一批一百个小区的验收工作。")
    assert len(long_sentence) > MAX_POINT_CHARS
    (point,) = key_points(long_sentence, "medium")
    assert point.text == long_sentence[:long_sentence.index("，并在")] + "。"
    assert point.spans == ((0, len(point.text) - 1),)
    text = report(2)
    whole = {s.text for s in split_sentences(text)}
    assert all(p.text in whole for p in key_points(text, "long"))  # short sentences stay whole


def test_headings_and_repeats_are_never_points_and_the_budget_holds():
    text = report()
    points = key_points(text, "medium")
    sentences = split_sentences(text)
    titles = {s.text for s in sentences if is_title_line(text, s)}
    assert "第一章　农业工作" in titles and "二〇二六年市政府工作报告" in titles
    assert not titles & {p.text for p in points}
    assert len({p.text for p in points}) == len(points)
    assert sum(count_chars(p.text) for p in points) <= 400  # medium's budget for this length


def test_a_sentence_that_points_back_is_passed_over_for_one_that_stands_alone():
    text = "该项目明年完工，总投资二十亿元，将惠及全市十万居民。城东新区将建设一座大型公园，总投资二十亿元，将惠及十万居民。"
    assert [p.text for p in key_points(text, "medium")] == ["城东新区将建设一座大型公园，总投资二十亿元，将惠及十万居民。"]


@pytest.mark.usefixtures("one_thread")
def test_the_summary_lists_a_point_a_line_and_highlights_each():
    text = report()
    summary = Summarizer().summarize(text, "medium", "extractive")
    lines = summary.text.split("\n")
    assert len(lines) >= len(TOPICS)
    for line, (a, b) in zip(lines, summary.kept):
        assert line.rstrip("。") == text[a:b].rstrip("。")
    assert all(any(s.start <= a and b <= s.end for s in summary.sources) for a, b in summary.kept)


def test_a_sentence_the_headline_drew_on_does_not_come_back_from_a_later_page():
    lead = "本市今年将在城东新区新建十座公园，总面积超过三百公顷。"
    text = "\n".join([lead, report(1), lead])
    taken = ((0, 10),)  # the headline kept some of the first sentence
    assert not any(p.text == lead for p in key_points(text, "long", taken, 10))


def test_points_longer_than_the_typical_sentence_still_reach_the_end_of_a_law():
    """上海市优化营商环境条例 (text-cn-laws): its articles' first sentences are long, so one point a
    chapter passes the budget; fewer, wider sections still reach its last chapters."""
    from engine.data import read_jsonl, shared_data_dir
    from engine.summarize.documents import markdown_text

    data = shared_data_dir()
    if data is None:
        pytest.skip("../shared/data is absent")
    law = next(item["text"] for item in read_jsonl(data / "text-cn-laws" / "cn_laws_lawrefbook.jsonl.xz")
               if item.get("title") == "上海市优化营商环境条例")
    text = markdown_text(law)
    points = key_points(text, "medium", reserved=40)  # after a headline of 40 characters
    assert sum(count_chars(p.text) for p in points) <= 360
    assert points[0].spans[0][0] < len(text) // 5 and points[-1].spans[0][0] > len(text) * 4 // 5
