"""Puzzles: the mate prover, the builder (one winning first move, or left out), the bundled set,
Glicko-2 against the paper's worked example, progress kept across starts, and puzzle mode."""

from __future__ import annotations

import json
import lzma
import random

import pytest
from PySide6.QtCore import QCoreApplication

from widgets.fonts import install_ui_font
from app.i18n import install_translators
from engine.cli import main
from engine.data import shared_data_dir
from engine.xiangqi import Board, Move
from engine.xiangqi.glicko import Glicko, PuzzleProgress, choose_next
from engine.xiangqi.mates import MateProver
from engine.xiangqi.puzzles import (
    Candidate,
    Puzzle,
    PuzzleSession,
    build_puzzles,
    bundled_path,
    check_position,
    check_puzzle,
    load_puzzles,
    wukong_candidates,
)

TWO_ROOKS = "3k5/9/9/9/9/9/9/9/R8/R3K4 w - - 0 1"  # a0d0, a1a8 (困毙) and a1d1 all win at once


@pytest.fixture(scope="module")
def bundled() -> list[Puzzle]:
    return load_puzzles()


def first_of(puzzles: list[Puzzle], n: int, offset: int = 0) -> Puzzle:
    return [p for p in puzzles if p.n == n][offset]


def test_the_prover_counts_a_no_move_position_as_lost():
    board = Board(TWO_ROOKS)
    winners = MateProver().winning_moves(board, 1)
    assert [m.iccs() for m in winners] == ["a0d0", "a1a8", "a1d1"]
    board.push_iccs("a1a8")
    assert not board.is_check() and board.outcome().winner is not None  # 困毙: black cannot move


def test_a_puzzle_with_two_winning_first_moves_is_rejected(bundled):
    unique = first_of(bundled, 1)
    puzzles, report = build_puzzles([Candidate("two", "test", (Board(TWO_ROOKS),), 1),
                                     Candidate("one", "test", (unique.board(),), 1)])
    assert [p.id for p in puzzles] == ["one"] and puzzles[0].line[0] == unique.line[0]
    assert report.as_dict()["left_out_by_source_and_reason"] == {"test": {"several_winning_moves": 1}}
    assert report.as_dict()["kept_by_source_and_n"] == {"test": {"n1": 1}}


def test_a_position_without_a_win_or_seen_twice_is_left_out(bundled):
    unique = first_of(bundled, 2)
    _, report = build_puzzles([Candidate("start", "test", (Board(),), 2), Candidate("a", "test", (unique.board(),), 2),
                               Candidate("b", "test", (unique.board(),), 2), Candidate("c", "test", (), 3, skip="x")])
    assert report.left_out == {("test", "no_win"): 1, ("test", "duplicate"): 1, ("test", "x"): 1}


def test_the_bundled_set_is_large_checked_and_small(bundled):
    assert len(bundled) >= 3000 and bundled_path().stat().st_size < 1_000_000
    assert {p.n for p in bundled} == {1, 2, 3} and {"wukong", "ccpd"} <= {p.source for p in bundled}
    assert len({p.fen.rsplit(" ", 2)[0] for p in bundled}) == len(bundled)
    for n in (1, 2, 3):  # the first of each N, replayed against the prover (the CLI checks them all)
        assert check_puzzle(first_of(bundled, n)) == ""


def test_a_session_judges_moves_and_defends(bundled):
    puzzle = first_of(bundled, 2)
    session = PuzzleSession(puzzle)
    wrong = next(m for m in session.board.legal_moves() if m.iccs() != puzzle.line[0])
    attempt = session.try_move(wrong)
    assert attempt.verdict == "wrong" and session.failed and session.board.fen() == puzzle.fen
    after_wrong = Board(puzzle.fen)
    after_wrong.push(wrong)
    assert attempt.refutation in after_wrong.legal_moves()  # the defence that escapes
    assert session.try_move(Move.from_iccs(puzzle.line[0])).verdict == "right"
    reply = session.defence()
    session.play_defence(reply)
    assert session.hint() in session.board.legal_moves()
    assert session.try_move(session.hint()).verdict == "solved" and session.solved


def test_glicko2_matches_the_papers_worked_example():
    after = Glicko(1500, 200, 0.06).update([(Glicko(1400, 30), 1), (Glicko(1550, 100), 0), (Glicko(1700, 300), 0)])
    assert after.rating == pytest.approx(1464.06, abs=0.02)  # Glickman (2013): 1464.06, 151.52, 0.05999
    assert after.deviation == pytest.approx(151.52, abs=0.01)
    assert after.volatility == pytest.approx(0.05999, abs=1e-5)
    assert Glicko().update([]).deviation == 350


def test_progress_rises_falls_and_survives_a_restart():
    progress = PuzzleProgress()
    gain = progress.record("a", 1500, True)
    assert gain > 0 and progress.streak == 1
    assert progress.record("b", 1000, True) > 0 and progress.streak == 2
    assert progress.record("c", 1400, False) < 0 and progress.streak == 0 and progress.best_streak == 2
    again = PuzzleProgress.from_dict(json.loads(json.dumps(progress.to_dict())))
    assert again == progress and again.tried() == {"a", "b", "c"}
    assert PuzzleProgress.from_dict({"rating": "broken"}) == PuzzleProgress()


def test_the_next_puzzle_is_near_the_rating():
    puzzles = [Puzzle(str(r), "t", "", 1, (), r) for r in range(800, 2400, 10)]
    chosen = choose_next(puzzles, 1500, {"1500"}, random.Random(0), nearest=5)
    assert abs(chosen.rating - 1500) <= 30 and chosen.id != "1500"
    assert choose_next([], 1500, set()) is None


def test_cli_builds_and_checks(tmp_path, capsys, bundled):
    data = tmp_path / "data"
    (data / "xiangqi-wukong").mkdir(parents=True)
    (data / "xiangqi-ccpd").mkdir()
    rows = [{"id": "puzzle_0", "fen": first_of(bundled, 1).fen, "title": "Mate in 1 move"},
            {"id": "puzzle_1", "fen": TWO_ROOKS, "title": "Mate in 1 move"},
            {"id": "puzzle_2", "fen": TWO_ROOKS, "title": "Mate in 5 moves"}]
    with lzma.open(data / "xiangqi-wukong" / "mate_puzzles_verified.jsonl.xz", "wt", encoding="utf-8") as handle:
        handle.write("".join(json.dumps(row) + "\n" for row in rows))
    for name in ("positions_and_lines", "games_train", "games_valid", "games_test"):
        with lzma.open(data / "xiangqi-ccpd" / f"{name}.jsonl.xz", "wt") as handle:
            handle.write("")
    out = tmp_path / "puzzles.jsonl.gz"
    assert main(["xiangqi", "puzzles", "build", "--data", str(data), "--out", str(out)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["kept_by_source_and_n"] == {"wukong": {"n1": 1}}
    assert report["left_out_by_source_and_reason"] == {"wukong": {"several_winning_moves": 1, "titled_n5": 1}}
    assert main(["xiangqi", "puzzles", "check", "--puzzles", str(out)]) == 0
    assert "1 of 1 puzzles hold" in capsys.readouterr().out
    broken = [Puzzle("x", "t", TWO_ROOKS, 1, ("a0d0",), 1000)]
    from engine.xiangqi.puzzles import save_puzzles

    save_puzzles(broken, out)
    assert main(["xiangqi", "puzzles", "check", "--puzzles", str(out)]) == 1
    assert "several_winning_moves 1" in capsys.readouterr().out


@pytest.mark.skipif(shared_data_dir() is None, reason="../shared/data is not present")
def test_the_first_wukong_puzzles_build():
    path = shared_data_dir() / "xiangqi-wukong" / "mate_puzzles_verified.jsonl.xz"
    candidates = [c for _, c in zip(range(12), wukong_candidates(path))]
    puzzles, report = build_puzzles(candidates)
    assert len(puzzles) + sum(report.left_out.values()) == 12 and len(puzzles) >= 9
    for puzzle in puzzles:
        assert check_position(puzzle.board(), puzzle.n).winners[0].iccs() == puzzle.line[0]


# -- puzzle mode in the tab ------------------------------------------------------------------


def play(qtbot, mode, text: str) -> None:
    mode.view.moveRequested.emit(Move.from_iccs(text))
    qtbot.waitUntil(lambda: not mode._job.busy, timeout=30_000)


def test_puzzle_mode_solves_fails_and_rates(qtbot, xiangqi_tab, bundled, services):
    tab = xiangqi_tab()
    mode = tab.puzzles
    tab.puzzles.enter_action.trigger()
    assert mode.isVisible() and not tab.board_box.isVisible() and not tab.undo_action.isEnabled()
    rating = mode.progress.rating.rating
    for offset in range(2):  # two mates in 1
        puzzle = first_of(bundled, 1, offset)
        mode.start_puzzle(puzzle)
        play(qtbot, mode, puzzle.line[0])
        assert mode.session.solved and "solved" in mode.feedback.text()
    assert mode.progress.rating.rating > rating and mode.progress.streak == 2
    puzzle = first_of(bundled, 2)  # a mate in 2: the defence answers
    mode.start_puzzle(puzzle)
    play(qtbot, mode, puzzle.line[0])
    qtbot.waitUntil(lambda: mode.session.board.turn == mode.session.solver, timeout=10_000)
    assert mode.view.board.turn in mode.view.movable
    finish = MateProver().winning_moves(mode.session.board, 1, stop_at=1)[0]
    play(qtbot, mode, finish.iccs())
    assert mode.session.solved and mode.progress.streak == 3
    high = mode.progress.rating.rating
    puzzle = first_of(bundled, 2, 1)  # fail one
    mode.start_puzzle(puzzle)
    wrong = next(m for m in puzzle.board().legal_moves() if m.iccs() != puzzle.line[0])
    play(qtbot, mode, wrong.iccs())
    assert "not it" in mode.feedback.text() and mode.progress.streak == 0 and mode.progress.rating.rating < high
    assert mode.view.board.move_stack[-1] == wrong  # the wrong move on the board, the refutation as an arrow
    mode.retry()
    assert mode.view.board.fen() == puzzle.fen and mode.rated  # a retry does not rate twice
    assert mode.history.item(0).text().startswith("✗  " + puzzle.label()) and mode.history.count() == 4
    session = mode.session
    qtbot.keyClick(tab, "N")  # the Next button's shortcut
    qtbot.waitUntil(lambda: mode.session is not session, timeout=2_000)
    assert mode.session.puzzle.id not in {p for p, _, _ in mode.progress.history}
    mode.buttons["back"].click()
    assert not mode.isVisible() and tab.board_box.isVisible() and tab.undo_action.isEnabled() is False
    again = xiangqi_tab()  # a restart: the same settings
    assert again.puzzles.progress == mode.progress


def test_hint_shows_a_winning_move_and_counts_as_failed(qtbot, xiangqi_tab, bundled):
    tab = xiangqi_tab()
    tab.puzzles.enter()
    mode = tab.puzzles
    puzzle = first_of(bundled, 3)
    mode.start_puzzle(puzzle)
    mode.hint()
    qtbot.waitUntil(lambda: not mode._job.busy, timeout=30_000)
    assert mode.view.arrows[0][0].iccs() == puzzle.line[0] and mode.progress.history[-1][1] is False


def test_a_hinted_puzzle_is_not_called_solved_and_reopening_shows_the_next(qtbot, xiangqi_tab, bundled):
    tab = xiangqi_tab()
    tab.set_notation("wxf")
    tab.puzzles.enter()
    mode = tab.puzzles
    puzzle = first_of(bundled, 1)
    mode.start_puzzle(puzzle)
    assert mode.task.text().endswith("to move and win in one move.")  # no "move(s)" (issue #34)
    mode.hint()
    qtbot.waitUntil(lambda: not mode._job.busy, timeout=30_000)
    play(qtbot, mode, puzzle.line[0])
    assert mode.session.solved and "solved with a hint, so it counts as failed" in mode.feedback.text()
    assert mode.progress.history[-1][1] is False
    mode.leave()
    tab.puzzles.enter()  # the finished puzzle is not shown again (issue #34)
    assert mode.session.puzzle.id != puzzle.id and not mode.finished


def test_puzzle_messages_write_moves_as_the_move_list_does(qtbot, xiangqi_tab, bundled):
    tab = xiangqi_tab()
    tab.set_notation("wxf")
    tab.puzzles.enter()
    mode = tab.puzzles
    puzzle = first_of(bundled, 2, 1)
    mode.start_puzzle(puzzle)
    assert "within 2 moves." in mode.task.text()
    wrong = next(m for m in puzzle.board().legal_moves() if m.iccs() != puzzle.line[0])
    play(qtbot, mode, wrong.iccs())
    text = mode.feedback.text()
    assert text.startswith(puzzle.board().wxf(wrong) + " is not it") and " ." not in text and "  " not in text
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in text), text  # English with WXF moves, no Chinese


@pytest.mark.parametrize("language", ["en", "zh"])
def test_puzzle_screenshot(qapp, qtbot, xiangqi_tab, bundled, language, artifacts):
    install_ui_font(qapp)
    translators = install_translators(qapp, language)
    try:
        tab = xiangqi_tab()
        tab.resize(1100, 720)
        tab.puzzles.enter()
        mode = tab.puzzles
        puzzle = first_of(bundled, 2, 2)
        mode.start_puzzle(puzzle)
        wrong = next(m for m in puzzle.board().legal_moves() if m.iccs() != puzzle.line[0])
        play(qtbot, mode, wrong.iccs())
        qtbot.waitUntil(lambda: not mode.view.is_animating(), timeout=5_000)
        text = mode.feedback.text()
        assert "  " not in text and " ." not in text and " 。" not in text, text  # one sentence, no stray spaces
        assert tab.grab().save(str(artifacts / f"xiangqi_puzzles_{language}.png"))
    finally:
        for translator in translators:
            QCoreApplication.removeTranslator(translator)
