"""The couplet engine: form constraints, tones, input checks, cancel, metrics, training."""

from __future__ import annotations

import json
import random
import shutil

import pytest

from engine.couplet.layout import INTERLEAVED, PREFIX, PairLayout
from engine.couplet.text import CoupletInputError, check_upper, form_ok, repeat_sources, structure_ok
from engine.couplet.tone import CLASSICAL, MODERN, clause_tones_kept, final_tone, line_tones, rule_kept, tone_marks, upper_keeps_rule

HANZI = ("天地山水风云日月春秋花草江河雨雪东西南北古今来去红绿青白长短高低新旧"
         "金玉松竹梅兰琴棋书画诗酒茶歌声色光影心意情思乐福寿喜财门家国年岁")
PUNCT = "，。、；！？"


@pytest.fixture(scope="module", autouse=True)
def one_thread():
    """Generation is many tiny steps: extra threads only contend (badly, on a busy machine)."""
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


@pytest.fixture(scope="module", params=["interleaved", "prefix"])
def writer(request):
    """An untrained writer of each pair layout: the form is decoding's job, whatever the model says."""
    from engine.couplet.tokens import build_tokenizer
    from engine.couplet.train import new_model
    from engine.couplet.writer import CoupletWriter

    tokenizer = build_tokenizer(HANZI)
    return CoupletWriter(new_model(tokenizer, "tiny", layout=request.param), tokenizer)


def random_upper(rng: random.Random, length: int) -> str:
    """A line of ``length`` with some punctuation (never first or doubled) and some repeats."""
    chars = []
    for position in range(length):
        if 0 < position < length - 1 and chars[-1] not in PUNCT and rng.random() < 0.15:
            chars.append(rng.choice(PUNCT))
        elif chars and rng.random() < 0.2:
            chars.append(rng.choice([c for c in chars if c not in PUNCT] or HANZI))
        else:
            chars.append(rng.choice(HANZI))
    return "".join(chars)


def test_every_candidate_keeps_the_form_for_lengths_1_to_40(writer):
    rng = random.Random(7)
    for length in range(1, 41):
        upper = random_upper(rng, length)
        candidates = writer.write(upper, 3)
        assert candidates, upper
        assert len({c.lower for c in candidates}) == len(candidates)
        for candidate in candidates:
            assert len(candidate.lower) == len(upper)
            assert structure_ok(upper, candidate.lower), (upper, candidate.lower)
            assert repeat_sources(candidate.lower) == repeat_sources(upper), (upper, candidate.lower)
            borrowed = {c for c in candidate.lower if c in upper and c not in PUNCT + " "}
            assert not borrowed, (upper, candidate.lower)  # no character of the upper line, anywhere


def test_punctuation_spaces_and_repeats_are_mirrored(writer):
    for upper in ["年年岁岁花相似，岁岁年年人不同", "风声 雨声 读书声", "山山水水", "天！", "红花绿叶", "『春风』〔秋雨〕"]:
        for candidate in writer.write(upper, 5) + writer.write(upper, 5, sample=True):
            lower = candidate.lower
            marks = "，！ 『』〔〕"
            assert [(i, c) for i, c in enumerate(lower) if c in marks] == [(i, c) for i, c in enumerate(upper) if c in marks]
            assert form_ok(upper, lower)
    lower = writer.write("山山水水", 1)[0].lower
    assert lower[0] == lower[1] and lower[2] == lower[3] and lower[0] != lower[2]


def test_ascii_punctuation_is_read_as_full_width(writer):
    assert check_upper("  春风, 秋雨! ") == "春风， 秋雨！"
    assert all(c.lower[2:4] == "， " for c in writer.write("春风, 秋雨", 3))


def test_candidates_are_ranked_with_tone_rule_first(writer):
    candidates = writer.write("白日依山尽", 5)
    keys = [(not c.tone_kept, -c.score) for c in candidates]
    assert keys == sorted(keys)
    assert all(c.tone_kept == rule_kept("白日依山尽", c.lower) for c in candidates)


def test_regenerate_excludes_lines_already_shown(writer):
    shown = {c.lower for c in writer.write("春风得意", 5)}
    fresh = writer.write("春风得意", 5, sample=True, exclude=shown)
    assert fresh and not shown & {c.lower for c in fresh}


def test_upper_lines_with_unknown_characters_still_get_answers(writer):
    candidates = writer.write("龘靐齉", 2)
    assert candidates and all(form_ok("龘靐齉", c.lower) and "[UNK]" not in c.lower for c in candidates)


@pytest.mark.parametrize("text, message", [
    ("", "Type an upper line"),
    ("   ", "Type an upper line"),
    ("hello world", "needs Chinese characters"),
    ("春风😀得意", "not: 😀"),
    ("春风abc", "not: a b c"),
    ("天" * 41, "at most 40 characters"),
])
def test_bad_input_gets_a_clear_message(writer, text, message):
    with pytest.raises(CoupletInputError, match=message):
        check_upper(text)
    with pytest.raises(CoupletInputError, match=message):
        writer.write(text, 3)


def test_cancel_stops_a_running_generation(writer):
    from engine.runtime.jobs import Cancelled, JobContext

    ctx = JobContext()
    ctx.on_progress = lambda fraction, message: ctx.cancel_token.cancel()  # cancel once it has started
    with pytest.raises(Cancelled):
        writer.write("春风得意马蹄疾", 5, ctx)
    partials = []
    ctx = JobContext(on_partial=partials.append)
    assert writer.write("春风得意马蹄疾", 5, ctx) and len(partials) == 5


def test_tone_annotation():
    assert line_tones("春风得意马蹄疾", MODERN) == ["平", "平", "平", "仄", "仄", "平", "平"]
    assert tone_marks("白日依山尽，", MODERN) == "○●○○● "
    assert line_tones("𣃁a，") == [None, None, None]  # no reading known: no tone, no error
    assert final_tone("白日依山尽。") == "仄"
    assert upper_keeps_rule("白日依山尽") and not upper_keeps_rule("春眠不觉晓处处闻啼鸟夜来风雨声")
    assert rule_kept("白日依山尽", "黄河入海流") and not rule_kept("黄河入海流", "白日依山尽")


def test_classical_tones_read_the_entering_tone_as_oblique():
    """入声 characters that Mandarin reads level (福 fú, 白 bái, 一 yī, 十 shí, 得 dé, 疾 jí, 国 guó)
    are oblique in the classical reading, the default; others keep their Mandarin tone."""
    assert tone_marks("福白一十得疾国", MODERN) == "○○○○○○○"
    assert tone_marks("福白一十得疾国") == "●●●●●●●"
    assert tone_marks("月竹") == "●●"  # 入声 read oblique in Mandarin too
    assert tone_marks("春风天人") == tone_marks("春风天人", MODERN) == "○○○○"
    assert tone_marks("白日依山尽，") == "●●○○● "
    assert tone_marks("風吹楊柳千條綠") == "○○○●○○●"  # traditional characters too (綠 入声)
    assert upper_keeps_rule("春风得意马蹄疾") and not upper_keeps_rule("春风得意马蹄疾", MODERN)
    assert not rule_kept("万里长城永不倒", "千秋伟业同福")  # 福 ends it oblique
    assert rule_kept("万里长城永不倒", "千秋伟业同福", MODERN)


def test_tones_go_by_the_characters_own_tone_not_speech_sandhi():
    """不 is bù (仄) before a falling tone too (said bú: pypinyin's phrase data writes 不见 bú jiàn);
    一 is yī (平 in the modern reading; 入声, so 仄, in the classical)."""
    for system in (CLASSICAL, MODERN):
        assert tone_marks("不见", system) == tone_marks("不是", system) == tone_marks("不同", system)[0] + "●" == "●●"
        assert tone_marks("看不见", system) == "●●●"
    assert tone_marks("一个", MODERN) == tone_marks("一天", MODERN)[0] + "●" == "○●"
    assert tone_marks("一个") == "●●"


def test_a_polyphone_on_its_own_takes_its_usual_reading():
    """为 in 勤为径 is wéi (平): the reading of 451 of its 485 phrases in pypinyin's data; in a
    phrase pypinyin knows (因为, 为何) its reading there stays."""
    from engine.couplet.tone import usual_readings

    assert usual_readings()["为"] == "wei2" and "应" not in usual_readings() and "更" not in usual_readings()
    assert tone_marks("书山有路勤为径") == tone_marks("书山有路勤为径", MODERN) == "○○●●○○●"
    assert tone_marks("因为") == "○●" and tone_marks("为何", MODERN) == "●○"
    assert tone_marks("春风应笑我") == "○○○●●" and tone_marks("更上一层楼", MODERN) == "●●○○○"


def test_clause_tones_are_counted_per_break():
    """平仄相对 at each break: each clause of the lower line ends on the other tone."""
    spans = [(0, 4), (5, 9)]
    assert clause_tones_kept("春回大地，万象更新", "日暖神州，千帆竞发", spans) == 2  # 地●/州○, 新○/发● (入声)
    assert clause_tones_kept("春回大地，万象更新", "秋来故国，千帆竞发", spans) == 1  # 国 is 入声: ● after 地●
    assert clause_tones_kept("春回大地，万象更新", "秋来故国，千帆竞发", spans, MODERN) == 1  # 国 guó ○, 发 fā ○


def test_hengpi_is_four_distinct_hanzi_from_the_pair(writer):
    from engine.couplet.writer import hengpi_candidates

    upper, lower = "春回大地千山秀", "日照神州万木荣"
    for phrase in writer.hengpi(upper, lower, 3):
        assert len(phrase) == 4 and len(set(phrase)) == 4 and set(phrase) <= set(upper + lower)
    candidates = hengpi_candidates(upper, lower)
    assert "春回日照" in candidates and "神州大地" in candidates
    # A 横批 sums the pair up: never four characters that run in one line, nor all from one line
    assert not [p for p in candidates if p in upper or p in lower]
    assert "春回大地" not in candidates and "大地千山" not in candidates and "神州万木" not in candidates
    assert all(set(p) & set(upper) and set(p) & set(lower) for p in candidates)
    assert hengpi_candidates("天", "地") == []
    assert hengpi_candidates("春回", "春回") == []  # every phrase would be one line twice


def test_metrics_on_toy_data(tmp_path):
    from engine.couplet.metrics import corpus_bleu, read_test_items, score_outputs

    path = tmp_path / "test.jsonl"
    rows = [{"up": "春风掩映千门柳", "down": "暖雨晴开一径花"}, {"up": "春风掩映千门柳", "down": "晓色凄凉万井烟"},
            {"up": "白日依山尽", "down": "黄河入海流"}]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    items = read_test_items(path)
    assert [len(i.references) for i in items] == [2, 1]
    perfect = score_outputs(items, ["晓色凄凉万井烟", "黄河入海流"])
    assert perfect["bleu"] == 100.0 and perfect["structure_ok"] == 1.0
    assert perfect["n"] == 2 and perfect["n_oblique_upper"] == 2 and perfect["tone_ok"] == 1.0
    bad = score_outputs(items, ["千门万户", "黄河入海尽"])
    assert bad["structure_ok"] == 0.0 and bad["tone_ok"] == 0.0 and bad["bleu"] < 100
    assert corpus_bleu(["暖雨晴开一径花"], [["晓色凄凉万井烟", "暖雨晴开一径花"]]) == pytest.approx(100.0)
    assert read_test_items(path, limit=1)[0].upper == "春风掩映千门柳" and len(read_test_items(path, limit=1)) == 1


def test_bleu_p_value_tells_a_real_difference_from_luck():
    from engine.couplet.metrics import TestItem, bleu_p_value

    lines = ["黄河入海流", "夏日，冬雪", "国泰民安", "明月松间照", "清泉石上流", "万里长征", "春风杨柳", "秋雨梧桐"] * 5
    items = [TestItem(f"上联{i}", [line]) for i, line in enumerate(lines)]
    garbled = [line[::-1] for line in lines]
    assert bleu_p_value(items, garbled, lines, trials=500) < 0.01
    right_on_evens = [line if i % 2 == 0 else bad for i, (line, bad) in enumerate(zip(lines, garbled))]
    right_on_odds = [line if i % 2 else bad for i, (line, bad) in enumerate(zip(lines, garbled))]
    assert bleu_p_value(items, right_on_evens, right_on_odds, trials=500) > 0.2


def test_batches_cover_every_pair_once():
    import random as rnd

    from engine.couplet.data import collate, length_groups

    lengths = [5, 7, 5, 9, 7, 7, 13, 5]
    groups = length_groups(lengths, 15, rnd.Random(0))
    assert sorted(i for g in groups for i in g) == list(range(len(lengths)))
    assert all(len({lengths[i] for i in g}) == 1 for g in groups)
    prefix, interleaved = PairLayout(PREFIX, 2, 3, 4), PairLayout(INTERLEAVED, 2, 3, 4)
    batch = collate([[2, 5, 3, 6, 4], [2, 5, 3]], pad_id=0, layout=prefix)
    assert batch["labels"].tolist() == [[2, 5, 3, 6, 4], [2, 5, 3, -100, -100]]
    # Interleaved: the copies of the upper line's characters are not trained on.
    batch = collate([interleaved.sequence([5, 7], [6, 8])], pad_id=0, layout=interleaved)
    assert batch["input_ids"].tolist() == [[2, 5, 7, 3, 5, 6, 7, 8, 4]]
    assert batch["labels"].tolist() == [[2, 5, 7, 3, -100, 6, -100, 8, 4]]


@pytest.mark.parametrize("name", ["prefix", "interleaved"])
def test_pair_layouts_agree_with_themselves(name):
    """Scoring (lower_targets) and writing (prompt, step, written) read a layout's sequence alike."""
    layout = PairLayout(name, 2, 3, 4)
    for n in range(1, 12):
        upper, lower = list(range(10, 10 + n)), list(range(50, 50 + n))
        sequence = layout.sequence(upper, lower)
        assert layout.line_length(len(sequence)) == n
        targets = [token for token, picked in zip(sequence[1:], layout.lower_targets(len(sequence))) if picked]
        assert targets == lower + [4]
        prompt = layout.prompt(upper)
        generated = sequence[len(prompt):]
        assert sequence[:len(prompt)] == prompt and len(generated) == layout.generated_length(n)
        assert layout.written(generated, n) == lower
        for t, token in enumerate(generated):
            kind, place = layout.step(t, n)
            assert token == {"write": lower, "copy": upper}.get(kind, [4] * (n + 1))[place]


def test_training_command_writes_a_loadable_model(tmp_path, capsys):
    from engine.cli import main
    from engine.couplet.writer import CoupletWriter
    from engine.runtime.store import ModelError, ModelStore

    pairs = [("春风得意", "秋雨伤怀"), ("白日依山尽", "黄河入海流"), ("山高月小", "水落石出")] * 4
    data = tmp_path / "pairs.jsonl"
    data.write_text("\n".join(json.dumps({"up": u, "down": d}, ensure_ascii=False) for u, d in pairs), "utf-8")
    out, export = tmp_path / "run", tmp_path / "couplet-model"
    assert main(["couplet", "train", "--data", str(data), "--valid", str(data), "--out", str(out),
                 "--size", "tiny", "--min-count", "1", "--max-steps", "4", "--eval-every", "2",
                 "--batch-tokens", "64", "--threads", "1", "--export", str(export)]) == 0
    assert (out / "best" / "model.safetensors").is_file() and (out / "checkpoint" / "state.json").is_file()
    writer = CoupletWriter.from_store(ModelStore(bundled_dir=tmp_path / "none"), str(export))
    assert writer.alignment is not None and writer.alignment.weight == 2.0
    assert all(form_ok("白日依山尽", c.lower) for c in writer.write("白日依山尽", 3))

    damaged = tmp_path / "damaged"
    shutil.copytree(export, damaged)
    (damaged / "alignment.safetensors").write_bytes(b"not a safetensors file")
    with pytest.raises(ModelError, match="position prior"):
        CoupletWriter.from_store(ModelStore(bundled_dir=tmp_path / "none"), str(damaged))

    # --init continues the exported model: its tokenizer and weights, not a new vocabulary.
    more = [("天高云淡", "海阔天空")] * 4
    data.write_text("\n".join(json.dumps({"up": u, "down": d}, ensure_ascii=False) for u, d in more), "utf-8")
    again = tmp_path / "again"
    assert main(["couplet", "train", "--data", str(data), "--valid", str(data), "--out", str(again),
                 "--init", str(export), "--min-count", "1", "--max-steps", "1", "--eval-every", "1",
                 "--batch-tokens", "64", "--threads", "1"]) == 0
    assert (again / "tokenizer" / "tokenizer.json").read_text("utf-8") == \
        (export / "tokenizer.json").read_text("utf-8")


def test_alignment_prior_pulls_towards_counted_answers():
    from engine.couplet.alignment import AlignmentTable
    from engine.couplet.tokens import build_tokenizer
    from engine.couplet.train import new_model
    from engine.couplet.writer import CoupletWriter

    tokenizer = build_tokenizer(HANZI)
    table = AlignmentTable.count([("天山", "地水"), ("天红", "地绿")] * 5, tokenizer, weight=50.0)
    writer = CoupletWriter(new_model(tokenizer, "tiny"), tokenizer, table)
    assert writer.write("天山", 1)[0].lower == "地水"  # a strong prior decides a random model


def test_cli_write_rejects_bad_input_before_loading(capsys):
    from engine.cli import main

    assert main(["couplet", "write", "abc"]) == 1
    assert "Chinese characters" in capsys.readouterr().err


def test_bundled_model_round_trip():
    from engine.couplet.writer import CoupletWriter
    from engine.runtime.store import ModelStore

    from engine.couplet.alignment import LabellerPrior

    writer = CoupletWriter.from_store(ModelStore(), "couplet")
    assert writer.model.dtype.is_floating_point and len(writer.tokenizer) > 5000
    assert isinstance(writer.alignment, LabellerPrior) and writer.alignment.weight > 0
    for upper in ["白日依山尽", "春回大地，福满人间", "风风雨雨"]:
        candidates = writer.write(upper, 5)
        assert len(candidates) == 5 and all(form_ok(upper, c.lower) for c in candidates)
    assert writer.hengpi("春回大地千山秀", "日照神州万木荣")
    # the bundled clause patterns and decoder: 7 + 4, not the commoner 4 + 7 (issue 36)
    assert writer.clauses("风声雨声读书声声声入耳") == [(0, 7), (7, 11)]
    assert writer.clauses("书山有路勤为径学海无涯") == [(0, 7), (7, 11)]


def test_a_traditional_line_is_written_as_its_simplified_one_and_answered_in_traditional(writer):
    from engine.chinese_script import to_simplified, to_traditional

    traditional, simplified = "東風長畫", "东风长画"  # every character differs between the scripts
    assert to_simplified(traditional) == simplified
    answers = writer.write(traditional, 3)
    assert [c.lower for c in answers] == [to_traditional(c.lower) for c in writer.write(simplified, 3)]
    assert all(c.upper == traditional for c in answers)
    assert writer.write(traditional, 3, exclude={answers[0].lower})[0].lower != answers[0].lower  # shown lines, either script
    assert writer.hengpi(traditional, "西雨短書") == [to_traditional(h) for h in writer.hengpi(simplified, "西雨短书")]


def test_cnn_labeller_labels_every_position_in_form(tmp_path):
    from engine.couplet.labeller import CnnLabeller, CnnLabellerConfig, label
    from engine.couplet.constraints import VocabularyClasses
    from engine.couplet.tokens import build_tokenizer

    tokenizer = build_tokenizer(HANZI)
    model = CnnLabeller(CnnLabellerConfig(vocab_size=len(tokenizer), hidden_size=16, num_layers=2))
    model.save_pretrained(tmp_path)
    model = CnnLabeller.from_pretrained(tmp_path).eval()
    uppers = ["白日依山尽", "春风，秋雨", "天地人和"]
    for upper, lower in zip(uppers, label(model, tokenizer, VocabularyClasses(tokenizer), uppers)):
        assert structure_ok(upper, lower), (upper, lower)


def test_labeller_prior_gives_a_distribution_per_place(tmp_path):
    import torch

    from engine.couplet.alignment import LabellerPrior
    from engine.couplet.labeller import CnnLabeller, CnnLabellerConfig
    from engine.couplet.tokens import build_tokenizer

    tokenizer = build_tokenizer(HANZI)
    CnnLabeller(CnnLabellerConfig(vocab_size=len(tokenizer), hidden_size=16, num_layers=1,
                                  prior_weight=2.0)).half().save_pretrained(tmp_path)
    prior = LabellerPrior.load(tmp_path)
    upper = tokenizer("白日依山尽", add_special_tokens=False)["input_ids"]
    table = prior.line_prior(upper, len(tokenizer))
    assert prior.weight == 2.0 and table.shape == (5, len(tokenizer)) and table.dtype == torch.float32
    assert torch.allclose(table.exp().sum(-1), torch.ones(5), atol=1e-4)
    assert prior.score(upper, upper[::-1], len(tokenizer)) < 0


def test_cnn_labeller_evaluate_scores_baseline_and_decoder_on_the_same_items(tmp_path):
    import lzma

    from transformers import AutoTokenizer

    from engine.cli import main
    from engine.couplet.labeller import CnnLabeller, CnnLabellerConfig
    from engine.paths import bundled_models_dir

    tokenizer_dir = bundled_models_dir() / "couplet"
    tokenizer = AutoTokenizer.from_pretrained(tokenizer_dir)
    cnn_dir = tmp_path / "cnn"
    CnnLabeller(CnnLabellerConfig(vocab_size=len(tokenizer), hidden_size=16, num_layers=1)).save_pretrained(cnn_dir)
    test = tmp_path / "test.jsonl.xz"
    pairs = [("白日依山尽", "黄河入海流"), ("春风，秋雨", "夏日，冬雪"), ("天地人和", "国泰民安")]
    with lzma.open(test, "wt", encoding="utf-8") as out:
        out.writelines(json.dumps({"up": up, "down": down}, ensure_ascii=False) + "\n" for up, down in pairs)
    report = tmp_path / "compare.json"
    assert main(["couplet", "labeller", "evaluate", "--model", str(cnn_dir), "--tokenizer", str(tokenizer_dir), "--models", "couplet",
                 "--beams", "4", "--test", str(test), "--json", str(report)]) == 0
    rows = json.loads(report.read_text(encoding="utf-8"))["rows"]
    assert [row["system"].split()[0] for row in rows] == ["cnn", "decoder"]
    assert all(row["n"] == 3 and row["structure_ok"] == 1.0 for row in rows)
    assert "bleu_p_vs_cnn" not in rows[0] and 0 < rows[1]["bleu_p_vs_cnn"] <= 1


def test_interleaved_copies_are_forced_and_cost_nothing():
    """A copy of the upper line's character is certain: the form processor allows only it, at
    log-probability 0, so untrained copy logits never reorder the beams."""
    import torch

    from engine.couplet.constraints import CoupletFormProcessor, VocabularyClasses
    from engine.couplet.tokens import build_tokenizer

    tokenizer = build_tokenizer(HANZI)
    layout = PairLayout(INTERLEAVED, tokenizer.bos_token_id, tokenizer.sep_token_id, tokenizer.eos_token_id)
    upper = tokenizer("天地", add_special_tokens=False)["input_ids"]
    prompt = layout.prompt(upper)
    processor = CoupletFormProcessor(["天地"], 1, len(prompt), VocabularyClasses(tokenizer), layout)
    scores = torch.randn(1, len(tokenizer))
    written = torch.tensor([prompt + tokenizer("山", add_special_tokens=False)["input_ids"]])
    out = processor(written, scores)  # the step after l1: the copy of 地
    assert torch.isfinite(out).sum() == 1 and out[0, upper[1]] == 0.0
    out = processor(torch.tensor([prompt]), scores)  # l1: any character but 天
    assert torch.isfinite(out[0, upper[0]]).item() is False and torch.isfinite(out).sum() > 10


def test_a_place_with_choices_writes_one_of_them_unless_the_rules_allow_none():
    """``ClauseContext.choices`` (the 藏头 writer's word partners) narrows a place to its
    characters; where the line's rules bar every one of them, the place keeps the rules alone."""
    import torch

    from engine.couplet.constraints import ClauseContext, CoupletFormProcessor, UpperLineProcessor, VocabularyClasses
    from engine.couplet.tokens import build_tokenizer

    tokenizer = build_tokenizer(HANZI)
    vocab = VocabularyClasses(tokenizer)
    ids = {c: tokenizer.convert_tokens_to_ids(c) for c in "天地山水"}
    layout = PairLayout(INTERLEAVED, tokenizer.bos_token_id, tokenizer.sep_token_id, tokenizer.eos_token_id)
    prompt = layout.prompt(tokenizer("天地", add_special_tokens=False)["input_ids"])
    scores = torch.randn(1, len(tokenizer))
    lower = CoupletFormProcessor(["天地"], 1, len(prompt), vocab, layout,
                                 contexts=[ClauseContext(choices={0: {"山", "水", "天"}})])
    out = lower(torch.tensor([prompt]), scores)
    assert {i for i in range(len(tokenizer)) if torch.isfinite(out[0, i])} == {ids["山"], ids["水"]}  # 天 is the upper line's
    barred = CoupletFormProcessor(["天地"], 1, len(prompt), vocab, layout, contexts=[ClauseContext(choices={0: {"天"}})])
    assert torch.isfinite(barred(torch.tensor([prompt]), scores)).sum() > 10

    upper = UpperLineProcessor(3, {0: "山"}, {"水"}, vocab, tokenizer.sep_token_id, choices={1: {"水", "地"}})
    out = upper(torch.tensor([[tokenizer.bos_token_id, ids["山"]]]), scores)
    assert [i for i in range(len(tokenizer)) if torch.isfinite(out[0, i])] == [ids["地"]]  # 水 is barred
