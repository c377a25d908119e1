"""Entry point of ``wenqi``: logging first, then Qt and the window; torch and transformers load
afterwards, off the GUI thread (on Windows torch comes before Qt: see import_torch_first_on_windows).
Its options are declared in ``app/cli.py``."""

from __future__ import annotations

import logging
import sys


def import_torch_first_on_windows() -> None:
    """On Windows only, import torch before PySide6 loads Qt's DLLs; elsewhere torch waits
    for the first job (or the import started right after the window shows).

    PyPI wheels each ship the MSVC C++ runtime (msvcp140.dll) and the first copy loaded stays
    for the process; since torch 2.9 ``c10.dll`` fails to initialise ("WinError 1114") when
    PySide6's or PyQt's older copy came first (pytorch/pytorch#166628, #169429;
    explosion/spaCy#13894; micro-manager/pymmcore#119 on the first-loaded msvcp140.dll).
    Linux and macOS load shared libraries per library, so the order does not matter there.
    """
    if sys.platform == "win32":
        import torch  # noqa: F401


def build_application(argv: list[str]):
    """Create the QApplication with fonts, translations and theme; returns (app, services).
    Raises app.xcb_check.QtCannotStart (no display, a missing library) where Qt's X11 plugin
    would abort."""
    from app.xcb_check import check_xcb_libraries

    check_xcb_libraries(argv)
    import_torch_first_on_windows()

    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from app import DISPLAY_NAME
    from widgets.fonts import install_ui_font
    from widgets.garbage import start_collector
    from app.i18n import install_translators, qt_system_locale
    from widgets.services import AppServices
    from widgets.settings import Settings
    from app.theme import apply_theme
    from engine.paths import resources_dir

    settings = Settings()  # QSettings("Wenqi", "Wenqi"): readable before the QApplication
    app = QApplication.instance()
    if app is None:
        with qt_system_locale(settings.language):  # the file dialog's sizes and dates in the UI language
            app = QApplication(argv)
    app.setOrganizationName("Wenqi")
    app.setApplicationName("Wenqi")
    app.setApplicationDisplayName(DISPLAY_NAME)
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "wenqi.svg")))
    install_ui_font(app)
    install_translators(app, settings.language)
    apply_theme(app, settings.theme)
    start_collector(app)
    return app, AppServices(settings)


def main(argv: list[str] | None = None) -> int:
    from app.logging_setup import setup_logging
    from app.cli import parse_arguments

    path = setup_logging()
    argv = sys.argv if argv is None else argv
    args = parse_arguments(argv)
    if args.version:
        import engine

        print(f"wenqi {engine.__version__}")
        return 0
    if args.self_test:
        from app.self_test import run_self_test

        return run_self_test(argv, json_path=args.self_test_json)
    if args.bench_attention is not None:
        from engine.cli import write_metrics
        from widgets.attention_bench import bench_attention_tab

        report = bench_attention_tab(args.bench_attention, args.bench_tokens, args.bench_text, args.bench_repeats)
        write_metrics(report, args.bench_json)  # print it, and write it when asked
        return 0
    logging.getLogger(__name__).info("starting Wenqi; log at %s", path)
    from app.xcb_check import QtCannotStart

    try:
        app, services = build_application(argv)
    except QtCannotStart as exc:
        logging.getLogger(__name__).error("%s", exc)
        print(exc, file=sys.stderr)
        return 1

    from app.main_window import MainWindow

    window = MainWindow(services)
    window.show()
    app.processEvents()  # paint the window before the import below competes for the interpreter
    services.load_libraries()  # torch and transformers, off the GUI thread; the status bar says so
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
