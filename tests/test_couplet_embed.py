"""藏头 and 嵌字 (engine/couplet/embed.py, widgets/couplet_embed.py): the given characters stand
where asked, lines have the asked length, share no character, the upper line ends oblique where
it can; bad characters and places are refused in English and Chinese; the CLI's JSON; the tab's
third mode end to end with a tiny random model (screenshots in tests/_artifacts/)."""

from __future__ import annotations

import json
import shutil

import pytest

from engine.couplet.embed import EmbeddedPair, EmbedWriter
from engine.couplet.embed_request import (
    EmbedCountError,
    EmbedNotHanziError,
    EmbedPositionError,
    EmbedSameCharacterError,
    EmbedUnknownCharacterError,
    parse_embed,
)
from engine.couplet.text import form_ok
from engine.couplet.tone import OBLIQUE, final_tone
from engine.runtime.jobs import JobContext
from engine.runtime.store import ModelStore
from tests.test_couplet_tab import model_root  # noqa: F401 - a fixture: a tiny random couplet model
from tests.test_math_check_tab import screenshot
from widgets.couplet_lines import LINE_ROLE, NOTE_ROLE

pytestmark = pytest.mark.usefixtures("one_thread")


@pytest.fixture(scope="module")
def models(model_root):
    """The tiny pair model, and a copy of it as the upper-line model (it reads lines alone)."""
    if not (model_root / "couplet-upper").is_dir():
        shutil.copytree(model_root / "couplet", model_root / "couplet-upper")
    return model_root


@pytest.fixture(scope="module")
def writer(models):
    return EmbedWriter.from_store(ModelStore(extra_dirs=[models], bundled_dir=models / "none"))


@pytest.mark.parametrize("chars, positions, length, error", [
    ("明", None, 7, EmbedCountError), ("", None, 7, EmbedCountError), ("明华春", None, 7, EmbedCountError),
    ("明a", None, 7, EmbedNotHanziError), ("明，", None, 7, EmbedNotHanziError), ("明明", None, 7, EmbedSameCharacterError),
    ("明华", "1,8", 7, EmbedPositionError), ("明华", "0,1", 5, EmbedPositionError), ("明华", "6,1", 5, EmbedPositionError),
    ("明华", "1", 7, EmbedPositionError), ("明华", "a,b", 7, EmbedPositionError),
])
def test_bad_requests_are_refused(chars, positions, length, error):
    with pytest.raises(error):
        parse_embed(chars, positions, length)


def test_a_request_reads_places_from_one_and_defaults_to_the_heads():
    assert parse_embed("明华").positions == (1, 1) and parse_embed("明华").is_acrostic
    assert parse_embed(" 福 寿 ", "3，5", 5).positions == (3, 5) and not parse_embed("福寿", (3, 5), 5).is_acrostic


@pytest.mark.parametrize("chars, places, length", [("春秋", (1, 1), 7), ("山水", (1, 1), 5), ("花雨", (3, 5), 7),
                                                    ("风月", (5, 2), 5), ("天地", (7, 7), 7)])
def test_the_characters_stand_where_asked(writer, chars, places, length):
    pairs = writer.write(parse_embed(chars, places, length), n=3)
    assert pairs
    for pair in pairs:
        assert len(pair.upper) == len(pair.lower) == length
        assert pair.upper[places[0] - 1] == chars[0] and pair.lower[places[1] - 1] == chars[1]
        assert form_ok(pair.upper, pair.lower) and not set(pair.upper) & set(pair.lower)
        assert len(set(pair.upper)) == length  # no repeat in the upper line: the lower line needs none
    assert pairs == sorted(pairs, key=EmbeddedPair.rank)


@pytest.mark.parametrize("chars, places, length", [("春秋", (1, 1), 7), ("天地", (5, 5), 5)])
def test_a_given_character_stands_in_a_word_not_a_coinage(writer, chars, places, length):
    """The place after a given character (before it, at the last place) holds a character that
    makes a dictionary word with it (春风, 秋月; 天地 of 顶天立地 …), even from an untrained model."""
    from engine.couplet.embed import in_word

    for pair in writer.write(parse_embed(chars, places, length), n=3):
        assert in_word(pair.upper, places[0] - 1) and in_word(pair.lower, places[1] - 1), pair


def test_upper_lines_end_oblique_unless_the_last_place_is_forced(writer):
    for line, _ in writer.upper_lines("春", 0, "秋", 7, 8, JobContext()):
        assert final_tone(line) == OBLIQUE  # the tiny vocabulary has oblique characters to end on


def test_regenerate_offers_other_upper_lines_and_traditional_stays_traditional(writer):
    first = writer.write(parse_embed("春秋"), n=3)
    again = writer.write(parse_embed("春秋"), n=3, sample=True, exclude={p.upper for p in first})
    assert again and not {p.upper for p in again} & {p.upper for p in first}
    traditional = writer.write(parse_embed("東西"), n=1)[0]
    assert traditional.upper[0] == "東" and traditional.lower[0] == "西"


def test_a_character_the_model_does_not_know_is_named(writer):
    with pytest.raises(EmbedUnknownCharacterError) as caught:
        writer.write(parse_embed("明华"))
    assert caught.value.chars == ["明", "华"]


def test_cli_writes_json(models, monkeypatch, capsys):
    from engine.cli import main

    code = main(["couplet", "write", "--embed", "春秋", "--positions", "2,3", "--length", "5", "--n", "2",
                 "--model", str(models / "couplet"), "--upper-model", str(models / "couplet-upper"), "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and out["chars"] == "春秋" and out["positions"] == [2, 3] and len(out["pairs"]) == 2
    assert all(p["upper"][1] == "春" and p["lower"][2] == "秋" and len(p["upper"]) == 5 for p in out["pairs"])
    assert main(["couplet", "write", "--embed", "春"]) == 1 and "Give two characters" in capsys.readouterr().err
    assert main(["couplet", "write", "春风", "--embed", "春秋"]) == 1 and "no upper line" in capsys.readouterr().err


# -- the tab's third mode ----------------------------------------------------------------------

@pytest.fixture
def tab(qapp, qtbot, services, models):
    from widgets.couplet_tab import CoupletTab
    from widgets.fonts import install_ui_font

    install_ui_font(qapp)
    services.store = ModelStore(extra_dirs=[models], bundled_dir=models / "none")
    widget = CoupletTab(services)
    qtbot.addWidget(widget)
    widget.resize(1000, 620)
    widget.show()
    widget.mode.setCurrentIndex(2)
    yield widget
    widget.shutdown()


def write_pairs(qtbot, tab, chars: str, places=(1, 1), length: int = 7) -> list[tuple[str, str]]:
    panel = tab.embedder
    panel.length.setCurrentIndex(panel.length.findData(length))
    panel.upper_place.setValue(places[0])
    panel.lower_place.setValue(places[1])
    panel.chars.setText(chars)
    panel.write()
    qtbot.waitUntil(lambda: not panel.busy(), timeout=60_000)
    return [panel.pairs.item(i).data(LINE_ROLE).split("\u3000") for i in range(panel.pairs.count())]


def pair_notes(tab) -> list[str]:
    return [tab.embedder.pairs.item(i).data(NOTE_ROLE) for i in range(tab.embedder.pairs.count())]


def test_the_mode_writes_pairs_and_regenerates(qtbot, tab, services, artifacts):
    from widgets.couplet_tab import MODE_KEY

    assert tab.pages.currentWidget() is tab.embedder and int(services.settings.value(MODE_KEY)) == 2
    pairs = write_pairs(qtbot, tab, "春秋", (2, 4), 5)
    assert len(pairs) == 3 and all(up[1] == "春" and low[3] == "秋" for up, low in pairs)
    assert tab.embedder.card.upper == pairs[0][0] and "嵌字" in tab.embedder.kind.text()
    assert all("check: " in note for note in pair_notes(tab)), pair_notes(tab)  # what ranked them, not a raw score
    tab.embedder.regenerate()
    qtbot.waitUntil(lambda: not tab.embedder.busy(), timeout=60_000)
    assert not {p[0] for p in pairs} & set(tab.embedder.shown_uppers())
    assert tab.embedder.upper_place.maximum() == 5
    screenshot(qtbot, tab, artifacts / "couplet_embed_en.png", tab.embedder.message)


@pytest.mark.parametrize("chars, english, chinese", [
    ("明", "these are 1", "这是 1 个"), ("", "Type two characters first", "请先输入两个字"),
    ("明a", "not: a", "不能嵌入：a"), ("春春", "two different", "两个不同的字"), ("明华", "does not know: 明 华", "模型不认识：明 华"),
])
def test_bad_characters_are_explained_in_both_languages(qapp, qtbot, tab, services, models, chars, english, chinese):
    from app.i18n import install_translators

    write_pairs(qtbot, tab, "春秋")
    assert tab.embedder.pairs.count() == 3
    write_pairs(qtbot, tab, chars)
    assert english in tab.embedder.message.text() and tab.embedder.pairs.count() == 0
    assert not tab.embedder.card.has_pair() and not tab.embedder.regenerate_button.isEnabled()
    translators = install_translators(qapp, "zh")
    try:
        from widgets.couplet_tab import CoupletTab

        chinese_tab = CoupletTab(services)
        qtbot.addWidget(chinese_tab)
        chinese_tab.mode.setCurrentIndex(2)
        write_pairs(qtbot, chinese_tab, chars)
        assert chinese in chinese_tab.embedder.message.text(), chinese_tab.embedder.message.text()
        chinese_tab.shutdown()
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)


def test_the_mode_in_chinese(qapp, qtbot, services, classical_root, artifacts):
    from app.i18n import install_translators
    from widgets.couplet_tab import CoupletTab

    services.store = ModelStore(extra_dirs=[classical_root], bundled_dir=classical_root / "none")
    translators = install_translators(qapp, "zh")
    try:
        tab = CoupletTab(services)
        qtbot.addWidget(tab)
        tab.resize(1000, 620)
        tab.show()
        tab.mode.setCurrentIndex(2)
        assert "藏头" in tab.mode.tabText(2) and tab.embedder.write_button.text() != "Write pairs"
        assert write_pairs(qtbot, tab, "春秋")
        assert "藏头" in tab.embedder.kind.text()
        assert tab.embedder.source.text().startswith("上联集自 唐·")  # the first pair's upper line is borrowed
        assert all("检查" in note and "得分" not in note for note in pair_notes(tab)), pair_notes(tab)
        screenshot(qtbot, tab, artifacts / "couplet_embed_zh.png", tab.embedder.message)
        tab.shutdown()
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)


def test_a_given_character_that_begins_a_real_word_ranks_first_after_the_tones():
    """华灯 is a word, 华风 is coined to carry 华: between two pairs that keep the tones, the one
    whose given characters stand in words goes first even with a lower model score."""
    from engine.couplet.embed import in_word

    assert in_word("华灯初上", 0) and not in_word("华风吹我", 0)
    assert in_word("春风得意明月", 5)  # the last place: the word it ends (明月)
    coined = EmbeddedPair("明月照人心似镜", "华风吹我鬓如丝", -5.0, True, in_word("明月照人心似镜", 0) + in_word("华风吹我鬓如丝", 0))
    worded = EmbeddedPair("明月照人心似镜", "华灯映水影如丝", -6.0, True, 2)
    broken = EmbeddedPair("明月照人心似镜", "华灯映水影如雪", -4.0, False, 2)
    assert coined.in_words == 1
    assert sorted([broken, coined, worded], key=EmbeddedPair.rank) == [worded, coined, broken]


def test_a_given_character_read_otherwise_in_its_word_ranks_last_among_borrowed_lines():
    """A reader takes 华山 as huà shān: it does not carry the huá of the name 文华, 华年 does, so
    the pair with 华年 goes first even with more faults and a lower score."""
    from engine.couplet.embed import reads_as_given

    assert not reads_as_given("文华", 1, "华山日照绿杨花", 0) and reads_as_given("文华", 1, "华年今见走东瀛", 0)
    assert not reads_as_given("志强", 1, "强颜千里不为人", 0) and reads_as_given("志强", 1, "强国千里不为人", 0)
    assert reads_as_given("文华", 0, "文苑春开红芍药", 0)
    assert reads_as_given("一鸣", 0, "一代风流今在此", 0)  # pypinyin's yi2 is the tone of speech
    misread = EmbeddedPair("文苑春开红芍药", "华山日照绿杨花", -5.0, True, 2, 0, "宋·某《某》", misread=1)
    read = EmbeddedPair("美誉早闻喧北阙", "华年今见走东瀛", -9.0, True, 2, 1, "唐·林滋《和主司王起》")
    assert sorted([misread, read], key=EmbeddedPair.rank) == [read, misread]


def test_a_pair_the_couplet_check_finds_fewer_faults_in_ranks_first_after_the_tones():
    """The app's own check ranks the written pairs: tones not opposed or word classes that do
    not face each other count against a pair before its words and its score."""
    from engine.couplet.embed import check_faults

    lower = "和乐有时人不知"
    clashing, facing = "家贫无事日长在", "家贫无事日难到"  # word classes and a tone clash in the first
    assert check_faults(clashing, lower) > check_faults(facing, lower)
    first = EmbeddedPair(facing, lower, -7.0, True, 1, check_faults(facing, lower))
    second = EmbeddedPair(clashing, lower, -3.0, True, 2, check_faults(clashing, lower))
    assert sorted([second, first], key=EmbeddedPair.rank) == [first, second]


# Classical upper lines (engine/couplet/classical.py): a file of borrowed lines, in the tiny model's characters.
CLASSICAL = "".join(f"{line}\t{score}\t唐\t{author}\t{title}\n" for line, score, author, title in [
    ("春风青山白云去", -3.1, "甲", "乙"),        # carries 春 in a word (春风): offered
    ("春雨高低新旧月", -3.4, "丙", "丁"),        # 春雨: offered
    ("春秋花草江河去", -2.0, "戊", "己"),        # holds 秋, the lower line's character: never
    ("春金玉松竹梅去", -2.5, "庚", "辛"),        # 春金 is no word: never
])


@pytest.fixture
def classical_writer(writer):
    from engine.couplet.classical import ClassicalLines

    return EmbedWriter(writer.model, writer.tokenizer, writer.couplet, classical=ClassicalLines(CLASSICAL))


def test_borrowed_upper_lines_come_first_and_name_their_poem(classical_writer):
    pairs = classical_writer.write(parse_embed("春秋"), n=3)
    borrowed = {p.upper: p.source for p in pairs if p.source}
    assert borrowed == {"春风青山白云去": "唐·甲《乙》", "春雨高低新旧月": "唐·丙《丁》"}
    assert [p for p in pairs if not p.source], "the model writes the rest when the classics run short"
    assert pairs == sorted(pairs, key=EmbeddedPair.rank)
    kept = [p for p in pairs if p.tone_kept]
    assert [bool(p.source) for p in kept] == sorted((bool(p.source) for p in kept), reverse=True)
    for pair in pairs:
        assert pair.lower[0] == "秋" and not set(pair.upper) & set(pair.lower)


def test_regenerate_passes_over_borrowed_lines_already_offered(classical_writer):
    first = classical_writer.write(parse_embed("春秋"), n=2)
    again = classical_writer.write(parse_embed("春秋"), n=2, sample=True, exclude={p.upper for p in first})
    assert not {p.upper for p in again} & {p.upper for p in first}


def test_the_classical_lines_file_keeps_upper_lines_a_pair_can_use(tmp_path):
    import lzma

    from engine.couplet.classical import ClassicalLines, build

    poems = [{"poem_id": "p1", "dynasty": "tang", "author": "杜甫", "title": "登高"},
             {"poem_id": "p2", "dynasty": "song", "author": "陸游", "title": "遊山西村  其一"}]
    pairs = [("风急天高猿啸哀", "p1"),   # ends level (哀): an upper line ends oblique, dropped
             ("无边落木萧萧下", "p1"),   # a repeated character (萧萧): dropped
             ("万里悲秋常作客", "p1"),   # kept
             ("万里悲秋常作客", "p2"),   # the same line again: kept once
             ("山重水复疑无路", "p2"),   # kept (路 oblique), its poem's names made simplified
             ("山重水复疑无X", "p2"),    # a character the models do not know: dropped
             ("山重水复疑", "p2")]      # five characters and level-ending: dropped
    with lzma.open(tmp_path / "poems_index.jsonl.xz", "wt", encoding="utf-8") as f:
        f.writelines(json.dumps(p, ensure_ascii=False) + "\n" for p in poems)
    with lzma.open(tmp_path / "pairs_train.jsonl.xz", "wt", encoding="utf-8") as f:
        f.writelines(json.dumps({"up": up, "down": "", "poem_id": poem}, ensure_ascii=False) + "\n"
                     for up, poem in pairs)
    out = tmp_path / "lines.tsv.xz"
    assert build(tmp_path, out, known=lambda char: char != "X", score=lambda lines: [-3.0] * len(lines)) == 2
    lines = ClassicalLines.read(out)
    assert [line.source() for line in lines.with_char("万", 0, 7)] == ["唐·杜甫《登高》"]
    assert [line.source() for line in lines.with_char("路", 6, 7)] == ["宋·陆游《游山西村 其一》"]  # simplified, one space


def test_the_file_keeps_the_likeliest_lines_per_place_and_counts_every_lines_words(tmp_path):
    """A request answers the best 16 of a character's lines at a place, so the file keeps the best
    ``keep`` of them; the head-word counts still come from every line."""
    import lzma

    from engine.couplet.classical import ClassicalLines, build

    with lzma.open(tmp_path / "poems_index.jsonl.xz", "wt", encoding="utf-8") as f:
        f.write(json.dumps({"poem_id": "p", "dynasty": "tang", "author": "甲", "title": "乙"}) + "\n")
    ups = ["明月照深院", "明月出山谷", "明月松间照"]  # 明月 at the head of each; the second likeliest
    with lzma.open(tmp_path / "pairs_train.jsonl.xz", "wt", encoding="utf-8") as f:
        f.writelines(json.dumps({"up": up, "down": "", "poem_id": "p"}, ensure_ascii=False) + "\n" for up in ups)
    likelihood = {"明月照深院": -4.0, "明月出山谷": -2.0, "明月松间照": -5.0}
    out = tmp_path / "lines.tsv.xz"
    build(tmp_path, out, known=lambda char: True, score=lambda lines: [likelihood[line] for line in lines], keep=1)
    lines = ClassicalLines.read(out)
    kept = {line.text: line.score for line in lines.with_char("明", 0, 5)}
    assert kept["明月出山谷"] == -2.0 and "明月松间照" not in kept  # 松间, 间照 are no words: nowhere the best
    assert lines.partners_used("明", {"月", "日"}, 0) == {"月"}  # 明月 three times at the head


@pytest.fixture
def classical_root(models, tmp_path):
    """The tiny models, the upper-line one with a file of classical lines beside its weights."""
    import lzma

    from engine.couplet.classical import FILE_NAME

    shutil.copytree(models / "couplet", tmp_path / "couplet")
    shutil.copytree(models / "couplet-upper", tmp_path / "couplet-upper")
    with lzma.open(tmp_path / "couplet-upper" / FILE_NAME, "wt", encoding="utf-8") as f:
        f.write(CLASSICAL)
    return tmp_path


def test_cli_names_where_a_borrowed_upper_line_comes_from(classical_root, capsys):
    from engine.cli import main

    assert main(["couplet", "write", "--embed", "春秋", "--n", "3", "--model", str(classical_root / "couplet"),
                 "--upper-model", str(classical_root / "couplet-upper"), "--json"]) == 0
    pairs = json.loads(capsys.readouterr().out)["pairs"]
    assert {p["upper"]: p["upper_from"] for p in pairs if p["upper_from"]} == {
        "春风青山白云去": "唐·甲《乙》", "春雨高低新旧月": "唐·丙《丁》"}
    assert any(p["upper_from"] is None for p in pairs)


def test_the_mode_names_the_poem_a_borrowed_line_comes_from(qtbot, tab, services, classical_root, artifacts):
    services.store = ModelStore(extra_dirs=[classical_root], bundled_dir=classical_root / "none")
    panel = tab.embedder
    pairs = write_pairs(qtbot, tab, "春秋")
    assert panel.pairs.currentRow() == 0
    assert panel.source.text() in ("Upper line from 唐·甲《乙》 (集句: a classical line, answered by the model)",
                                   "Upper line from 唐·丙《丁》 (集句: a classical line, answered by the model)")
    written = next(i for i, (upper, _) in enumerate(pairs) if upper not in ("春风青山白云去", "春雨高低新旧月"))
    panel.pairs.setCurrentRow(written)
    assert panel.source.text() == "Both lines written by the model"
    panel.pairs.setCurrentRow(0)
    screenshot(qtbot, tab, artifacts / "couplet_embed_classical_en.png", panel.message)
    panel.clear()
    assert panel.source.text() == ""
