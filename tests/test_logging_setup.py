import logging
import sys

from app.logging_setup import setup_logging


def test_windowed_build_streams_go_to_the_log(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    root = logging.getLogger()
    before = list(root.handlers)
    try:
        path = setup_logging(tmp_path / "wenqi.log")
        assert sys.stdout is not None and sys.stderr is not None
        print("progress bar output")  # what tqdm would do in a frozen windowed build
        sys.stdout.flush()
        logging.getLogger("test").warning("something to remember")
        for handler in root.handlers:
            handler.flush()
        assert "something to remember" in path.read_text(encoding="utf-8")
        assert "progress bar output" in path.with_suffix(".out.log").read_text(encoding="utf-8")
    finally:
        for handler in set(root.handlers) - set(before):
            root.removeHandler(handler)
            handler.close()
