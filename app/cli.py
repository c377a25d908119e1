"""``wenqi``'s command line, declared once here; ``app.main.main`` parses it and acts.

    wenqi                                               the app
    wenqi --version
    wenqi --self-test [--self-test-json FILE]           every bundled model and tab, offscreen
    wenqi --bench-attention MODEL [--bench-tokens N] [--bench-repeats N] [--bench-json FILE]
                                                        the Attention tab's speed (widgets/attention_bench.py)

Arguments it does not know are Qt's (``-platform offscreen``, ``-style fusion``): they go on
to the QApplication. The engine's verbs are ``wenqi-cli`` (``engine/cli.py``).
"""

from __future__ import annotations

import argparse
from pathlib import Path


def build_parser() -> argparse.ArgumentParser:
    from widgets.attention_bench import DEFAULT_REPEATS, DEFAULT_TOKENS

    parser = argparse.ArgumentParser(prog="wenqi", description="Wenqi (文棋): xiangqi, couplets, math word "
                                     "problems, summaries and attention maps, on this computer.")
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    parser.add_argument("--self-test", action="store_true",
                        help="load every bundled model and tab offscreen, print a summary, exit 0 or 1")
    parser.add_argument("--self-test-json", metavar="FILE", help="also write the self-test summary as JSON")
    bench = parser.add_argument_group("the Attention tab's speed on this machine (offscreen, then exit)")
    bench.add_argument("--bench-attention", metavar="MODEL", default=None,
                       help="time capture, show and head switch at --bench-tokens with this model "
                            "(a bundled model's name or a model folder)")
    bench.add_argument("--bench-tokens", type=int, default=DEFAULT_TOKENS, metavar="N")
    bench.add_argument("--bench-text", default=None, metavar="TEXT",
                       help="repeated until --bench-tokens is reached (default: a line of verse, or a "
                            "random legal game for the xiangqi GPT, which reads moves)")
    bench.add_argument("--bench-repeats", type=int, default=DEFAULT_REPEATS, metavar="N",
                       help="times each step is timed (the fastest and the median are reported)")
    bench.add_argument("--bench-json", type=Path, metavar="FILE", default=None, help="also write the report here")
    return parser


def parse_arguments(argv: list[str]) -> argparse.Namespace:
    """``wenqi``'s own options of ``argv`` (``sys.argv``: the program's name first); Qt's pass."""
    args, _qt_arguments = build_parser().parse_known_args(argv[1:])
    return args
