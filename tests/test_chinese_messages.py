"""In the Chinese UI, a refused input is explained in Chinese: the engine raises errors with a
kind and parameters, the tab says them through its translations (issue 26's English texts)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QCoreApplication

from app.i18n import install_translators
from engine.runtime.store import ModelStore
from widgets.couplet_tab import CoupletTab

HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def chinese(qapp):
    translators = install_translators(qapp, "zh")
    assert translators, "the Chinese translations did not load"
    yield
    for translator in translators:
        QCoreApplication.removeTranslator(translator)


def assert_chinese(text: str) -> None:
    assert text and not text.isascii() and HAN.search(text), text


@pytest.mark.parametrize("upper", ["", "hello world", "春风😀得意", "天" * 41])
def test_couplet_refusals_are_chinese(chinese, qtbot, services, tmp_path, upper):
    services.store = ModelStore(bundled_dir=tmp_path / "none")
    tab = CoupletTab(services)
    qtbot.addWidget(tab)
    tab.input.setText(upper)
    tab.write()
    assert_chinese(tab.message.text())
