"""The xiangqi GPT as a player: legal moves only, levels, hints and an outcome belief.

    >>> player = GptPlayer()                       # the bundled resources/models/xiangqi-gpt
    >>> player.candidates(Board())[0].move.iccs()   # the model's favourite first move
    'h2e2'

The model reads the game so far (format in ``engine.xiangqi.tokens``); a board that was set
up by hand or pasted as FEN is given as a board-state prefix followed by the moves played
since. The bundled model also sees each position (``engine.xiangqi.board_gpt``), which it
works out from those tokens itself; a move-only Llama of the same vocabulary loads as well. Its next-move logits are masked to the legal moves by a ``LogitsProcessor``, then
the level's temperature and top-p warpers shape what a sampling level draws from.
"""

from __future__ import annotations

import math
import random
import threading
from dataclasses import dataclass
from typing import Any, cast

import torch
from transformers import LogitsProcessor, LogitsProcessorList, TemperatureLogitsWarper, TopPLogitsWarper

from engine.runtime.jobs import CancelToken
from engine.runtime.store import ModelStore
from engine.xiangqi.board import STARTING_FEN, Board, IllegalMoveError, Move
from engine.xiangqi.board_features import ids_features
from engine.xiangqi.board_gpt import XiangqiBoardGptForCausalLM, features_to_bags, with_mirror
from engine.xiangqi.names import MODEL_NAME
from engine.xiangqi.tokens import EMPTY, game_text, mirror_move, mirror_placement, placement_after, position_text

RESULTS = ("1-0", "1/2-1/2", "0-1")
RESULT_PRIOR = {"1-0": 10_818 / 27_756, "1/2-1/2": 9_431 / 27_756, "0-1": 7_507 / 27_756}
"""How often each result occurs in the CCPD master games (PROVENANCE.md)."""


@dataclass(frozen=True)
class Level:
    """How a level picks among the legal moves: temperature 0 = always the top move."""

    temperature: float
    top_p: float = 1.0


LEVELS = {
    "strongest": Level(0.0),
    "strong": Level(0.5, 0.9),
    "medium": Level(1.0, 0.95),
    "easy": Level(1.5),
}


@dataclass(frozen=True)
class Candidate:
    move: Move
    probability: float


@dataclass(frozen=True)
class OutcomeBelief:
    """The model's P(red wins), P(draw), P(black wins) given the moves so far."""

    red: float
    draw: float
    black: float

    @property
    def red_score(self) -> float:
        """Red's expected score (a draw counts half): 1 = red surely wins, 0 = black does."""
        return self.red + self.draw / 2


class LegalMovesProcessor(LogitsProcessor):
    """Leaves only the allowed token ids (the legal moves) any probability."""

    def __init__(self, allowed_ids: list[int]) -> None:
        self.allowed_ids = allowed_ids

    def __call__(self, input_ids: torch.LongTensor, scores: torch.FloatTensor) -> torch.FloatTensor:
        mask = torch.full_like(scores, -math.inf)
        mask[:, self.allowed_ids] = 0.0
        return scores + mask  # type: ignore[return-value]  # transformers' FloatTensor: any float tensor


def board_placement(board: Board) -> str:
    """The 90-character placement the tokens use: rank 0 first, ``.`` for an empty point."""
    return "".join(p.symbol() if (p := board.piece_at(sq)) else EMPTY for sq in range(90))


MIRROR_FROM_PLY = 9
"""Mirror averaging starts at this ply of a game from the standard start: the masters' first moves
follow conventions that are not mirror-symmetric (炮二平五, h2e2, far more often than 炮八平五), so
averaging there loses them. Chosen on games_valid (top-1 with averaging from ply 1 / 5 / 9 / 13 /
21 / never: 39.85 / 40.52 / 40.55 / 40.52 / 40.46 / 39.68%; the model card)."""

MAX_HISTORY = 400
"""Longest move history the model reads (training games reach 430 plies); a longer game is
given as the position ``KEEP_HISTORY`` plies ago plus the moves since."""
KEEP_HISTORY = 300


def prompt_text(board: Board, result: str | None = None, mirrored: bool = False) -> str:
    """The game so far as the model reads it, ending where the next move goes; ``mirrored``: the
    same game reflected a <-> i (an exact symmetry of xiangqi, and the model trained on both)."""
    root = board.root()
    moves = [move.iccs() for move in board.move_stack]
    if mirrored:
        moves = [mirror_move(move) for move in moves]
    if root.fen() == STARTING_FEN and len(moves) <= MAX_HISTORY:
        return game_text(moves, result, finished=False)
    cut = max(0, len(moves) - KEEP_HISTORY) if len(moves) > MAX_HISTORY else 0
    placement = placement_after(moves[:cut], (mirror_placement if mirrored else str)(board_placement(root)))
    return position_text(placement, root.turn == (cut % 2 == 0), moves[cut:], result, finished=False)


def _common_prefix(a: list[int], b: list[int]) -> int:
    """How many leading tokens ``a`` and ``b`` share."""
    for index, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return index
    return min(len(a), len(b))


class GptPlayer:
    """A ``Player`` (see ``engine.xiangqi.players``) backed by the xiangqi GPT.

    ``play_for_win`` tells the model that the side it plays wins the game (the result prefix),
    rather than that the result is unknown. With ``mirror_average`` (the default) the model reads
    the game and its a <-> i mirror in one batch and the player uses the mean of the two
    log-probabilities of each move (the mirror's mapped back): test-time augmentation by the
    board's one symmetry, the same model and no search (top-1 on games_valid: the model card).
    It starts at ``MIRROR_FROM_PLY`` of a game from the standard start (``mirrors``).
    """

    def __init__(
        self,
        model: str = MODEL_NAME,
        level: str = "strongest",
        store: ModelStore | None = None,
        device: torch.device | str = "cpu",
        play_for_win: bool = False,
        seed: int | None = None,
        mirror_average: bool = True,
    ) -> None:
        if level not in LEVELS:
            raise ValueError(f"unknown level {level!r}; choose one of {', '.join(LEVELS)}")
        loaded = (store or ModelStore()).load(model, device=device)
        self.model, self.tokenizer, self.device = loaded.model, loaded.tokenizer, loaded.device
        self.level = LEVELS[level]
        self.play_for_win = play_for_win
        self.name = f"gpt-{level}" + ("-win" if play_for_win else "")
        self._random = random.Random(seed)
        vocab = self.tokenizer.get_vocab()
        self._move_id = {token: index for token, index in vocab.items() if len(token) == 4 and token[1].isdigit()}
        self.mirror_average = mirror_average
        self._cache: tuple[list[list[int]], Any] | None = None  # rows last read, the model's cache of them
        self._cache_lock = threading.Lock()
        self._mirror_ids = torch.arange(len(vocab), device=self.device)
        """``_mirror_ids[t]``: the token of move ``t`` reflected a <-> i (any other token: itself)."""
        for token, index in self._move_id.items():
            self._mirror_ids[index] = self._move_id[mirror_move(token)]

    # -- scoring ---------------------------------------------------------------------------
    @torch.no_grad()
    def next_move_logits(self, board: Board, result: str | None = None) -> torch.Tensor:
        """Unmasked scores over the vocabulary for the next move, shape (1, vocab): the model's
        logits, or where it ``mirrors`` the mean log-probabilities over the game and its mirror."""
        if not self.mirrors(board):
            return self._last_logits([prompt_text(board, result)])
        return self.averaged(self._last_logits([prompt_text(board, result), prompt_text(board, result, mirrored=True)])[None])

    def _last_logits(self, texts: list[str]) -> torch.Tensor:
        """The model's logits at the end of each text (one, or a game and its mirror), (texts, vocab).

        The model's key/value cache of the rows it last read is kept: when the new rows begin with
        them (the game went on), only the new tokens are read, so a move in a game costs its own
        tokens, not the whole history; otherwise the cache is cut back to what still agrees. The
        board GPT is given its features (the mirror's as the original's mapped by the mirror table,
        so the board is replayed once)."""
        ids = [cast(list[int], self.tokenizer.convert_tokens_to_ids(text.split())) for text in texts]
        with self._cache_lock:
            reused, cache = 0, None
            if self._cache is not None and len(self._cache[0]) == len(ids):
                cached_ids, cache = self._cache
                reused = min(_common_prefix(old, new) for old, new in zip(cached_ids, ids))
                reused = min(reused, len(ids[0]) - 1)  # at least the last token is read again
                cache.crop(reused - len(cached_ids[0]))
            inputs: dict[str, object] = {"input_ids": torch.tensor([row[reused:] for row in ids], device=self.device),
                                         "use_cache": True, "cache": cache if reused else None}
            if isinstance(self.model, XiangqiBoardGptForCausalLM):
                bags = features_to_bags([ids_features(ids[0])[reused:]], len(ids[0]) - reused)
                features, offsets = with_mirror(*bags) if len(ids) == 2 else bags
                inputs |= {"board_features": features.to(self.device), "board_offsets": offsets.to(self.device)}
            output = self.model(**inputs, logits_to_keep=1)
            self._cache = (ids, output.cache) if output.cache is not None else None
        logits: torch.Tensor = output.logits[:, -1].float()
        return logits

    def mirrors(self, board: Board) -> bool:
        """Whether the next move is scored with the mirrored game averaged in (see the class doc)."""
        opening = board.root().fen() == STARTING_FEN and len(board.move_stack) < MIRROR_FROM_PLY - 1
        return self.mirror_average and not opening

    def forget(self) -> None:
        """Drop the model's cache: the next move reads the whole game again."""
        with self._cache_lock:
            self._cache = None

    def averaged(self, pairs: torch.Tensor) -> torch.Tensor:
        """(n, 2, vocab) logits of positions and of their mirrors -> (n, vocab) mean log-probabilities,
        each move scored with its mirror image's probability in the mirrored game."""
        log_probs = torch.log_softmax(pairs, dim=-1)
        return (log_probs[:, 0] + log_probs[:, 1, self._mirror_ids]) / 2

    def _result_to_ask(self, board: Board) -> str | None:
        if not self.play_for_win:
            return None
        return "1-0" if board.turn else "0-1"

    def _legal(self, board: Board) -> tuple[list[Move], list[int]]:
        moves = board.legal_moves()
        if not moves:
            raise IllegalMoveError(f"no legal move in {board.fen()}: the game is over")
        return moves, [self._move_id[move.iccs()] for move in moves]

    def candidates(self, board: Board, limit: int | None = None) -> list[Candidate]:
        """Legal moves with the model's probabilities, best first (top 3 = the "Hint")."""
        moves, ids = self._legal(board)
        logits = self.next_move_logits(board, self._result_to_ask(board))
        probabilities = torch.softmax(logits[0, ids], dim=-1).tolist()
        ranked = sorted(zip(moves, probabilities), key=lambda pair: -pair[1])
        return [Candidate(move, p) for move, p in ranked[:limit]]

    # -- Player ----------------------------------------------------------------------------
    def choose_move(self, board: Board, cancel: CancelToken | None = None) -> Move:
        """The level's pick among the legal moves; a move that would lose by rule (the third
        repetition of a perpetual check, ``Board.loses_by_rule``) is set aside for the next pick,
        unless every move does."""
        if cancel is not None:
            cancel.raise_if_cancelled()
        moves, ids = self._legal(board)
        logits = self.next_move_logits(board, self._result_to_ask(board))
        while True:
            move = moves[ids.index(self._pick(logits, ids))]
            if len(ids) == 1 or not board.loses_by_rule(move):
                return move
            index = moves.index(move)
            moves, ids = moves[:index] + moves[index + 1:], ids[:index] + ids[index + 1:]

    def _pick(self, logits: torch.Tensor, ids: list[int]) -> int:
        """The token id the level picks among ``ids``."""
        processors = LogitsProcessorList([LegalMovesProcessor(ids)])
        if self.level.temperature == 0:
            # The processors here never read input_ids, which transformers annotates as a tensor.
            return int(processors(None, logits).argmax(-1))  # type: ignore[arg-type]
        processors += [TemperatureLogitsWarper(self.level.temperature)]
        if self.level.top_p < 1:
            processors += [TopPLogitsWarper(self.level.top_p)]
        weights = torch.softmax(processors(None, logits), dim=-1)[0, ids].tolist()  # type: ignore[arg-type]
        return ids[self._random.choices(range(len(ids)), weights)[0]]

    def close(self) -> None:
        pass

    # -- outcome ---------------------------------------------------------------------------
    def outcome_belief(self, board: Board) -> OutcomeBelief:
        """P(result | moves) from Bayes: the result prior times the likelihood of the moves
        played under each result prefix (one batched forward pass)."""
        plies = len(board.move_stack)
        return self._curve_from_prompt(board, plies if plies <= MAX_HISTORY else KEEP_HISTORY)[-1]

    @torch.no_grad()
    def outcome_curve(self, board: Board) -> list[OutcomeBelief]:
        """The outcome belief after every ply of the game, ply 0 (the prior) first, from the
        same forward pass: the likelihood of the first k moves is a prefix sum.

            board = Board(); board.push_iccs("h2e2"); board.push_iccs("h9g7")
            [round(b.red_score, 2) for b in player.outcome_curve(board)]   # plies + 1 points:
            # [0.56, 0.55, 0.54] with the bundled GPT (an illustration: it needs the model loaded)

        A game longer than ``MAX_HISTORY`` plies is read from a recent position (see
        ``prompt_text``), so its later points restart from the prior at that position.
        """
        plies = len(board.move_stack)
        if plies <= MAX_HISTORY:
            return self._curve_from_prompt(board, plies)
        cut = plies - KEEP_HISTORY  # the prompt starts from the position after ``cut`` moves
        head = board.root()
        for move in board.move_stack[:cut]:
            head.push(move)
        return self.outcome_curve(head) + self._curve_from_prompt(board, KEEP_HISTORY)[1:]

    def _curve_from_prompt(self, board: Board, n_moves: int) -> list[OutcomeBelief]:
        """Beliefs after each of the last ``n_moves`` moves of ``prompt_text(board)`` (plus before them)."""
        rows = [self.tokenizer.convert_tokens_to_ids(prompt_text(board, r).split()) for r in RESULTS]
        input_ids = torch.tensor(rows, device=self.device)
        logits = self.model(input_ids=input_ids).logits[:, :-1].float()
        log_probs = torch.log_softmax(logits, dim=-1).gather(-1, input_ids[:, 1:, None])[..., 0]
        moves = log_probs[:, log_probs.shape[1] - n_moves:] if n_moves else log_probs[:, :0]
        likelihood = torch.cat([torch.zeros(3, 1, device=moves.device), moves.cumsum(-1)], dim=1)  # (3, n + 1)
        prior = torch.tensor([math.log(RESULT_PRIOR[r]) for r in RESULTS], device=moves.device)
        beliefs = torch.softmax(prior[:, None] + likelihood, dim=0).T.tolist()
        return [OutcomeBelief(red=red, draw=draw, black=black) for red, draw, black in beliefs]
