"""One command surface (DESIGN.md, issue #36): every verb and its arguments are declared in its
task's ``cli.py`` and reached through ``wenqi-cli``; no other module builds a parser. Read from
the source with ``ast``, then checked against the help ``wenqi-cli`` prints."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from engine.cli import TASK_CLI_MODULES, main

ROOT = Path(__file__).resolve().parent.parent


def builds_a_parser(tree: ast.AST) -> bool:
    """Whether the module calls ``argparse.ArgumentParser`` (under any name it imports it as)."""
    names = {"ArgumentParser"} | {alias.asname for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                                  and node.module == "argparse" for alias in node.names if alias.asname}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            called = node.func
            if isinstance(called, ast.Attribute) and called.attr == "ArgumentParser":
                return True
            if isinstance(called, ast.Name) and called.id in names:
                return True
    return False


def parsed(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), str(path))


def added_parsers(tree: ast.AST, on: str) -> list[str]:
    """The names of ``<on>.add_parser("name", ...)`` calls: a task's verbs when ``on`` is
    ``verbs``, the task itself when it is ``subparsers``."""
    return [node.args[0].value for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "add_parser"
            and isinstance(node.func.value, ast.Name) and node.func.value.id == on
            and node.args and isinstance(node.args[0], ast.Constant)]


def help_of(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as exited:
        main([*argv, "--help"])
    assert exited.value.code == 0
    return capsys.readouterr().out


def listed(verb: str, help_text: str) -> bool:
    """Whether ``--help`` lists the verb as a line of its own (argparse's subcommand list)."""
    return re.search(rf"^ {{4}}{re.escape(verb)}(\s|$)", help_text, re.MULTILINE) is not None


def test_the_check_sees_a_parser_under_any_name():
    assert builds_a_parser(ast.parse("import argparse\nargparse.ArgumentParser(prog='x')"))
    assert builds_a_parser(ast.parse("from argparse import ArgumentParser as P\ndef f():\n    return P()"))
    assert not builds_a_parser(ast.parse("import argparse\ndef add(p: argparse.ArgumentParser): p.add_argument('-x')"))


def test_only_cli_modules_build_argument_parsers():
    found = sorted(str(path.relative_to(ROOT)) for package in ("engine", "app", "widgets")
                   for path in (ROOT / package).rglob("*.py") if path.name != "cli.py" and builds_a_parser(parsed(path)))
    assert found == []


def test_wenqi_cli_help_lists_every_task_and_every_verb_each_declares(capsys):
    top = help_of([], capsys)
    for name in ("info", "soup", "training-bench"):
        assert listed(name, top), name
    for module in TASK_CLI_MODULES:
        tree = parsed(ROOT / (module.replace(".", "/") + ".py"))
        (task,) = added_parsers(tree, "subparsers")
        assert listed(task, top), task
        verbs = added_parsers(tree, "verbs")
        assert len(verbs) >= 2, module
        task_help = help_of([task], capsys)
        assert [verb for verb in verbs if not listed(verb, task_help)] == [], task


def test_the_xiangqi_tools_are_verbs(capsys):
    task_help = help_of(["xiangqi"], capsys)
    for verb in ("train", "bench", "tune", "eval-compare"):
        assert listed(verb, task_help), verb
    assert "movegen" in help_of(["xiangqi", "bench"], capsys)


def test_python_m_xiangqi_train_still_runs_the_verb():
    """Resumed training runs start with ``python -m engine.xiangqi.train ARGS``: it forwards."""
    result = subprocess.run([sys.executable, "-m", "engine.xiangqi.train", "--help"], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: wenqi-cli xiangqi train")
    assert "--dropout" in result.stdout and "--label-smoothing" in result.stdout


def test_the_app_keeps_qt_arguments_and_reads_its_own():
    from app.cli import parse_arguments

    args = parse_arguments(["wenqi", "-platform", "offscreen", "--bench-attention", "xiangqi-gpt",
                            "--bench-tokens", "64", "--bench-json", "out.json"])
    assert (args.bench_attention, args.bench_tokens, args.bench_json, args.self_test) == (
        "xiangqi-gpt", 64, Path("out.json"), False)
