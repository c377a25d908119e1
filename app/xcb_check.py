"""Before Qt starts on X11: is there a display to open, and are the libraries that Qt's xcb
platform plugin loads all there?

Without either Qt aborts (exit 134) with a message that names libxcb-cursor0, whatever the
cause: another missing library (a minimal Debian lacked libxcb-icccm4 and libxcb-keysyms1) or
no X server at all (DISPLAY unset, as over ssh without -X). We look for the display first (with
no display nothing else helps), connecting as Qt would, then try each library as the dynamic
linker would, and say what is wrong in Chinese and English instead.
No Qt is imported here: this runs before PySide6 is.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Mapping, Sequence

# The libraries libqxcb.so and libQt6XcbQpa.so.6 need (`ldd` on PySide6's
# Qt/plugins/platforms/libqxcb.so), each with its Debian/Ubuntu package.
XCB_LIBRARIES = {
    "libxcb.so.1": "libxcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libGL.so.1": "libgl1",
    "libEGL.so.1": "libegl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3",
}


class QtCannotStart(RuntimeError):
    """Qt's xcb plugin would abort; the message (Chinese and English, one line) says why."""


class NoDisplay(QtCannotStart):
    """No X server to open the window on: DISPLAY is unset, or nothing answers there."""

    def __init__(self, display: str) -> None:
        self.display = display
        if display:
            zh = f"文棋无法打开窗口：连接不上显示 {display}（X 服务器未运行或无权访问）。"
            en = f" Wenqi cannot open its window: no display answers at {display} (no X server running, or no access)."
        else:
            zh = "文棋无法打开窗口：未找到显示（没有设置 DISPLAY，例如通过 ssh 登录而未用 -X）。请在图形桌面中运行。"
            en = (" Wenqi cannot open its window: no display was found (DISPLAY is not set, as over ssh"
                  " without -X). Run it from a graphical desktop.")
        super().__init__(zh + en)


class MissingQtLibraries(QtCannotStart):
    """Qt's xcb plugin would abort; the message (Chinese and English, one line) says what to install."""

    def __init__(self, packages: Sequence[str]) -> None:
        self.packages = list(packages)
        names = " ".join(self.packages)
        super().__init__(
            f"文棋无法打开窗口：缺少 Qt 的 X11 (xcb) 库，请安装 {names}（Debian/Ubuntu 的包名，其他系统见 README）。"
            f" Wenqi cannot open its window: Qt's X11 (xcb) libraries are missing; install {names}"
            " (Debian/Ubuntu package names; README lists other systems).")


def qt_platform(argv: Sequence[str], environ: Mapping[str, str]) -> str:
    """The platform plugin Qt will try first: ``-platform NAME``, QT_QPA_PLATFORM, else the
    session's (Qt 6 prefers Wayland in a Wayland session, X11 otherwise)."""
    args = list(argv)
    if "-platform" in args[:-1]:
        return args[args.index("-platform") + 1].split(":")[0]
    requested = environ.get("QT_QPA_PLATFORM", "")
    if requested:
        return requested.split(";")[0].split(":")[0]
    if environ.get("XDG_SESSION_TYPE") == "wayland" and environ.get("WAYLAND_DISPLAY"):
        return "wayland"
    return "xcb"


def _loads(soname: str) -> bool:
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def x_server_answers(display: str) -> bool | None:
    """Whether an X server accepts a connection at ``display`` (libxcb's xcb_connect, as Qt's
    plugin does); None when libxcb itself is missing (the library check then names it)."""
    try:
        libxcb = ctypes.CDLL("libxcb.so.1")
    except OSError:
        return None
    libxcb.xcb_connect.restype = ctypes.c_void_p
    libxcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.POINTER(ctypes.c_int)]
    libxcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    libxcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    connection = libxcb.xcb_connect(display.encode(), None)
    try:
        # A failed connect still returns a (static) error connection, never NULL.
        return bool(connection) and libxcb.xcb_connection_has_error(connection) == 0
    finally:
        if connection:
            libxcb.xcb_disconnect(connection)


def _display_argument(argv: Sequence[str]) -> str:
    args = list(argv)
    return args[args.index("-display") + 1] if "-display" in args[:-1] else ""


def check_xcb_libraries(argv: Sequence[str], environ: Mapping[str, str] | None = None) -> None:
    """Raise NoDisplay when Qt is about to start on X11 with no display to open, and
    MissingQtLibraries when a library it needs is absent."""
    environ = os.environ if environ is None else environ
    if not sys.platform.startswith("linux") or qt_platform(argv, environ) != "xcb":
        return
    display = _display_argument(argv) or environ.get("DISPLAY", "")
    if not display or x_server_answers(display) is False:
        raise NoDisplay(display)
    missing = [package for soname, package in XCB_LIBRARIES.items() if not _loads(soname)]
    if missing:
        raise MissingQtLibraries(missing)
