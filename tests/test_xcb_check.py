"""`wenqi` on X11 checks for a display and Qt's xcb libraries itself and says what is wrong
(no display, or the packages to install), instead of Qt's abort."""
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app import xcb_check
from app.main import main
from app.xcb_check import XCB_LIBRARIES, MissingQtLibraries, NoDisplay, check_xcb_libraries, qt_platform

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Qt's xcb plugin is Linux's")


@pytest.fixture
def without_icccm_and_keysyms(monkeypatch):
    """The minimal Debian of issue 26: every library there but two."""
    absent = {"libxcb-icccm.so.4", "libxcb-keysyms.so.1"}
    monkeypatch.setattr(xcb_check, "_loads", lambda soname: soname not in absent)
    monkeypatch.setattr(xcb_check, "x_server_answers", lambda display: True)


@pytest.mark.parametrize(("argv", "environ", "platform"), [
    (["wenqi"], {}, "xcb"),
    (["wenqi"], {"QT_QPA_PLATFORM": "offscreen"}, "offscreen"),
    (["wenqi"], {"QT_QPA_PLATFORM": "wayland;xcb"}, "wayland"),
    (["wenqi"], {"QT_QPA_PLATFORM": "xcb:nograb"}, "xcb"),
    (["wenqi"], {"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0"}, "wayland"),
    (["wenqi", "-platform", "xcb"], {"QT_QPA_PLATFORM": "offscreen"}, "xcb"),
])
def test_qt_platform_follows_qt_s_own_choice(argv, environ, platform):
    assert qt_platform(argv, environ) == platform


@linux_only
def test_a_missing_library_names_its_package_in_both_languages(without_icccm_and_keysyms):
    with pytest.raises(MissingQtLibraries) as raised:
        check_xcb_libraries(["wenqi"], {"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":0"})
    assert raised.value.packages == ["libxcb-icccm4", "libxcb-keysyms1"]
    message = str(raised.value)
    assert "\n" not in message and "请安装 libxcb-icccm4 libxcb-keysyms1" in message
    assert "install libxcb-icccm4 libxcb-keysyms1" in message


@linux_only
def test_other_platforms_are_not_checked(without_icccm_and_keysyms):
    check_xcb_libraries(["wenqi"], {"QT_QPA_PLATFORM": "offscreen"})
    check_xcb_libraries(["wenqi"], {"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0"})


@linux_only
def test_wenqi_prints_the_line_and_exits_1_before_qt_starts(without_icccm_and_keysyms, monkeypatch, capsys):
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.setenv("DISPLAY", ":0")
    assert main(["wenqi"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "libxcb-icccm4 libxcb-keysyms1" in err[0]


@linux_only
@pytest.mark.skipif(shutil.which("ldd") is None, reason="needs ldd")
def test_the_table_covers_every_x11_library_of_the_installed_plugin():
    import PySide6

    plugin = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    listed = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True, check=True).stdout
    # libGL's own helpers (libGLX, libGLdispatch) come with its package, as libxcb's libXau does.
    needed = set(re.findall(r"^\s*(lib(?:xcb\S*|X11\S*|xkbcommon\S*|GL|EGL)\.so\.\d+)", listed, re.M))
    assert needed and needed <= set(XCB_LIBRARIES), needed - set(XCB_LIBRARIES)


@linux_only
def test_no_display_is_said_in_both_languages_before_the_libraries():
    with pytest.raises(NoDisplay) as raised:
        check_xcb_libraries(["wenqi"], {"QT_QPA_PLATFORM": "xcb"})
    message = str(raised.value)
    assert "\n" not in message and "未找到显示" in message and "no display was found" in message
    assert "libxcb" not in message  # Qt's own message blames libxcb-cursor0 whatever the cause


@linux_only
@pytest.mark.skipif(xcb_check.x_server_answers(":0") is None, reason="needs libxcb to try a connection")
def test_a_display_where_no_x_server_answers_is_named():
    unused = ":7391"  # no X server listens on display 7391 (checked below, so the test cannot pass by luck)
    assert not Path("/tmp/.X11-unix/X7391").exists()
    with pytest.raises(NoDisplay) as raised:
        check_xcb_libraries(["wenqi"], {"DISPLAY": unused})
    assert f"连接不上显示 {unused}" in str(raised.value) and f"no display answers at {unused}" in str(raised.value)
    with pytest.raises(NoDisplay):
        check_xcb_libraries(["wenqi", "-display", unused], {"DISPLAY": ":0"})


@linux_only
def test_wenqi_without_a_display_exits_1_with_the_message_not_qt_s_abort(tmp_path):
    environ = {k: v for k, v in os.environ.items()
               if k not in {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "XDG_SESSION_TYPE"}}
    environ["WENQI_DATA_DIR"] = str(tmp_path)  # the log file goes there
    done = subprocess.run([sys.executable, "-m", "app"], env=environ, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, (done.returncode, done.stderr[-2000:])
    assert "未找到显示" in done.stderr and "no display was found" in done.stderr
    assert "xcb-cursor" not in done.stderr
