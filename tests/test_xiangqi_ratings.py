"""The rating fit (engine.xiangqi.ratings): the logistic model's answer on results with a known
solution, the anchor, and the virtual draw that keeps a perfect score finite."""

import json
import math

import pytest

from engine.xiangqi.ratings import fit, read_results


def test_one_pair_gives_the_logistic_difference():
    ratings = fit([("engine", "L2", 30, 40)])  # 30.5 of 41 with the virtual draw
    assert ratings["L2"] == (1500.0, 0.0)
    assert ratings["engine"][0] == pytest.approx(1500 + 400 * math.log10(30.5 / 10.5), abs=0.5)


def test_a_chain_adds_up_and_a_perfect_score_stays_finite():
    ratings = fit([("L2", "L3", 10, 20), ("engine", "L3", 20, 20)])
    assert ratings["L3"][0] == pytest.approx(1500, abs=0.5)
    assert ratings["engine"][0] == pytest.approx(1500 + 400 * math.log10(20.5 / 0.5), abs=0.5)
    assert ratings["engine"][1] > ratings["L3"][1] > 0


def test_the_anchor_must_have_played():
    with pytest.raises(ValueError):
        fit([("engine", "L3", 5, 10)])


def test_reads_match_and_ladder_files(tmp_path):
    match = tmp_path / "match.json"
    match.write_text(json.dumps({"player": "engine+gpt", "level": "search", "scores": [
        {"opponent": "Fairy-Stockfish L3", "games": 4, "wins": 2, "draws": 1, "losses": 1}]}))
    ladder = tmp_path / "ladder.json"
    ladder.write_text(json.dumps({"scores": [
        {"player": "L2", "opponent": "L3", "games": 2, "wins": 0, "draws": 0, "losses": 2}]}))
    assert read_results([match, ladder]) == [("search", "L3", 2.5, 4), ("L2", "L3", 0.0, 2)]
