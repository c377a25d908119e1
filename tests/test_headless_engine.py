"""engine never imports Qt; the CLI works without a display."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_importing_the_engine_loads_no_qt():
    code = ("import sys, engine, engine.runtime, engine.cli, engine.decoding; engine.cli.build_parser(); "
            "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'pyqtgraph')]; "
            "print(bad); sys.exit(1 if bad else 0)")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_cli_info_names_the_device(capsys):
    from engine.cli import main

    assert main(["info", "--device", "cpu"]) == 0
    out = capsys.readouterr().out
    assert "CPU ·" in out and "torch" in out and "transformers" in out
    assert main(["info", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert {"device", "models", "torch", "wenqi"} <= set(report)


def test_cli_without_a_command_prints_help(capsys):
    from engine.cli import main

    assert main([]) == 2
    assert "usage" in capsys.readouterr().out.lower()
