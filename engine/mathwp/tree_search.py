"""Beam search over expression trees with the tree decoder, for the solver's candidate check.

Each hypothesis keeps GTS's two stacks: the goals of the nodes still to write (the next on
top) and the finished sub-trees and open operators of what is written. One step scores the
next node of every live hypothesis of every problem in one batch; an operator pushes its
two sub-goals, an operand folds every finished left sub-tree above it into one embedding.
The result has the form :func:`engine.mathwp.generation.generate_candidates` gives:
``beams`` (target, log-prob) pairs per problem, the target infix with placeholders
(``[N0]/([N1]-1)``), which :func:`engine.mathwp.solver.check_candidates` takes as it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import torch

from engine.mathwp.data import Problem
from engine.mathwp.tree import infix_target
from engine.mathwp.tree_data import MAX_NODES, Example, collate, encode_problem
from engine.mathwp.tree_model import Encoded, TreeSolverModel
from engine.runtime.jobs import JobContext


@dataclass
class Hypothesis:
    problem: int
    log_prob: float = 0.0
    labels: list[int] = field(default_factory=list)
    pending: list[torch.Tensor] = field(default_factory=list)  # raw goals still to expand, next last
    trees: list[tuple[bool, torch.Tensor]] = field(default_factory=list)  # (finished?, embedding or operator id)
    step: tuple[torch.Tensor, torch.Tensor] | None = None  # (goal, context) of the next node, once scored

    @property
    def done(self) -> bool:
        return not self.pending

    @property
    def after_left_tree(self) -> bool:
        """Whether the next node is a right child (its left sibling is finished)."""
        return bool(self.trees) and self.trees[-1][0]


def encode_problems(model: TreeSolverModel, tokenizer, problems: list[Problem]) -> Encoded:
    examples = [Example(*encode_problem(tokenizer, p), [], None) for p in problems]
    batch = collate(examples, tokenizer.pad_token_id)
    device = next(model.parameters()).device
    return model.encode(*(batch[k].to(device) for k in ("input_ids", "attention_mask", "number_positions",
                                                         "number_mask")))


@torch.no_grad()
def beam_search(model: TreeSolverModel, encoded: Encoded, beams: int,
                ctx: JobContext | None = None) -> list[list[Hypothesis]]:
    """The ``beams`` most likely whole trees of each problem, best first."""
    ctx = ctx or JobContext()
    operators = model.operator_count
    problems = encoded.problem.shape[0]
    live = [Hypothesis(p, pending=[encoded.problem[p]]) for p in range(problems)]
    finished: list[list[Hypothesis]] = [[] for _ in range(problems)]
    while live:
        ctx.check()
        log_probs = _next_node_log_probs(model, encoded, live)
        too_long = torch.tensor([len(h.labels) + len(h.pending) + 2 > MAX_NODES for h in live])
        log_probs[too_long, :operators] = float("-inf")  # too long: only operands from here on
        top_scores, top_classes = log_probs.topk(min(beams, log_probs.shape[1]), dim=-1)
        pools: list[list] = [[(h.log_prob, h, None) for h in done] for done in finished]
        for row, hypothesis in enumerate(live):
            for score, label in zip(top_scores[row].tolist(), top_classes[row].tolist()):
                if score > float("-inf"):
                    pools[hypothesis.problem].append((hypothesis.log_prob + score, row, label))
        chosen = []
        for problem, pool in enumerate(pools):
            pool.sort(key=lambda entry: -entry[0])
            finished[problem] = [h for _, h, label in pool[:beams] if label is None]
            chosen += [(score, row, label) for score, row, label in pool[:beams] if label is not None]
        grown = _grow(model, encoded, live, chosen)
        live = []
        for hypothesis in grown:
            (finished[hypothesis.problem] if hypothesis.done else live).append(hypothesis)
    return [sorted(done, key=lambda h: -h.log_prob) for done in finished]


def _next_node_log_probs(model: TreeSolverModel, encoded: Encoded, live: list[Hypothesis]) -> torch.Tensor:
    example = torch.tensor([h.problem for h in live], device=encoded.problem.device)
    raw = torch.stack([h.pending[-1] for h in live])
    sibling = torch.stack([h.trees[-1][1] if h.after_left_tree else torch.zeros_like(h.pending[-1]) for h in live])
    is_right = torch.tensor([h.after_left_tree for h in live], device=raw.device)
    goal = model.goal(raw, sibling, is_right)
    context = model.context(goal, encoded.outputs[example], encoded.keys[example], encoded.mask[example])
    for hypothesis, g, c in zip(live, goal, context):
        hypothesis.step = (g, c)  # what its children's goals are made from
    logits = model.node_logits(goal, context, encoded.leaf_keys[example], encoded.leaf_valid[example])
    return torch.log_softmax(logits.float(), -1)


def _grow(model: TreeSolverModel, encoded: Encoded, live: list[Hypothesis], chosen: list) -> list[Hypothesis]:
    """The chosen (score, row, class) continuations as new hypotheses: an operator pushes its
    sub-goals, an operand merges the finished sub-trees it completes."""
    operators = model.operator_count
    grown = []
    for score, row, label in chosen:
        parent = live[row]
        grown.append(Hypothesis(parent.problem, score, parent.labels + [label], parent.pending[:-1], list(parent.trees)))
    split = [(h, live[row].step, label) for h, (_, row, label) in zip(grown, chosen) if label < operators]
    if split:
        goal = torch.stack([step[0] for _, step, _ in split])
        context = torch.stack([step[1] for _, step, _ in split])
        labels = torch.tensor([label for _, _, label in split], device=goal.device)
        left, right = model.child_goals(goal, context, labels)
        for (hypothesis, _, label), left_goal, right_goal in zip(split, left, right):
            hypothesis.pending += [right_goal, left_goal]
            hypothesis.trees.append((False, label))
    closing = [(h, encoded.leaves[h.problem, label - operators]) for h, (_, _, label) in zip(grown, chosen)
               if label >= operators]
    while closing:  # fold left sub-trees, one level for every hypothesis at once
        merging = [(h, tree) for h, tree in closing if h.after_left_tree]
        for h, tree in closing:
            if not h.after_left_tree:
                h.trees.append((True, tree))
        if not merging:
            break
        operator_ids = torch.tensor([h.trees[-2][1] for h, _ in merging], device=encoded.leaves.device)
        left = torch.stack([h.trees[-1][1] for h, _ in merging])
        merged = model.merge_tree(operator_ids, left, torch.stack([tree for _, tree in merging]))
        for h, _ in merging:
            del h.trees[-2:]
        closing = list(zip([h for h, _ in merging], merged))
    return grown


def tree_candidates(model: TreeSolverModel, tokenizer, problems: list[Problem], beams: int,
                    ctx: JobContext | None = None) -> list[list[tuple[str, float]]]:
    """``beams`` (infix target, log-prob) pairs per problem, best first."""
    classes = model.config.classes
    results = beam_search(model, encode_problems(model, tokenizer, problems), beams, ctx)
    return [[(infix_target([classes[label] for label in h.labels]), h.log_prob) for h in found]
            for found in results]
