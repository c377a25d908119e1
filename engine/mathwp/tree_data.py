"""Problems and their prefix trees as tensors for the tree decoder (:mod:`engine.mathwp.tree_model`).

The problem reads one token a character, each number a placeholder (:meth:`Problem.source`
without the numbers' digits: GTS reads a number only as a number). The decoder points at the encoder's output at each placeholder,
so :func:`encode_problem` records where they are.

    example = encode_example(tokenizer, problem, ["/", "[N1]", "-", "1", "[N0]"], config.classes)
    batch = collate([example], tokenizer.pad_token_id)   # model(**batch).loss
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

import torch

from engine.mathwp.data import Item, Problem
from engine.mathwp.expression import Equation
from engine.mathwp.tokenizer import MAX_SOURCE_TOKENS
from engine.mathwp.tree import OPERATORS, NotATreeError, TreeShape, prefix_tokens, tree_shape
from engine.training import endless_epochs, length_batches

MAX_NODES = 51  # longer gold trees (a handful of the 28k) are left out of training


@dataclass(frozen=True)
class Example:
    input_ids: list[int]
    number_positions: list[int]  # token index of [N0], [N1], ... (those that survive truncation)
    labels: list[int]  # class of each node, prefix order (empty when decoding)
    shape: TreeShape | None


def encode_problem(tokenizer, problem: Problem, show_values: bool = False) -> tuple[list[int], list[int]]:
    """(token ids, position of each number's placeholder) of a problem."""
    ids = tokenizer("".join(problem.source(show_values)), truncation=True, max_length=MAX_SOURCE_TOKENS)["input_ids"]
    placeholders = {tokenizer.convert_tokens_to_ids(f"[N{k}]"): k for k in range(len(problem.numbers))}
    positions = [position for position, token in enumerate(ids) if token in placeholders]
    return ids, positions


def encode_example(tokenizer, problem: Problem, tokens: list[str], classes: list[str]) -> Example:
    """A problem with its gold prefix tree; :class:`NotATreeError` when the tree uses a number
    the (truncated) input lacks or a class the model does not have."""
    ids, positions = encode_problem(tokenizer, problem)
    index = {name: k for k, name in enumerate(classes)}
    if any(t not in index for t in tokens):
        raise NotATreeError("constant outside the set")
    labels = [index[t] for t in tokens]
    if any(t.startswith("[N") and int(t[2:-1]) >= len(positions) for t in tokens):
        raise NotATreeError("number cut off the input")
    if len(tokens) > MAX_NODES:
        raise NotATreeError("tree too large")
    return Example(ids, positions, labels, tree_shape(tokens))


def tree_examples(items: list[Item], tokenizer, classes: list[str]) -> tuple[list[Example], Counter]:
    """The items that have a prefix tree over ``classes``, and why the others do not."""
    constants = [c for c in classes if not c.startswith("[N")]
    examples: list[Example] = []
    dropped: Counter[str] = Counter()
    for item in items:
        problem = Problem.from_text(item.text)
        try:
            tokens = prefix_tokens(problem, Equation.parse(item.equation), constants)
            examples.append(encode_example(tokenizer, problem, tokens, classes))
        except NotATreeError as exc:
            dropped[str(exc)] += 1
    return examples, dropped


def collate(examples: list[Example], pad_id: int) -> dict[str, torch.Tensor]:
    """Pad the problems; flatten the trees' nodes, each field indexing the flat node list."""
    width = max(len(e.input_ids) for e in examples)
    numbers = max(1, max(len(e.number_positions) for e in examples))
    input_ids = torch.full((len(examples), width), pad_id, dtype=torch.long)
    positions = torch.zeros((len(examples), numbers), dtype=torch.long)
    number_mask = torch.zeros((len(examples), numbers), dtype=torch.bool)
    nodes: dict[str, list] = {key: [] for key in ("node_example", "labels", "node_parent", "node_is_right",
                                                  "node_sibling", "node_left", "node_right", "node_depth",
                                                  "node_height")}
    for row, example in enumerate(examples):
        input_ids[row, :len(example.input_ids)] = torch.tensor(example.input_ids)
        positions[row, :len(example.number_positions)] = torch.tensor(example.number_positions, dtype=torch.long)
        number_mask[row, :len(example.number_positions)] = True
        offset, shape = len(nodes["labels"]), example.shape
        if shape is None:
            continue

        def shifted(indices: list[int], offset: int = offset) -> list[int]:
            return [i + offset if i >= 0 else -1 for i in indices]

        nodes["node_example"] += [row] * len(example.labels)
        nodes["labels"] += example.labels
        nodes["node_parent"] += shifted(shape.parent)
        nodes["node_is_right"] += shape.is_right
        nodes["node_sibling"] += shifted(shape.sibling)
        nodes["node_left"] += shifted(shape.left)
        nodes["node_right"] += shifted(shape.right)
        nodes["node_depth"] += shape.depth
        nodes["node_height"] += shape.height
    batch = {"input_ids": input_ids, "attention_mask": (input_ids != pad_id).long(),
             "number_positions": positions, "number_mask": number_mask}
    for key, values in nodes.items():
        batch[key] = torch.tensor(values, dtype=torch.bool if key == "node_is_right" else torch.long)
    return batch


def length_groups(examples: list[Example], batch_tokens: int, rng: random.Random) -> list[list[Example]]:
    """One epoch in batches of similar length (little padding) of at most ``batch_tokens``
    input tokens, in random order (``engine.training.length_batches``)."""
    groups = length_batches([len(e.input_ids) for e in examples], batch_tokens, rng)
    return [[examples[i] for i in group] for group in groups]


def swapped_operands(labels: list[int], classes: list[str], rng: random.Random) -> list[int]:
    """The prefix tree ``labels`` with each ``+`` and ``*`` node's two operands swapped at
    random (an equivalent tree: the same value, another order to write it in).

        >>> swapped_operands([0, 2, 3], ["+", "*", "[N0]", "[N1]"], random.Random(1))
        [0, 3, 2]
    """
    def subtree(position: int) -> tuple[list[int], int]:
        node = labels[position]
        if classes[node] not in OPERATORS:
            return [node], position + 1
        left, position = subtree(position + 1)
        right, position = subtree(position)
        if classes[node] in "+*" and rng.random() < 0.5:
            left, right = right, left
        return [node, *left, *right], position

    return subtree(0)[0]


def augmented(examples: list[Example], classes: list[str], share: float, rng: random.Random) -> list[Example]:
    """One epoch's examples, ``share`` of them (at random) with their + and * operands swapped
    (:func:`swapped_operands`); the others as they are."""
    out = []
    for example in examples:
        if example.shape is not None and rng.random() < share:
            labels = swapped_operands(example.labels, classes, rng)
            example = Example(example.input_ids, example.number_positions, labels,
                              tree_shape([classes[label] for label in labels]))
        out.append(example)
    return out


def batch_stream(examples: list[Example], batch_tokens: int, pad_id: int, seed: int = 0,
                 classes: list[str] | None = None, swap: float = 0.0):
    """``make_batches(start, rank, world_size)`` for :func:`engine.training.train`: epochs of
    shuffled length groups, ``swap`` of the trees in another order (:func:`augmented`, needs
    ``classes``), each epoch fixed by (seed, epoch), so a resumed run sees the batches it
    would have seen."""
    def epoch_groups(epoch: int) -> list[list[Example]]:
        rng = random.Random(f"{seed}:{epoch}")
        epoch_examples = examples
        if swap:
            assert classes is not None, "swapping operands needs the classes"
            epoch_examples = augmented(examples, classes, swap, rng)
        return length_groups(epoch_examples, batch_tokens, rng)

    def make_batches(start: int, rank: int, world_size: int) -> Iterator[dict[str, torch.Tensor]]:
        groups = endless_epochs(epoch_groups, start, rank, world_size)
        return (collate(group, pad_id) for group in groups)

    return make_batches
