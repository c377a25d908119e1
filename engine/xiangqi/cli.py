"""``wenqi-cli xiangqi <verb>``: the rules engine (and later the GPT) without the UI.

    wenqi-cli xiangqi perft --fen FEN --depth 3      leaf count of the legal move tree
    wenqi-cli xiangqi legal --fen FEN                legal moves, ICCS and Chinese, one a line
    wenqi-cli xiangqi train --data FILES --valid FILE --out DIR    train the GPT
    wenqi-cli xiangqi evaluate --test FILE [--fen-only] [--latency]   GPT move accuracy
    wenqi-cli xiangqi move --moves "h2e2 h9g7" | --fen FEN       the GPT's move and candidates
    wenqi-cli xiangqi match --opponents random greedy L0 --games 100   GPT match scores
    wenqi-cli xiangqi match --level search --time 1 --opponents L2 L3 --games 20   the engine's scores
    wenqi-cli xiangqi analyse --pgn FILE [--time S] [--json OUT] [--out PGN]   game review
    wenqi-cli xiangqi explore --moves "h2e2" | --fen FEN     masters' moves, results, the GPT's view
    wenqi-cli xiangqi explore build [--data FILES] [--out NPZ]   build the opening index
    wenqi-cli xiangqi puzzles build [--data DIR] [--out FILE]     check candidates, write the puzzle set
    wenqi-cli xiangqi puzzles check [--puzzles FILE] [--limit N]  replay every bundled solution on the prover
    wenqi-cli xiangqi bench mates|speed|gpt|human [--time S] [--positions N]   the engine's benchmarks
    wenqi-cli xiangqi bench movegen [--games FILE] [--positions N]   move generation against pyffish, cchess
    wenqi-cli xiangqi tune --games FILE --valid FILE [--report OUT]   Texel-tune the evaluation's tables
    wenqi-cli xiangqi eval-compare --test FILE [--games N] [--depth D]   the GPT's and the engine's forecasts
    wenqi-cli xiangqi ratings ladder --json OUT | fit FILES...    the levels' relative ratings

Each verb is a pair: ``add_<verb>(verbs)`` declares its arguments, ``run_<verb>(args)`` runs
it; a new verb adds one pair and one line in ``register``. The library modules the verbs call
(``train``, ``benchmark``, ``tune``, ``eval_compare``, ...) take plain values and build no parser.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from engine.xiangqi.board import STARTING_FEN
from engine.xiangqi.names import MODEL_NAME

if TYPE_CHECKING:
    from engine.xiangqi.pgn import Game
    from engine.xiangqi.players import Player

    Verbs = argparse._SubParsersAction[argparse.ArgumentParser]


def help_of(parser: argparse.ArgumentParser) -> Callable[[argparse.Namespace], int]:
    """The handler of a verb given without its sub-verb: print the verb's help, exit status 2."""

    def print_help(_args: argparse.Namespace) -> int:
        parser.print_help()
        return 2

    return print_help


def add_perft(verbs: Verbs) -> None:
    parser = verbs.add_parser("perft", help="count the leaves of the legal move tree")
    parser.add_argument("--fen", default=STARTING_FEN, help="position (default: the start position)")
    parser.add_argument("--depth", type=int, required=True, help="plies to search")
    parser.set_defaults(func=run_perft)


def run_perft(args: argparse.Namespace) -> int:
    from engine.xiangqi.board import Board, perft

    if args.depth < 0:
        raise ValueError("--depth must be 0 or more")
    print(perft(Board(args.fen), args.depth))
    return 0


def add_legal(verbs: Verbs) -> None:
    parser = verbs.add_parser("legal", help="list the legal moves (ICCS and Chinese)")
    parser.add_argument("--fen", default=STARTING_FEN, help="position (default: the start position)")
    parser.set_defaults(func=run_legal)


def run_legal(args: argparse.Namespace) -> int:
    from engine.xiangqi.board import Board

    board = Board(args.fen)
    for move in board.legal_moves():
        print(move.iccs(), board.chinese(move))
    return 0


# --- The GPT: train, evaluate, move, match --------------------------------------------------


def add_train(verbs: Verbs) -> None:
    from engine.training_args import add_loop_arguments
    from engine.xiangqi.train import ARCHITECTURES, FEATURES_CACHE, MODEL_SIZES

    parser = verbs.add_parser("train", help="train the xiangqi GPT (CPU, GPU or torchrun)")
    parser.add_argument("--data", nargs="+", required=True, help="training games (JSON lines, .xz ok)")
    parser.add_argument("--valid", required=True, help="validation games: choose the model on these")
    parser.add_argument("--exclude", nargs="*", default=[], help="games never to train on (test sets)")
    parser.add_argument("--size", choices=sorted(MODEL_SIZES), default="small")
    parser.add_argument("--arch", choices=ARCHITECTURES, default="board",
                        help="board: the board-aware GPT (default); moves: the move-only GPT")
    parser.add_argument("--features-cache", type=Path, default=FEATURES_CACHE,
                        help="where the games' board features are kept between runs")
    add_loop_arguments(parser, max_steps=100_000, batch_tokens=8192, lr=2e-3, min_lr=1e-4, warmup=200,
                       eval_every=250, checkpoint_minutes=3.0, precision="bf16", compile=True,
                       precision_help="bf16 autocast: with --compile the fastest on this CPU (engine/TRAINING.md)")
    parser.add_argument("--no-mirror", dest="mirror", action="store_false", help="do not add a<->i mirrored games")
    parser.add_argument("--position-share", type=float, default=0.2, help="share of board-prefix sequences")
    parser.add_argument("--unknown-result-share", type=float, default=0.2)
    parser.add_argument("--dropout", type=float, default=None,
                        help="board GPT: dropout on its residual branches while training (default: the model's, 0)")
    parser.add_argument("--label-smoothing", type=float, default=None,
                        help="board GPT: label smoothing of the training loss (default: the model's, 0)")
    parser.set_defaults(func=run_train)


def run_train(args: argparse.Namespace) -> int:
    from engine.training_args import loop_config, options_of
    from engine.xiangqi.train import TrainOptions, run

    return run(options_of(TrainOptions, args), loop_config(args))


def add_evaluate(verbs: Verbs) -> None:
    from engine.cli import add_evaluate_arguments

    parser = verbs.add_parser("evaluate", help="GPT move accuracy by phase, illegal rate, latency")
    add_evaluate_arguments(parser)
    parser.add_argument("--fen-only", action="store_true", help="also score positions given without history")
    parser.add_argument("--latency", action="store_true", help="also time choose_move on one CPU thread")
    parser.add_argument("--no-mirror-average", dest="mirror_average", action="store_false",
                        help="score with the model alone, not averaged with the mirrored game (GptPlayer)")
    parser.set_defaults(func=run_evaluate)


def run_evaluate(args: argparse.Namespace) -> int:
    import torch

    from engine.cli import write_metrics
    from engine.runtime.device import set_threads
    from engine.xiangqi.gpt import GptPlayer
    from engine.xiangqi.gpt_data import read_games
    from engine.xiangqi.gpt_eval import move_accuracy, move_latency

    set_threads(args.threads)
    games = read_games([args.test])[: args.limit]
    player = GptPlayer(args.model or MODEL_NAME, mirror_average=args.mirror_average)
    metrics: dict[str, object] = {"model": args.model or MODEL_NAME, "test": str(args.test),
                                  "mirror_average": args.mirror_average, **move_accuracy(player, games, fen_only=args.fen_only)}
    if args.latency:
        torch.set_num_threads(1)
        metrics.update(move_latency(player, games))
    write_metrics(metrics, args.json)
    return 0


def add_move(verbs: Verbs) -> None:
    parser = verbs.add_parser("move", help="the GPT's move and top candidates for a position")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--fen", default=None, help="position without history")
    where.add_argument("--moves", default="", help='ICCS moves from the start, e.g. "h2e2 h9g7"')
    parser.add_argument("--model", default=None, help="model folder or name (default: the bundled one)")
    parser.add_argument("--top", type=int, default=5, help="candidates to list")
    parser.add_argument("--search", action="store_true", help="the move of the engine, the GPT at its root")
    parser.add_argument("--time", type=float, default=1.0, help="seconds the engine may think (with --search)")
    parser.set_defaults(func=run_move)


def run_move(args: argparse.Namespace) -> int:
    from engine.xiangqi.board import Board
    from engine.xiangqi.gpt import GptPlayer
    from engine.xiangqi.levels import EnginePlayer

    board = Board(args.fen) if args.fen else Board()
    for text in args.moves.split():
        board.push_iccs(text)
    player = GptPlayer(args.model or MODEL_NAME)
    if args.search:
        engine = EnginePlayer(args.time, gpt=player)
        engine.choose_move(board)
        found = engine.last
        assert found is not None and found.best is not None  # choose_move analysed and found a move
        score = f"mate in {found.mate_in}" if found.mate_in is not None else f"{found.score} cp"
        print(found.best.iccs(), f"(engine: {score}, {found.depth} plies, {found.nodes} nodes;",
              "line:", " ".join(move.iccs() for move in found.pv) + ")")
    else:
        print(player.choose_move(board).iccs())
    for candidate in player.candidates(board, args.top):
        print(f"  {candidate.move.iccs()} {board.chinese(candidate.move)} {candidate.probability:.3f}")
    belief = player.outcome_belief(board)
    print(f"outcome: red {belief.red:.2f}  draw {belief.draw:.2f}  black {belief.black:.2f}")
    return 0


def add_match(verbs: Verbs) -> None:
    parser = verbs.add_parser("match", help="games of a level against random, greedy and Fairy-Stockfish levels")
    parser.add_argument("--opponents", nargs="+", default=["random", "greedy"],
                        help="random, greedy and/or ladder levels L0-L4")
    parser.add_argument("--games", type=int, default=100, help="games per opponent (half as red)")
    parser.add_argument("--model", default=None, help="model folder or name (default: the bundled one)")
    parser.add_argument("--level", default="strongest",
                        help="GPT alone: strongest, strong, medium, easy; the engine: search-2, search-4 "
                             "(fixed depth), search (the full engine, the GPT at its root)")
    parser.add_argument("--time", type=float, default=1.0, help="seconds a move for the engine levels")
    parser.add_argument("--play-for-win", action="store_true", help="prefix 'my side wins' instead of unknown")
    parser.add_argument("--threads", type=int, default=None, help="torch CPU threads (default: torch's choice)")
    parser.add_argument("--json", type=Path, default=None, help="also write the scores here")
    parser.add_argument("--pgn", type=Path, default=None,
                        help="also write every game here (PGN, one game after another)")
    parser.set_defaults(func=run_match)


def run_match(args: argparse.Namespace) -> int:
    import torch

    from engine.cli import write_metrics
    from engine.xiangqi.gpt_eval import match
    from engine.xiangqi.players import GreedyPlayer, RandomPlayer, UciEnginePlayer
    from engine.xiangqi.levels import make_player

    if args.threads:
        torch.set_num_threads(args.threads)
    player = make_player(args.level, args.model or MODEL_NAME, play_for_win=args.play_for_win, seed=0,
                         time_s=args.time)
    def opponent_named(name: str) -> Player:
        if name == "random":
            return RandomPlayer(seed=1)
        if name == "greedy":
            return GreedyPlayer(seed=1)
        return UciEnginePlayer.from_level(name)

    from engine.xiangqi.pgn import write_game

    if args.pgn:
        args.pgn.write_text("", encoding="utf-8")

    def on_game(name: str) -> Callable[[int, Game], None]:
        def report(number: int, game: Game) -> None:
            print(f"{name} game {number}/{args.games}: {game.result}", file=sys.stderr, flush=True)
            if args.pgn:
                with args.pgn.open("a", encoding="utf-8") as out:
                    out.write(write_game(replace(game, headers={**game.headers, "Round": str(number)})) + "\n")
        return report

    scores = []
    for name in args.opponents:
        opponent = opponent_named(name)
        try:
            scores.append(match(player, opponent, args.games, on_game=on_game(name)))
        finally:
            opponent.close()
        print(json.dumps(scores[-1]), file=sys.stderr, flush=True)
    write_metrics({"player": player.name, "level": args.level, "time_s": args.time, "model": args.model or MODEL_NAME,
                   "scores": scores}, args.json)
    return 0


# --- Game review ------------------------------------------------------------------------------


def add_analyse(verbs: Verbs) -> None:
    parser = verbs.add_parser("analyse", help="review a game: every move's evaluation, ?! ? ?? marks, better moves")
    parser.add_argument("--pgn", type=Path, required=True, help="a file holding the game (PGN, or a move list); for one position use xiangqi move --search")
    parser.add_argument("--game", type=int, default=1, help="which game of a multi-game file (1: the first)")
    parser.add_argument("--time", type=float, default=None,
                        help="seconds of search a position (default 1 unless --depth is given)")
    parser.add_argument("--depth", type=int, default=None, help="search depth a position instead (reproducible)")
    parser.add_argument("--json", type=Path, default=None, help="also write the review here as JSON")
    parser.add_argument("--out", type=Path, default=None, help="write the annotated PGN here")
    parser.set_defaults(func=run_analyse)


def run_analyse(args: argparse.Namespace) -> int:
    from engine.cli import print_progress
    from engine.data import read_text_file
    from engine.runtime.jobs import JobContext
    from engine.xiangqi import BLACK, RED, pgn
    from engine.xiangqi.review import annotated_game, eval_text, review_game

    games = pgn.read_games(read_text_file(args.pgn))
    if not 1 <= args.game <= len(games):
        raise ValueError(f"--game {args.game}: {args.pgn} holds {len(games)} game(s)")
    game = games[args.game - 1]
    review = review_game(game.start_fen, game.moves, args.time, args.depth, JobContext(on_progress=print_progress))
    print(file=sys.stderr)
    board, rows = game.board(), []
    for m in review.moves:
        number = board.fullmove_number
        word, better = board.chinese(m.move), board.chinese(m.better) if m.better else ""
        line = f"{number}{'.' if board.turn == RED else '...'} {word}{m.mark or ''}  {eval_text(m.after)}"
        print(line + (f"  (loss {m.loss / 100:.2f}; better: {better})" if better else ""))
        rows.append({"ply": m.ply, "move": m.move.iccs(), "chinese": word, "eval": m.after.score,
                     "mate": m.after.mate, "loss": m.loss, "mark": m.mark,
                     "better": m.better.iccs() if m.better else None, "better_chinese": better or None})
        board.push(m.move)
    counts = {"red": review.counts(RED), "black": review.counts(BLACK)}
    for side, found in counts.items():
        print(f"{side}: " + ", ".join(f"{mark} {n}" for mark, n in found.items()))
    if args.out is not None:
        args.out.write_text(pgn.write_game(annotated_game(game, review)), encoding="utf-8")
    if args.json is not None:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"pgn": str(args.pgn), "time_s": args.time, "depth": args.depth,
                                         "start": eval_text(review.positions[0]), "moves": rows, "counts": counts},
                                        ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


# --- The opening explorer ---------------------------------------------------------------------


def add_explore(verbs: Verbs) -> None:
    parser = verbs.add_parser("explore", help="the masters' moves in a position (opening explorer), or build its index")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--fen", default=None, help="position without history")
    where.add_argument("--moves", default="", help='ICCS moves from the start, e.g. "h2e2 h9g7"')
    parser.add_argument("--index", type=Path, default=None, help="index file (default: the bundled one)")
    parser.add_argument("--no-gpt", action="store_true", help="leave out the GPT's probabilities")
    parser.set_defaults(func=run_explore)
    build = parser.add_subparsers(dest="explore_verb", metavar="build").add_parser(
        "build", help="build the index from CCPD master games")
    build.add_argument("--data", type=Path, nargs="+", default=None,
                       help="game files (default: ../shared/data/xiangqi-ccpd/games_{train,valid,test}.jsonl.xz)")
    build.add_argument("--out", type=Path, default=None, help="index file (default: the bundled one)")
    build.add_argument("--max-ply", type=int, default=None, help="plies of each game indexed")
    build.add_argument("--min-games", type=int, default=None, help="games a position needs to be kept")
    build.set_defaults(func=run_explore_build)


def run_explore(args: argparse.Namespace) -> int:
    import time

    from engine.xiangqi.board import Board
    from engine.xiangqi.explorer import OpeningIndex

    board = Board(args.fen) if args.fen else Board()
    for text in args.moves.split():
        board.push_iccs(text)
    index = OpeningIndex(args.index) if args.index else OpeningIndex.bundled()
    began = time.perf_counter()
    len(index)  # load it, to time the lookup alone
    loaded = time.perf_counter()
    found = index.lookup(board)
    looked = time.perf_counter()
    print(f"load {1000 * (loaded - began):.1f} ms, lookup {1000 * (looked - loaded):.2f} ms", file=sys.stderr)
    gpt = {}
    if not args.no_gpt and found:
        from engine.xiangqi.gpt import GptPlayer

        gpt = {c.move: c.probability for c in GptPlayer(MODEL_NAME).candidates(board)}
    total = sum(m.games for m in found)
    print(f"{board.fen()}: {total} master games" + ("" if found else " (not in the index)"))
    if found:
        print(f"{'move':6} {'':8} {'games':>6} {'red':>5} {'draw':>5} {'black':>5}" + ("    gpt" if gpt else ""))
    for m in found:
        red, draw, black = m.shares()
        line = f"{m.move.iccs():6} {board.chinese(m.move):8} {m.games:6d} {red:5.0%} {draw:5.0%} {black:5.0%}"
        print(line + (f" {gpt.get(m.move, 0.0):6.1%}" if gpt else ""))
    return 0


def run_explore_build(args: argparse.Namespace) -> int:
    from engine.cli import print_progress, write_metrics
    from engine.data import shared_data_dir
    from engine.paths import resources_dir
    from engine.runtime.jobs import JobContext
    from engine.xiangqi.explorer import DEFAULT_MAX_PLY, DEFAULT_MIN_GAMES, INDEX_DIR, INDEX_FILE, build_index

    files = args.data
    if files is None:
        shared = shared_data_dir()
        if shared is None:
            raise FileNotFoundError("the shared data folder (../shared/data) is not present: give --data")
        files = [shared / "xiangqi-ccpd" / f"games_{split}.jsonl.xz" for split in ("train", "valid", "test")]
    out = args.out or resources_dir() / INDEX_DIR / INDEX_FILE
    report = build_index(files, out, args.max_ply or DEFAULT_MAX_PLY, args.min_games or DEFAULT_MIN_GAMES,
                         JobContext(on_progress=print_progress))
    print(file=sys.stderr)
    write_metrics({"out": str(out), **report}, None)
    return 0


# --- Puzzles ----------------------------------------------------------------------------------


def add_puzzles(verbs: Verbs) -> None:
    parser = verbs.add_parser("puzzles", help="the mate puzzles: build the set, or check the bundled one")
    actions = parser.add_subparsers(dest="puzzles_verb", metavar="build|check")
    build = actions.add_parser("build", help="check every candidate with the mate prover; write the confirmed")
    build.add_argument("--data", type=Path, default=None, help="the shared data folder (default: ../shared/data)")
    build.add_argument("--out", type=Path, default=None, help="puzzle file (default: the bundled one)")
    build.add_argument("--limit", type=int, default=None, help="candidates of each source to try (default: all)")
    build.add_argument("--json", type=Path, default=None, help="also write the counts here")
    build.set_defaults(func=run_puzzles_build)
    check = actions.add_parser("check", help="replay every puzzle's solution against the mate prover")
    check.add_argument("--puzzles", type=Path, default=None, help="puzzle file (default: the bundled one)")
    check.add_argument("--limit", type=int, default=None, help="check only the first N")
    check.set_defaults(func=run_puzzles_check)
    parser.set_defaults(func=help_of(parser))


def run_puzzles_build(args: argparse.Namespace) -> int:
    import itertools

    from engine.cli import print_progress, write_metrics
    from engine.data import shared_data_dir
    from engine.runtime.jobs import JobContext
    from engine.xiangqi.puzzles import (
        bundled_path,
        build_puzzles,
        ccpd_game_candidates,
        ccpd_line_candidates,
        save_puzzles,
        wukong_candidates,
    )

    data = args.data or shared_data_dir()
    if data is None:
        raise FileNotFoundError("the shared data folder (../shared/data) is not present: give --data")
    ccpd = data / "xiangqi-ccpd"
    sources = [wukong_candidates(data / "xiangqi-wukong" / "mate_puzzles_verified.jsonl.xz"),
               ccpd_line_candidates(ccpd / "positions_and_lines.jsonl.xz"),
               ccpd_game_candidates([ccpd / f"games_{split}.jsonl.xz" for split in ("train", "valid", "test")])]
    candidates = itertools.chain.from_iterable(itertools.islice(source, args.limit) for source in sources)
    puzzles, report = build_puzzles(candidates, JobContext(on_progress=print_progress))
    print(file=sys.stderr)
    out = args.out or bundled_path()
    save_puzzles(puzzles, out)
    write_metrics({"out": str(out), "bytes": out.stat().st_size, **report.as_dict()}, args.json)
    return 0


def run_puzzles_check(args: argparse.Namespace) -> int:
    from collections import Counter

    from engine.xiangqi.puzzles import check_puzzle, load_puzzles

    puzzles = load_puzzles(args.puzzles)[: args.limit]
    problems: Counter[str] = Counter()
    for number, puzzle in enumerate(puzzles, 1):
        problem = check_puzzle(puzzle)
        if problem:
            problems[problem] += 1
            print(f"{puzzle.source} {puzzle.id}: {problem}", flush=True)
        if number % 100 == 0:
            print(f"\r{number}/{len(puzzles)} checked", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    print(f"{len(puzzles) - sum(problems.values())} of {len(puzzles)} puzzles hold" +
          (": " + ", ".join(f"{reason} {n}" for reason, n in problems.items()) if problems else ""))
    return 1 if problems else 0


# --- Engine benchmarks and the levels' ratings -------------------------------------------------


def add_bench(verbs: Verbs) -> None:
    parser = verbs.add_parser("bench", help="the engine's benchmarks: mates solved, speed, the GPT at the root, "
                                            "how human each level plays, move generation against other libraries")
    parser.add_argument("what", choices=("mates", "speed", "gpt", "human", "movegen"))
    parser.add_argument("--time", type=float, default=1.0, help="seconds per position")
    parser.add_argument("--max-n", type=int, default=3, help="mates: largest N")
    parser.add_argument("--per-n", type=int, default=None, help="mates: first puzzles of each N (default: all)")
    parser.add_argument("--positions", type=int, default=None,
                        help="speed, gpt, human: how many positions (default 20); movegen: middlegames (default 50)")
    parser.add_argument("--games", type=Path, default=None,
                        help="movegen: games to take middlegames from (default: xiangqi-ccpd games_valid)")
    parser.add_argument("--min-seconds", type=float, default=0.05,
                        help="movegen: length of the timed loop per position and generator")
    parser.add_argument("--json", type=Path, default=None, help="also write the report here")
    parser.set_defaults(func=run_bench)


def run_bench(args: argparse.Namespace) -> int:
    from engine.cli import write_metrics
    from engine.xiangqi import engine_bench

    positions = args.positions or 20
    if args.what == "mates":
        report = engine_bench.solve_rate(args.time, args.max_n, args.per_n)
    elif args.what == "speed":
        report = engine_bench.speed(args.time, positions)
    elif args.what == "human":
        report = engine_bench.master_move_share(args.time, positions)
    elif args.what == "movegen":
        report = run_movegen_bench(args.games, args.positions or 50, args.min_seconds)
    else:
        report = engine_bench.gpt_at_the_root(args.time, positions)
    write_metrics(report, args.json)
    return 0


def run_movegen_bench(games: Path | None, positions: int, min_seconds: float) -> dict[str, object]:
    from engine.data import shared_data_dir
    from engine.xiangqi import benchmark

    if games is None:
        games = (shared_data_dir() or Path(".")) / "xiangqi-ccpd" / "games_valid.jsonl.xz"
    if not games.is_file():
        raise FileNotFoundError(f"no games file at {games}: give --games")
    return benchmark.run(games, positions, min_seconds)


# --- Tuning the evaluation, and which evaluation the tab shows --------------------------------


def add_tune(verbs: Verbs) -> None:
    from engine.xiangqi.evaluation import WEIGHTS_FILE

    parser = verbs.add_parser("tune", help="Texel-tune the evaluation's tables on master games and their results")
    parser.add_argument("--games", type=Path, required=True, help="games with results (JSONL, moves + result)")
    parser.add_argument("--valid", type=Path, required=True, help="held-out games for the error report")
    parser.add_argument("--limit", type=int, default=None, help="first games of --games only")
    parser.add_argument("--every", type=int, default=5, help="take every n-th ply")
    parser.add_argument("--steps", type=int, default=400, help="Adam steps (full batch)")
    parser.add_argument("--l2", type=float, default=1.0, help="pull towards the hand-set tables")
    parser.add_argument("--without-terms", action="store_true", help="tables only (to measure what the terms add)")
    parser.add_argument("--out", type=Path, default=WEIGHTS_FILE, help="where the tables go")
    parser.add_argument("--report", type=Path, default=None, help="also write the report here")
    parser.set_defaults(func=run_tune)


def run_tune(args: argparse.Namespace) -> int:
    import torch

    from engine.cli import write_metrics
    from engine.xiangqi.tune import fit, positions

    torch.set_num_threads(1)
    weights, report = fit(positions(args.games, args.every, args.limit), positions(args.valid, args.every),
                          args.steps, args.l2, not args.without_terms)
    args.out.write_text(json.dumps(weights) + "\n", encoding="utf-8")
    write_metrics({**report, "games": str(args.games), "limit": args.limit, "every": args.every}, args.report)
    return 0


def add_eval_compare(verbs: Verbs) -> None:
    parser = verbs.add_parser("eval-compare", help="the GPT's outcome belief and the engine's evaluation as "
                                                   "forecasts of real games' results (Brier score, wrong side)")
    parser.add_argument("--test", type=Path, required=True, help="games (JSON lines with moves and result)")
    parser.add_argument("--games", type=int, default=150, help="games with a result to sample")
    parser.add_argument("--depth", type=int, default=4, help="the engine's depth a position")
    parser.add_argument("--json", type=Path, default=None, help="also write the report here")
    parser.set_defaults(func=run_eval_compare)


def run_eval_compare(args: argparse.Namespace) -> int:
    import torch

    from engine.cli import write_metrics
    from engine.xiangqi.eval_compare import forecasts, summary

    torch.set_num_threads(1)
    write_metrics({"test": str(args.test), "games": args.games, "depth": args.depth,
                   "by_ply": summary(forecasts(args.test, args.games, args.depth))}, args.json)
    return 0


def add_ratings(verbs: Verbs) -> None:
    parser = verbs.add_parser("ratings", help="the levels' relative ratings: play the Fairy-Stockfish ladder, or fit")
    actions = parser.add_subparsers(dest="ratings_verb", metavar="ladder|fit")
    ladder = actions.add_parser("ladder", help="neighbouring Fairy-Stockfish levels against each other")
    ladder.add_argument("--games", type=int, default=20)
    ladder.add_argument("--json", type=Path, required=True)
    ladder.set_defaults(func=run_ratings_ladder)
    fitting = actions.add_parser("fit", help="ratings from match and ladder JSON files")
    fitting.add_argument("files", type=Path, nargs="+")
    fitting.set_defaults(func=run_ratings_fit)
    parser.set_defaults(func=help_of(parser))


def run_ratings_ladder(args: argparse.Namespace) -> int:
    from engine.cli import write_metrics
    from engine.xiangqi.ratings import play_ladder

    report = play_ladder(args.games, on_game=lambda n, game: print(f"game {n}: {game.result}", file=sys.stderr))
    write_metrics(report, args.json)
    return 0


def run_ratings_fit(args: argparse.Namespace) -> int:
    from engine.xiangqi.ratings import fit, read_results

    results = read_results(args.files)
    for player, opponent, points, games in results:
        print(f"{player} vs {opponent}: {points:g} / {games}")
    for name, (rating, error) in sorted(fit(results).items(), key=lambda item: -item[1][0]):
        print(f"{name:12} {rating:6.0f} ± {error:.0f}")
    return 0


def register(subparsers: Verbs) -> None:
    parser = subparsers.add_parser("xiangqi", help="xiangqi: rules, notation, players")
    verbs = parser.add_subparsers(dest="verb", metavar="VERB")
    add_perft(verbs)
    add_legal(verbs)
    add_train(verbs)
    add_evaluate(verbs)
    add_move(verbs)
    add_match(verbs)
    add_analyse(verbs)
    add_explore(verbs)
    add_puzzles(verbs)
    add_bench(verbs)
    add_tune(verbs)
    add_eval_compare(verbs)
    add_ratings(verbs)
    parser.set_defaults(func=help_of(parser))
