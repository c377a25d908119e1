"""Answer formatting, data cleaning on real items, number mapping and new numbers."""

from __future__ import annotations

import random
from fractions import Fraction

import pytest

from engine.data import shared_data_dir
from engine.mathwp.answer import asked_unit, counts_things, format_answer, plausible
from engine.mathwp.data import (
    Item,
    NearDuplicates,
    Problem,
    Rejections,
    answers_match,
    clean_item,
    dedup_key,
    find_numbers,
    normalise_text,
    parse_answer,
    read_items,
    rounds_to,
    substitute_numbers,
)
from engine.mathwp.expression import Equation, ExpressionError


# -- answers -------------------------------------------------------------------------------

@pytest.mark.parametrize("value, question, text", [
    (Fraction(3750), "求洗衣机的价钱是多少元？", "3750元"),
    (Fraction(3750), "电冰箱的价钱是洗衣机的(3/5)，求洗衣机的价钱．", "3750元"),  # a price is in 元
    (Fraction(12), "小明有15个苹果，吃了3个，求剩下的苹果数。", "12个"),
    (Fraction(45), "每班多少本？", "45本"),
    (Fraction(5, 2), "这条路长多少千米？", "2.5千米"),
    (Fraction(11, 20), "还剩下这批帐篷的几分之几没完成？", "11/20"),
    (Fraction(5, 3), "甲是乙的几分之几？", "1又2/3"),
    (Fraction(5, 3), "每人分多少千克？", "1又2/3千克 (≈1.67)"),
    (Fraction(5, 8), "出勤率是多少？", "62.5%"),
    (Fraction(1, 3), "甲数是乙数的百分之几？", "33又1/3% (≈33.33%)"),
    (Fraction(12), "他带了多少钱？", "12元"),
    (Fraction(7), "一共有多少平方米？", "7平方米"),
    (Fraction(7), "2+5", "7"),
    (Fraction(144), "有女生160人，男生比女生少10%，五年级有男生多少人？", "144人"),  # the 10% is given, not asked
    (Fraction(3, 10), "甲比乙少30个，甲比乙少百分之几？", "30%"),
    (Fraction(20), "照这样的效率多少天可以加工完？", "20天"),  # 效率 is no percent
    (Fraction(3, 8), "已经用去了这桶油的((())/(()))．", "3/8"),  # a blank fraction to fill in
    (Fraction(3, 8), "已经用去了这桶油的()/()．", "3/8"),
    (Fraction(1, 6), "口袋里装1颗白球、5颗彩色球，任意摸一颗，摸到白球的可能性是多少？", "1/6"),  # no 颗
    (Fraction(12), "小明有15个苹果，吃了3个，还剩多少？", "12个"),  # the unit the numbers carry
    (Fraction(3750), "洗衣机打八折后是3000元，原价是多少？", "3750元"),
    (Fraction(180), "一辆车每小时行60千米，3小时行多少？", "180"),  # two units: none guessed
    (Fraction(36), "甲是乙的3倍，乙是12，甲是多少？", "36"),  # a ratio is not a unit
])
def test_answer_forms(value, question, text):
    assert format_answer(value, question).text == text


def test_units_and_counting_questions():
    assert asked_unit("平均每人分多少个苹果？") == "个"
    assert asked_unit("小路长多少米") == "米"
    assert asked_unit("甲数是多少？") == ""
    assert asked_unit("小明有15个苹果，吃了3个，还剩多少？") == ""  # the solver's check asks for more
    assert counts_things("需要几辆车？") and counts_things("一共有多少人？")
    assert not counts_things("每小时行多少千米？")


def test_plausible_answers():
    assert plausible(Fraction(3), "一共有多少人？")
    assert not plausible(Fraction(5, 2), "一共有多少人？")
    assert not plausible(Fraction(-3), "一共有多少人？")
    assert plausible(Fraction(5, 2), "每人分多少千克？")
    assert not plausible(Fraction(-1), "还剩多少千克？")
    assert plausible(Fraction(-5), "气温是零下5度，又下降了3度，现在是多少度？")
    assert plausible(Fraction(3, 4), "3块月饼，平均分给4个人，每人分得多少块？")  # a share
    assert plausible(Fraction(9, 2), "11.7里有多少个2.6？")


def test_plausible_chances_percents_and_sizes():
    assert plausible(Fraction(1, 6), "任意摸一颗，摸到白球的可能性是多少．")
    assert not plausible(Fraction(7), "任意摸一颗，摸到白球的可能性是多少．")
    assert plausible(Fraction(3, 2), "今年比去年增产百分之几？")  # 150%
    assert not plausible(Fraction(1944), "先降价10%，又降价10%，与原价比降价百分之几？")
    assert not plausible(Fraction(3, 2), "现价比原价降低了百分之几？")  # a fall is below 100%
    assert plausible(Fraction(1, 2000000), "这幅地图的比例尺是多少？")
    assert not plausible(Fraction(1350851717672992818), "这个长方体的表面积是多少平方厘米？")


@pytest.mark.parametrize("gold, value", [
    ("45", 45), ("(11/20)", Fraction(11, 20)), ("62.5%", Fraction(5, 8)), ("1(5/6)", Fraction(11, 6)),
    ("7((2)/(3))", Fraction(23, 3)), ([600], 600), (4.0, 4), ("3.5", Fraction(7, 2)),
])
def test_gold_answers(gold, value):
    assert parse_answer(gold) == value


@pytest.mark.parametrize("gold", ["", "abc", [1, 2], [], None, "1e999", float("nan")])
def test_unparsable_gold_answers(gold):
    with pytest.raises(ExpressionError):
        parse_answer(gold)


def test_tolerance_and_rounded_answers():
    assert answers_match(Fraction(1, 3), Fraction(33333, 100000))
    assert not answers_match(Fraction(1, 3), Fraction(33, 100))
    assert rounds_to(Fraction(1, 3), "0.33") and rounds_to(Fraction(1, 8), 0.13)
    assert not rounds_to(Fraction(1, 3), "0.34") and not rounds_to(Fraction(1, 3), "1/3")


# -- cleaning ------------------------------------------------------------------------------

def test_text_normalisation_and_keys():
    assert normalise_text("甲 、 乙 2  车 同时 从 A 城 去 B 城 ， １２％") == "甲、乙2车同时从A城去B城，12%"
    assert dedup_key("学校把135本， 平均分给3个班．") == dedup_key("学校把135本平均分给3个班。")


def test_clean_item_normalises_and_checks():
    item = clean_item("ape", {"id": "1", "original_text": "甲数是42，乙数是甲数的(3/7)，乙数是多少．",
                              "equation": "x=[42*(3/7)]", "ans": "18"})
    assert item.equation == "x=42*(3/7)" and item.answer == 18
    noisy = clean_item("hmwp", {"original_text": "年利率为2.7%，3年后能取5405元，存入多少元？",
                                "equation": "x+3*0.027000000000000003*x=5405", "ans": [5000]})
    assert noisy.equation == "x+3*0.027*x=5405" and noisy.answer == 5000
    with pytest.raises(ValueError, match="does not give"):
        clean_item("ape", {"original_text": "1+1", "equation": "x=1+1", "ans": "3"})
    with pytest.raises(ValueError, match="unknown"):
        clean_item("hmwp", {"original_text": "a", "equation": "x+y=3;x-y=1", "ans": [2, 1]})
    with pytest.raises(ExpressionError):
        clean_item("hmwp", {"original_text": "a", "equation": "x*x=4", "ans": [2]})


DATA = shared_data_dir()


@pytest.mark.skipif(DATA is None or not (DATA / "math-ape210k").is_dir(), reason="shared data absent")
def test_real_items_evaluate_to_their_answers_and_exclude_the_test_set(tmp_path):
    from engine.data import read_jsonl

    test_text = next(read_jsonl(DATA / "math-ape210k" / "test.ape.json.xz"))["original_text"]
    valid = list(read_jsonl(DATA / "math-ape210k" / "valid.ape.json.xz", limit=300))
    items = []
    for record in valid:
        try:
            items.append(clean_item("ape210k-valid", record))
        except ValueError:
            continue
    assert len(items) >= 295
    for item in items:
        assert answers_match(Equation.parse(item.equation).solve(), parse_answer(
            next(r["ans"] for r in valid if str(r["id"]) == item.id)))
        assert "%" not in item.equation  # percents became (a/100)
    # the exclusion works on the normalised text
    fake = tmp_path / "math-ape210k"
    fake.mkdir()
    import json
    import lzma

    with lzma.open(fake / "valid.ape.json.xz", "wt", encoding="utf-8") as handle:
        for record in valid[:5] + [{"id": "t", "original_text": test_text + " ", "equation": "x=1", "ans": "1"}]:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    kept = read_items(tmp_path, exclude_texts=[test_text])
    assert test_text not in {i.text for i in kept}
    assert len(kept) == 5


POOL = "一个长方体的水池，长8米，宽4米，深2米，如果每小时可以放进8立方米水，要放满这一池水需要多少小时？"


def test_near_duplicates_are_the_same_problem_with_other_numbers_or_a_few_words():
    index = NearDuplicates(["某班有学生45人，其中男生25人，女生多少人？", POOL, "计算：(5/13)+(7/26)-(19/39)．"])
    assert index.match("一个长方体的水池，长10米，宽5米，深3米，如果每小时可以放进7.5立方米，要放满这一池水需要多少小时？") == 1
    assert index.match(POOL.replace("多少小时", "几小时")) == 1
    assert index.match("一个长方体的水池，长8米，宽4米，深2米，它的容积是多少立方米？") is None  # another question
    assert index.match("计算：(5/24)+(5/14)+(2/63)-(2/15)．") is None  # calculations: too few words to tell
    assert index.match("") is None


def test_near_duplicates_of_a_test_problem_are_not_trained_on(tmp_path):
    import json
    import lzma

    folder = tmp_path / "math-ape210k"
    folder.mkdir()
    records = [{"id": "a", "original_text": POOL.replace("8立方米", "16立方米"), "equation": "x=8*4*2/16", "ans": "4"},
               {"id": "b", "original_text": "学校把135本练习本平均分给3个班，每班多少本？", "equation": "x=135/3", "ans": "45"}]
    with lzma.open(folder / "valid.ape.json.xz", "wt", encoding="utf-8") as handle:
        handle.write("\n".join(json.dumps(r, ensure_ascii=False) for r in records))
    rejections = Rejections()
    kept = read_items(tmp_path, exclude_texts=[POOL], rejections=rejections)
    assert [item.id for item in kept] == ["b"]
    assert rejections.counts == {"ape210k-valid": {"near-duplicate of a test problem": 1}}


# -- number mapping ------------------------------------------------------------------------

def test_numbers_in_text():
    found = find_numbers("有5筐苹果，取出10kg，是(3/5)，再加1(1/2)，即20%，或2.5，还有3/4")
    assert [n.text for n in found] == ["5", "10", "(3/5)", "1(1/2)", "20%", "2.5", "3/4"]
    assert [n.value for n in found][2:5] == [Fraction(3, 5), Fraction(3, 2), Fraction(1, 5)]


@pytest.mark.parametrize("text, equation, target", [
    ("学校把135本练习本平均分给3个班，每班多少本？", "x=135/3", "[N0]/[N1]"),
    ("工厂完成了(1/5)，又完成了(1/4)，还剩几分之几？", "x=1-(1/5)-(1/4)", "1-[N0]-[N1]"),
    ("一台洗衣机和一台冰箱共6000元，冰箱是洗衣机的3/5，洗衣机多少元？", "x=6000/(1+3/5)", "[N0]/(1+[N1])"),
    ("原价200元，先涨价20%，现价多少元？", "x=200*(1+20%)", "[N0]*(1+[N1])"),
    ("甲车每小时35千米，乙车每小时40千米，乙比甲早0.5小时到，甲用几小时？", "35*x=40*(x-0.5)",
     "[N0]*x=[N1]*(x-[N2])"),
])
def test_number_mapping_round_trip(text, equation, target):
    problem = Problem.from_text(text)
    original = Equation.parse(equation)
    assert problem.equation_from_target(target).solve() == original.solve()


def test_source_shows_placeholders_and_values():
    problem = Problem.from_text("把135本分给3个班")
    assert problem.source() == ["把", "[N0]", "1", "3", "5", "本", "分", "给", "[N1]", "3", "个", "班"]
    assert problem.source(show_values=False) == ["把", "[N0]", "本", "分", "给", "[N1]", "个", "班"]


@pytest.mark.parametrize("target", ["[N5]+1", "[N0][N1]", "[N0]2", "[N0]+", ""])
def test_bad_targets_are_expression_errors(target):
    with pytest.raises(ExpressionError):
        Problem.from_text("把135本分给3个班").equation_from_target(target)


# -- augmentation --------------------------------------------------------------------------

ITEM = Item("1", "test", "学校把135本练习本平均分给3个班，每班多少本？", "x=135/3", Fraction(45))


def test_number_substitution_keeps_a_valid_equation():
    rng = random.Random(1)
    problem = Problem.from_text(ITEM.text)
    made = [substitute_numbers(problem, "[N0]/[N1]", ITEM.text, ITEM.answer, rng) for _ in range(20)]
    made = [new for new in made if new is not None]
    assert len(made) >= 15
    for new in made:
        assert new.text != ITEM.text and new.text.endswith("个班，每班多少本？")
        value = new.equation_from_target("[N0]/[N1]").solve()
        assert value.denominator == 1 and value > 0  # whole books, as the original answer


def test_number_substitution_skips_unmapped_constants():
    problem = Problem.from_text("弦号是16，这个数共有多少个因数？")
    assert substitute_numbers(problem, "5", "共有多少个因数", Fraction(5), random.Random(0)) is None
