"""Answer accuracy on a test file (EVAL.md), and the confidence's calibration on held-out problems.

    wenqi-cli math evaluate --test ../shared/data/math-ape210k/test.ape.json.xz \
        --model runs/mathwp/tree/export --json runs/mathwp/tree/ape210k_test.json
    wenqi-cli math calibrate --model resources/models/mathwp --valid runs/mathwp/data/valid.jsonl

A problem counts as solved when the chosen equation's exact value equals the gold answer
within a relative tolerance of 1e-4. An equation that fails to parse or evaluate is wrong;
so is a gold answer that does not parse (those are listed by id). ``accuracy`` is the
solver's: the best-ranked candidate that passes the check (:func:`rank_passing`).
``accuracy_unchecked`` takes the top beam as it is; ``check_gain`` is what the check adds
(the first beam that parses, evaluates and is plausible, over the top beam) and
``rank_gain`` what the ranking adds on top of that. ``vote_gain`` is what
letting the passing candidates vote would add (:func:`rank_by_answer`; the solver does not
vote because it gains nothing on the held-out problems: the model card has the numbers).
``reliability`` is the accuracy per bucket of the confidence the solver shows (calibrated by
the model's config, :mod:`engine.mathwp.calibration`) and ``calibration_error`` its gap to it;
``guesses`` counts the answers the tab calls a guess and ``guess_accuracy`` is how many are right.

A problem that is itself an expression or equation (``280/4+360．``, ``解方程：x+4.8=5x．``;
124 of Ape210K test's 5,000) is evaluated exactly with no model, as the solver does, and
counted in ``typed_expressions``.
Lines need ``original_text`` and ``ans`` (CM17K's ``raw_text`` and CMATH's ``input`` /
``golden`` are read too).

:func:`calibrate` fits the confidence's :class:`~engine.mathwp.calibration.Calibration` on
held-out problems decoded here and writes it into the model's ``config.json``.
"""

from __future__ import annotations

import json
import sys
import time
from fractions import Fraction
from pathlib import Path

from engine.data import read_jsonl
from engine.mathwp.calibration import CONFIG_KEY, Calibration, calibration_error, fit, reliability
from engine.mathwp.data import Problem, answers_match, parse_answer
from engine.mathwp.expression import ExpressionError
from engine.mathwp.solver import (DEFAULT_BEAMS, GUESS_BELOW, MODEL_NAME, Candidate, MathSolver, ProblemError,
                                  answer_probability, check_candidates, check_problem, looks_like_equation,
                                  rank_passing, solve_equation)
from engine.runtime.jobs import JobContext


def _text_and_gold(record: dict) -> tuple[str, object]:
    # CM17K's raw_text is its original_text before word segmentation
    text = record.get("raw_text") or record.get("original_text") or record.get("input") or ""
    gold = record["ans"] if "ans" in record else record.get("golden")
    return str(text), gold


def evaluate_records(solver: MathSolver, records: list[dict], batch_size: int = 32,
                     ctx: JobContext | None = None) -> tuple[dict, list[dict]]:
    """(metrics, one prediction dict per record)."""
    ctx = ctx or JobContext()
    solver.load(ctx)  # once, with its progress; each batch's own load is then a silent cache hit
    quiet = JobContext(cancel_token=ctx.cancel_token)
    predictions: list[dict] = []
    start = time.perf_counter()
    for offset in range(0, len(records), batch_size):
        ctx.progress(offset / max(len(records), 1), f"{offset}/{len(records)} problems")
        batch = records[offset:offset + batch_size]
        rows, problems, questions = [], [], []  # those the model gets
        for number, record in enumerate(batch, offset + 1):
            text, gold = _text_and_gold(record)
            row = {"id": record.get("id", number), "gold": str(gold), "equation": None, "answer": None,
                   "correct": False, "correct_beam_order": False, "correct_unchecked": False,
                   "correct_voted": False}
            try:
                gold_value = parse_answer(gold)
            except ExpressionError:
                gold_value, row["unparsable_gold"] = None, True
            predictions.append(row)
            if looks_like_equation(text):  # as the solver does: evaluated exactly, no model
                _score_typed(row, text, gold_value)
                continue
            try:
                question = check_problem(text)
            except ProblemError as exc:
                row["error"] = str(exc)
                continue
            row["_gold"] = gold_value
            rows.append(row)
            questions.append(question)
            problems.append(Problem.from_text(question))
        if problems:
            for row, problem, question, scored in zip(rows, problems, questions, solver.generate(problems, quiet)):
                _score_row(row, check_candidates(problem, question, scored), solver.calibration)
    seconds = time.perf_counter() - start
    n = len(predictions)
    correct = sum(r["correct"] for r in predictions)
    beam_order = sum(r["correct_beam_order"] for r in predictions)
    unchecked = sum(r["correct_unchecked"] for r in predictions)
    voted = sum(r["correct_voted"] for r in predictions)
    parsable = sum(not r.get("unparsable_gold") for r in predictions)
    shown = [r for r in predictions if r.get("confidence") is not None]  # answers with the model's confidence
    table = reliability([r["confidence"] for r in shown], [r["correct"] for r in shown])
    guesses = [r for r in shown if r["confidence"] < GUESS_BELOW]
    metrics = {
        "accuracy": round(correct / n, 4) if n else 0.0,
        "n": n,
        "accuracy_unchecked": round(unchecked / n, 4) if n else 0.0,
        "check_gain": round((beam_order - unchecked) / n, 4) if n else 0.0,
        "rank_gain": round((correct - beam_order) / n, 4) if n else 0.0,
        "vote_gain": round((voted - correct) / n, 4) if n else 0.0,
        # CM17K's equation sets have two answers: this is the accuracy over the rest
        "accuracy_on_parsable_gold": round(correct / parsable, 4) if parsable else 0.0,
        "no_valid_candidate": sum(r["equation"] is None and not r.get("typed") for r in predictions),
        "typed_expressions": sum(bool(r.get("typed")) for r in predictions),
        "typed_expressions_correct": sum(r["correct"] for r in predictions if r.get("typed")),
        "unparsable_gold": [r["id"] for r in predictions if r.get("unparsable_gold")],
        "reliability": table,
        "calibration_error": calibration_error(table),
        "guesses": len(guesses),
        "guess_accuracy": round(sum(r["correct"] for r in guesses) / len(guesses), 4) if guesses else 0.0,
        "beams": solver.beams,
        "seconds_per_problem": round(seconds / n, 4) if n else 0.0,
    }
    for row in predictions:
        row.pop("_gold", None)
    return metrics, predictions


def rank_by_answer(passing: list[Candidate]) -> list[Candidate]:
    """Candidates ordered by the summed probability of all those with their value (several
    equations for one answer as evidence for it), beam order within a value."""
    return sorted(passing, key=lambda candidate: -answer_probability(passing, candidate.value))  # stable


def _score_typed(row: dict, text: str, gold: Fraction | None) -> None:
    """A problem that is a bare expression (``280/4+360．``): the solver's exact answer. The
    model plays no part, so it counts the same with or without the check and the ranking."""
    row["typed"] = True
    try:
        solution = solve_equation(text)
    except ExpressionError as exc:
        row["error"] = str(exc)
        return
    right = gold is not None and answers_match(solution.answer.value, gold)
    row["equation"], row["answer"] = solution.equation, str(solution.answer.value)
    for key in ("correct", "correct_beam_order", "correct_unchecked", "correct_voted"):
        row[key] = right


def _score_row(row: dict, checked: list[Candidate], calibration: Calibration) -> None:
    gold: Fraction | None = row["_gold"]

    def right(candidate: Candidate) -> bool:
        return candidate.value is not None and gold is not None and answers_match(candidate.value, gold)

    passing = rank_passing(checked)
    if passing:
        assert passing[0].equation is not None  # a passing candidate is solved
        row["equation"] = passing[0].equation.text()
        row["answer"] = str(passing[0].value)
        row["correct"] = right(passing[0])
        row["correct_beam_order"] = right(next(c for c in checked if c.valid))
        row["correct_voted"] = right(rank_by_answer(passing)[0])
        row["raw_confidence"] = answer_probability(passing, passing[0].value)
        row["confidence"] = calibration(row["raw_confidence"])
    row["top_beam"] = checked[0].target if checked else None
    row["correct_unchecked"] = bool(checked) and right(checked[0])


def evaluate_file(test: Path, model: str | None = None, limit: int | None = None, beams: int | None = None,
                  batch_size: int = 32, device: str = "auto", threads: int = 0, json_out: Path | None = None,
                  predictions_out: Path | None = None) -> dict:
    """The metrics of :func:`evaluate_records` on a JSON lines file (printed, and written to
    ``json_out``); one prediction a line to ``predictions_out``."""
    from engine.cli import print_progress, write_metrics
    from engine.runtime.device import choose_device
    from engine.runtime.store import ModelStore

    records = list(read_jsonl(test, limit=limit))
    solver = MathSolver(ModelStore(), model or MODEL_NAME, choose_device(device, threads).device,
                        beams or DEFAULT_BEAMS)
    metrics, predictions = evaluate_records(solver, records, batch_size, JobContext(on_progress=print_progress))
    print(file=sys.stderr)
    metrics = {"test": str(test), "model": solver.load().source, **metrics}
    if predictions_out:
        predictions_out.parent.mkdir(parents=True, exist_ok=True)
        with open(predictions_out, "w", encoding="utf-8") as handle:
            for row in predictions:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    write_metrics(metrics, json_out)
    return metrics


def _print_table(title: str, table: list[dict]) -> None:
    print(f"{title} (calibration error {calibration_error(table):.3f})")
    print("confidence   n     mean   accuracy")
    for row in table:
        print(f"{row['from']:.2f}-{row['to']:.2f}  {row['n']:5d}  {row['confidence']:.3f}  {row['accuracy']:.3f}")


def calibrate(model: Path, valid: Path, threads: int = 1, json_out: Path | None = None) -> dict:
    """Decode the held-out problems ``valid`` once, fit the confidence's calibration, print
    the reliability tables (raw, calibrated, fitted on one half and measured on the other),
    write the fit into ``model``'s ``config.json`` and return the report."""
    from engine.runtime.device import choose_device
    from engine.runtime.store import ModelStore

    solver = MathSolver(ModelStore(), str(model), choose_device("cpu", threads).device)
    _, predictions = evaluate_records(solver, list(read_jsonl(valid)))
    shown = [row for row in predictions if row.get("raw_confidence") is not None]
    raw = [row["raw_confidence"] for row in shown]
    correct = [row["correct"] for row in shown]
    calibration = fit(raw, correct)
    halves = (slice(0, None, 2), slice(1, None, 2))
    crossed = [(fit(raw[one], correct[one])(p), y) for one, other in (halves, halves[::-1])
               for p, y in zip(raw[other], correct[other])]
    tables = {
        "raw": reliability(raw, correct),
        "calibrated": reliability([calibration(p) for p in raw], correct),
        "calibrated_on_the_other_half": reliability(*zip(*crossed)),
    }
    report = {"valid": str(valid), "answers": len(shown), CONFIG_KEY: calibration.to_json(), **tables}
    _print_table("raw", tables["raw"])
    _print_table(f"calibrated {report[CONFIG_KEY]}", tables["calibrated"])
    _print_table("fitted on one half, measured on the other", tables["calibrated_on_the_other_half"])
    config_file = model / "config.json"
    config = json.loads(config_file.read_text(encoding="utf-8"))
    config[CONFIG_KEY] = calibration.to_json()
    config_file.write_text(json.dumps(config, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    if json_out:
        json_out.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    return report
