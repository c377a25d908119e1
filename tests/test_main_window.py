"""The main window: tabs, menus, status bar, About, fonts, and a screenshot."""


import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics, QImage, QPainter

from widgets.fonts import install_ui_font, load_bundled_fonts
from app.i18n import install_translators
from app.main_window import MainWindow
from app.tabs import TabSpec
from engine.paths import log_file



@pytest.fixture
def window(qtbot, services):
    win = MainWindow(services)
    qtbot.addWidget(win)
    win.show()
    return win


def test_window_has_home_menus_and_device(qtbot, window, services):
    assert window.tabs.count() >= 1
    assert window.tabs.widget(0) is window.welcome
    menus = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert len(menus) == 3
    # The device is chosen once torch has loaded, after the window shows: until then it says so.
    assert not services.device_known
    assert window.status.device_label.text() == "Loading PyTorch…"
    with qtbot.waitSignal(services.librariesLoaded, timeout=60_000) as loaded:
        services.load_libraries()
    assert loaded.args == [""]
    assert window.status.device_label.text() == services.device.label
    assert services.device.label.split(" · ")[0] in window.welcome.label.text()


def test_the_window_says_when_torch_cannot_be_loaded(qtbot, window, services, monkeypatch):
    def broken():
        raise OSError("c10.dll: a DLL initialization routine failed")

    monkeypatch.setattr("widgets.services.import_model_libraries", broken)
    with qtbot.waitSignal(services.librariesLoaded, timeout=10_000):
        services.load_libraries()
    assert window.status.device_label.text() == "PyTorch could not be loaded"
    assert "c10.dll" in window.status.device_label.toolTip()


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_title_names_the_app_once(qapp, qtbot, services, language):
    """Qt appends the display name to a title that does not end with it: 'Wenqi 文棋 — 文棋 Wenqi'."""
    from PySide6.QtCore import QCoreApplication

    from app import DISPLAY_NAME

    qapp.setApplicationDisplayName(DISPLAY_NAME)  # as app.main does
    translators = install_translators(qapp, language)
    try:
        win = MainWindow(services)
        qtbot.addWidget(win)
        assert win.windowTitle().endswith(qapp.applicationDisplayName())
    finally:
        for translator in translators:
            QCoreApplication.removeTranslator(translator)


def test_about_names_versions_device_and_log(window, services):
    text = window.about_text()
    assert services.device.label in text and str(log_file()) in text and "transformers" in text


def test_a_tab_that_fails_to_load_shows_an_error_not_a_crash(qtbot, services):
    win = MainWindow(services, tabs=[TabSpec("broken", "widgets.does_not_exist", "Nope")])
    qtbot.addWidget(win)
    assert win.tabs.count() == 2
    assert "could not be loaded" in win.tabs.widget(1).text()


def test_status_bar_shows_a_running_job_with_cancel(window, services, qtbot):
    import threading

    release = threading.Event()

    def job(ctx):
        ctx.progress(0.25, "loading")
        while not release.wait(0.01):
            ctx.check()

    handle = services.runner.submit(job, "Demo job")
    qtbot.waitUntil(lambda: window.status.progress.value() == 250, timeout=5000)
    assert window.status.cancel_button.isVisible()
    assert "Demo job" in window.status.job_label.text()
    window.status.cancel_button.click()
    qtbot.waitUntil(lambda: handle.state == "cancelled", timeout=2000)
    assert not window.status.cancel_button.isVisible()


def test_bundled_cjk_font_covers_the_ui(qapp):
    families = load_bundled_fonts()
    assert "Wenqi Sans" in families
    metrics = QFontMetrics(QFont("Wenqi Sans"))
    for char in "文棋象棋对联数学摘要注意力帅仕相马车炮兵将士象卒楚河汉界車馬進":
        assert metrics.inFontUcs4(ord(char)), char


def _render(char: str, font: QFont) -> QImage:
    image = QImage(64, 64, QImage.Format.Format_Grayscale8)
    image.fill(255)
    painter = QPainter(image)
    painter.setFont(font)
    painter.drawText(image.rect(), Qt.AlignmentFlag.AlignCenter, char)
    painter.end()
    return image


def test_chinese_renders_as_glyphs_not_tofu(qapp):
    """Missing glyphs all draw the same box; real glyphs differ from each other."""
    font = install_ui_font(qapp)
    font.setPixelSize(40)
    images = [_render(c, font) for c in "文棋汉界"]
    assert all(images[0] != other for other in images[1:])
    assert images[0] != _render(" ", font)


def test_screenshot_of_the_main_window_in_chinese(qapp, qtbot, services, artifacts):
    translators = install_translators(qapp, "zh")
    try:
        install_ui_font(qapp)
        win = MainWindow(services)
        qtbot.addWidget(win)
        win.resize(1000, 700)
        win.show()
        qtbot.waitExposed(win)
        assert win.tabs.tabText(0) == "首页"
        path = artifacts / "main_window.png"
        assert win.grab().toImage().save(str(path))
        assert path.stat().st_size > 10_000
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)


def test_the_status_bar_names_the_model_of_the_tab_shown_or_of_the_running_job(window, services, qtbot):
    """Issue 26: it said "Model: couplet" while the xiangqi GPT was playing."""
    import threading

    tab = {key: window.findChild(object, f"tab-{key}") for key in ("couplet", "math", "attention")}
    label = window.status.model_label
    window.tabs.setCurrentWidget(tab["couplet"])
    assert label.text() == "Model: couplet"
    window.tabs.setCurrentWidget(tab["math"])
    assert label.text() == "Model: mathwp"
    window.tabs.setCurrentWidget(window.welcome)
    assert label.text() == ""  # no model there
    window.tabs.setCurrentWidget(tab["attention"])
    assert label.text() == f"Model: {tab['attention'].model_name()}" and tab["attention"].model_name()

    release = threading.Event()
    handle = services.runner.submit(lambda ctx: release.wait(5), "GPT move", model="xiangqi-gpt")
    assert label.text() == "Model: xiangqi-gpt"  # the running job's model, whichever tab is shown
    window.tabs.setCurrentWidget(tab["couplet"])
    assert label.text() == "Model: xiangqi-gpt"
    release.set()
    qtbot.waitUntil(lambda: handle.state == "done", timeout=5000)
    assert label.text() == "Model: couplet"  # the job ended: the tab's own again

    window.tabs.setCurrentWidget(tab["math"])
    tab["math"].input.setPlainText("2x+3=7")  # a typed equation: evaluated exactly, by no model
    tab["math"].solve()
    qtbot.waitUntil(lambda: tab["math"].solution is not None, timeout=10_000)
    assert label.text() == ""


def test_the_xiangqi_tab_names_the_gpt_only_for_an_opponent_that_runs_it(window, qtbot, artifacts):
    """The engine's own levels and the simple movers run no model; the GPT levels and the
    strongest engine (the GPT orders its root moves) do, and a change of opponent says so at once."""
    xiangqi = window.findChild(object, "tab-xiangqi")
    label = window.status.model_label
    window.tabs.setCurrentWidget(xiangqi)
    xiangqi.set_opponent("human")
    assert label.text() == ""
    xiangqi.set_opponent("engine:search-2")
    assert label.text() == ""
    xiangqi.set_opponent("gpt:strong")
    assert label.text() == "Model: xiangqi-gpt"
    xiangqi.set_opponent("engine:search")
    assert label.text() == "Model: xiangqi-gpt"
    qtbot.waitUntil(lambda: label.width() >= label.sizeHint().width())  # the status bar laid out its new text
    assert window.grab().toImage().save(str(artifacts / "xiangqi_status_bar.png"))
    xiangqi.set_opponent("human")


def zero_delay_timers_ran(qtbot) -> None:
    """Wait until the zero-delay timers started so far have run: one started now runs after them."""
    ran = []
    QTimer.singleShot(0, lambda: ran.append(True))
    qtbot.waitUntil(lambda: bool(ran), timeout=1000)


def test_the_window_takes_the_keyboard_back_when_a_dialog_closes(window, qtbot, monkeypatch):
    """Issue 26: without a window manager, a second Ctrl+O after the PGN dialog went nowhere: no
    window had the keyboard (under Xvfb: 1 of 3 dialogs opened bare, 3 of 3 with openbox and, now,
    bare too). Only a dialog of ours that closed gives it back, not focus lost to another application."""
    from PySide6.QtWidgets import QApplication, QDialog, QLineEdit

    activated = []
    monkeypatch.setattr(window, "activateWindow", lambda: activated.append(True))
    monkeypatch.setattr(QApplication, "activeWindow", staticmethod(lambda: None))  # as on a bare X server
    dialog = QDialog(window)
    field = QLineEdit(dialog)
    dialog.setModal(True)  # as file dialogs are
    dialog.show()
    window._on_focus_changed(field, None)  # the dialog's field lost the keyboard while it was still open
    zero_delay_timers_ran(qtbot)
    assert activated == []  # a dialog still open keeps it
    dialog.hide()
    window._on_focus_changed(field, None)
    qtbot.waitUntil(lambda: bool(activated), timeout=1000)
    activated.clear()
    window._on_focus_changed(window.tabs, None)  # the main window lost it: another application took it
    zero_delay_timers_ran(qtbot)
    assert activated == []


def test_every_listed_tab_satisfies_the_tab_contract(window, services):
    import inspect

    from PySide6.QtWidgets import QWidget

    from app.tabs import TABS
    from widgets.tab_contract import TaskTab

    for spec in TABS:
        cls = spec.load()
        inspect.signature(cls).bind(services, None)  # built as cls(services, parent)
        tab = window.tabs.findChild(QWidget, f"tab-{spec.key}")
        assert isinstance(tab, cls) and isinstance(tab, TaskTab), spec.key  # not the error label
        assert isinstance(tab.tab_title(), str) and tab.tab_title()
        assert isinstance(tab.model_name(), str)
    assert not isinstance(window.welcome, TaskTab)  # no model_name: the status bar names none


def test_esc_cancels_a_job_else_leaves_the_puzzles(qtbot, window, services):
    import threading

    from PySide6.QtWidgets import QWidget

    xiangqi = window.tabs.findChild(QWidget, "tab-xiangqi")
    window.tabs.setCurrentWidget(xiangqi)
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow(), timeout=2000)
    xiangqi.puzzles.enter_action.trigger()
    qtbot.waitUntil(lambda: not services.runner.running_jobs(), timeout=10_000)
    release = threading.Event()
    handle = services.runner.submit(lambda ctx: release.wait(5) or ctx.cancel_token.raise_if_cancelled(), "Waiting")
    qtbot.keyClick(window, Qt.Key.Key_Escape)  # a job runs: Esc cancels it, the puzzles stay
    assert handle.token.cancelled and xiangqi.puzzles.isVisible()
    release.set()
    qtbot.waitUntil(lambda: not services.runner.running_jobs(), timeout=5000)
    qtbot.keyClick(window, Qt.Key.Key_Escape)  # none runs: Esc leaves the puzzles (issue #34)
    assert not xiangqi.puzzles.isVisible() and xiangqi.board_box.isVisible()


def test_during_a_review_the_status_bar_names_the_shown_tabs_model(qtbot, window, services):
    """The review is the engine's search (no model): the label keeps naming the model of the tab
    on screen, as it does with no job (issue #36, list 6: 模型：couplet over the couplet tab)."""
    from PySide6.QtWidgets import QWidget

    xiangqi, couplet = (window.tabs.findChild(QWidget, f"tab-{key}") for key in ("xiangqi", "couplet"))
    window.tabs.setCurrentWidget(couplet)
    xiangqi.reviewer.limits = {"time_s": 2.0}
    assert xiangqi.load_text("1. h2e2 h9g7 2. h0g2 i9h9 *", "game.pgn")
    xiangqi.review_game()
    assert [job.title for job in services.runner.running_jobs()] == ["Game review"]
    assert window.status.model_label.text() == "Model: couplet"
    xiangqi.reviewer.cancel()
    qtbot.waitUntil(lambda: not xiangqi.reviewer.running, timeout=10_000)
