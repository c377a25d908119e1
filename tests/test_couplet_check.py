"""Check my lower line (engine/couplet/check.py) on crafted pairs: a wrong length, a 平 ending
after a 平 upper end, a borrowed character, a noun facing a verb, repeats and punctuation that
do not mirror; the model's opinion (a tiny random model: its shape, not its taste); the CLI."""

from __future__ import annotations

import json

import pytest

from engine.couplet.check import (
    BROKEN,
    HOLDS,
    KEPT,
    LOWER_ENDS_OBLIQUE,
    UPPER_ENDS_LEVEL,
    WEAK,
    LowerLineError,
    check_pair,
)
from engine.couplet.text import EmptyUpperError, ForeignCharactersError
from engine.couplet.tone import LEVEL, MODERN, OBLIQUE
from tests.test_couplet_tab import model_root  # noqa: F401 - a fixture: a tiny random couplet model


def test_a_classic_pair_holds():
    check = check_pair("白日依山尽", "黄河入海流")
    assert (check.verdict, check.ending, check.form_ok) == (HOLDS, KEPT, True)
    assert all(not p.faults for p in check.positions)


def test_a_wrong_length_breaks_the_form():
    check = check_pair("白日依山尽", "黄河入海")
    assert not check.length_ok and check.verdict == BROKEN
    assert len(check.positions) == 4


def test_a_level_ending_after_a_level_upper_end():
    check = check_pair("花开富贵年", "竹报平安春")
    assert check.ending == UPPER_ENDS_LEVEL and check.verdict == WEAK
    last = check.positions[-1]
    assert (last.tone_upper, last.tone_lower, last.tone_required, last.tone_opposed) == (LEVEL, LEVEL, True, False)
    assert check.faults("tone") == [4]
    assert check_pair("白日依山尽", "黄河入海去").ending == LOWER_ENDS_OBLIQUE


def test_a_borrowed_character():
    check = check_pair("春回大地千山秀", "日照神州万木春")
    assert check.faults("borrowed") == [6] and check.verdict == BROKEN


def test_a_noun_facing_a_verb_and_where_the_tagger_is_unsure():
    check = check_pair("明月松间照", "飞去石上流")
    assert check.faults("class") == [0, 1]
    first = check.positions[0]
    assert (first.class_upper.word, first.class_upper.kind, first.class_lower.word, first.class_lower.kind) == \
        ("明月", "名", "飞去", "动")
    assert check.verdict == WEAK
    # 松间 faces 石 and 上 (the words do not face each other whole): 间 against 上 is unsure, not
    # wrong; 松 against 石 faces all the same (名 and 名); 照 against 流 (动, 形) is loose
    assert check.unsure_classes() == [3, 4] and check.positions[2].classes_face is True


def test_repeats_and_punctuation_must_mirror():
    assert check_pair("山山水水", "年年岁月").faults("repeat") == [3]
    check = check_pair("风声雨声，声声入耳", "家事国事；事事关心")
    assert check.faults("punctuation") == [4] and check.verdict == BROKEN
    assert not check_pair("风声雨声，声声入耳", "家事国事，事事关心").faults("repeat")


def test_tones_read_classically_by_default():
    # 白 is an entering tone (仄) classically, level in modern Mandarin
    assert check_pair("青山", "白水", ).positions[0].tone_lower == OBLIQUE
    assert check_pair("青山", "白水", MODERN).positions[0].tone_lower == LEVEL


def test_traditional_lines_are_checked_too():
    check = check_pair("風吹楊柳千條綠", "日照桃花萬點紅")
    assert check.form_ok and check.ending == KEPT


def test_bad_lines_are_refused_with_which_line_and_why():
    with pytest.raises(EmptyUpperError):
        check_pair("", "黄河入海流")
    with pytest.raises(LowerLineError) as error:
        check_pair("白日依山尽", "  ")
    assert isinstance(error.value.cause, EmptyUpperError)
    with pytest.raises(LowerLineError) as error:
        check_pair("白日依山尽", "黄河ab海流")
    assert isinstance(error.value.cause, ForeignCharactersError)


@pytest.fixture(scope="module")
def tiny_writer(model_root):
    from engine.couplet.writer import CoupletWriter
    from engine.runtime.store import ModelStore

    return CoupletWriter.from_store(ModelStore(extra_dirs=[model_root], bundled_dir=model_root / "none"), "couplet")


def test_the_models_opinion_beside_its_own_lines(tiny_writer, one_thread):
    check = check_pair("春风", "秋月", writer=tiny_writer, n=3)
    opinion = check.model
    assert 1 <= len(opinion.lines) <= 3 and "秋月" not in [line for line, _ in opinion.lines]
    scores = [score for _, score in opinion.lines]
    assert scores == sorted(scores, reverse=True)
    assert opinion.rank == 1 + sum(s > opinion.score for s in scores)
    same = tiny_writer.score_pairs([("春风", "秋月")])[0]
    assert opinion.score == pytest.approx(same)  # the very score the model gives the person's line


def test_cli_check_json(capsys):
    from engine.cli import main

    assert main(["couplet", "check", "春回大地千山秀", "日照神州万木春", "--no-model", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["verdict"] == "broken" and report["positions"][6]["faults"] == ["borrowed"]
    assert report["model"] is None
    assert main(["couplet", "check", "春回大地千山秀", "", "--no-model"]) == 1
    assert "Type the lower line" in capsys.readouterr().err


def test_a_neutral_tone_of_mandarin_has_its_classical_tone():
    """子 read alone is zi (neutral) to pypinyin; verse reads it zǐ, 仄: 子轩's pairs had no mark under 子."""
    from engine.couplet.tone import MODERN, line_tones

    assert line_tones("子贵年方壮")[0] == "仄" and line_tones("子贵年方壮", MODERN)[0] is None
