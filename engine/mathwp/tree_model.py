"""The tree decoder: GTS (Xie & Sun, IJCAI 2019), a goal-driven tree over a GRU encoder.

Why a tree: a left-to-right decoder must learn brackets and precedence from examples; here
each node is predicted from a *goal* vector, an operator splits its goal into a left and a
right sub-goal, an operand points at one of the problem's numbers (the encoder's output at
its placeholder) or a constant, and each finished sub-tree is folded into one embedding
that the right sibling's goal reads. From scratch on Math23K alone this reaches 75.6%
where sequence decoders sit near 60-67% (issue 23).

Training is teacher-forced and *batched across problems*: the gold trees are known, so the
sub-tree embeddings are computed bottom-up one height at a time and the goals top-down one
depth at a time, each level for every node of the batch at once (GTS's reference steps one
node per problem in a Python loop). :mod:`engine.mathwp.tree_search` decodes with the same
step functions, one node per hypothesis, so the two agree (a test checks it).

Output classes of every node: the operators (:data:`~engine.mathwp.tree.OPERATORS`), then
the constants, then the numbers ``[N0]``, ``[N1]``, ... of the problem.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence
from transformers import AutoConfig, AutoModel, PretrainedConfig, PreTrainedModel
from transformers.modeling_outputs import TokenClassifierOutput

from engine.mathwp.tree import OPERATORS

MODEL_TYPE = "mathwp_tree"
TREE_SIZES = {
    # name: (embedding size, hidden size, encoder layers)
    "tiny": (16, 32, 1),
    "fast": (128, 256, 1),  # half the step time of "small" on a CPU: the GRU's second layer is most of it
    "small": (128, 256, 2),
    "base": (128, 512, 2),  # GTS's own sizes
}


class TreeSolverConfig(PretrainedConfig):
    model_type = MODEL_TYPE

    def __init__(self, vocab_size: int = 4000, embedding_size: int = 128, hidden_size: int = 256,
                 encoder_layers: int = 2, dropout: float = 0.3, constants: list[str] | None = None,
                 max_numbers: int = 30, pad_token_id: int = 0, **kwargs) -> None:
        super().__init__(pad_token_id=pad_token_id, **kwargs)  # type: ignore[call-arg]  # configs take token ids at run time; transformers' signature omits them
        self.vocab_size, self.embedding_size, self.hidden_size = vocab_size, embedding_size, hidden_size
        self.encoder_layers, self.dropout = encoder_layers, dropout
        self.constants = list(constants or ["1"])
        self.max_numbers = max_numbers

    @property
    def classes(self) -> list[str]:
        """Every node's choices, in output order: operators, constants, numbers."""
        return [*OPERATORS, *self.constants, *(f"[N{k}]" for k in range(self.max_numbers))]


class Gate(nn.Module):
    """tanh(W x) * sigmoid(V x): GTS's gated layer, for goals, children and merges."""

    def __init__(self, inputs: int, hidden: int) -> None:
        super().__init__()
        self.linear = nn.Linear(inputs, 2 * hidden)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        value, gate = self.linear(x).chunk(2, dim=-1)
        return torch.tanh(value) * torch.sigmoid(gate)


@dataclass
class Encoded:
    """A batch of problems read once, with the keys the attention and scoring reuse."""

    outputs: torch.Tensor  # (B, L, H): forward + backward GRU outputs
    keys: torch.Tensor  # (B, L, H): their projection for the goal's attention
    mask: torch.Tensor  # (B, L) bool: real tokens
    problem: torch.Tensor  # (B, H): the root goal
    leaves: torch.Tensor  # (B, C + M, H): constants, then the problem's numbers
    leaf_keys: torch.Tensor  # (B, C + M, H)
    leaf_valid: torch.Tensor  # (B, C + M) bool


class TreeSolverModel(PreTrainedModel):
    config_class = TreeSolverConfig
    base_model_prefix = "tree"
    main_input_name = "input_ids"

    def __init__(self, config: TreeSolverConfig) -> None:
        super().__init__(config)
        e, h = config.embedding_size, config.hidden_size
        self.operator_count = len(OPERATORS)
        self.embed = nn.Embedding(config.vocab_size, e, padding_idx=config.pad_token_id)
        self.encoder = nn.GRU(e, h, config.encoder_layers, batch_first=True, bidirectional=True,
                              dropout=config.dropout if config.encoder_layers > 1 else 0.0)
        self.dropout = nn.Dropout(config.dropout)
        self.constants = nn.Parameter(torch.randn(len(config.constants), h))
        self.operator_embed = nn.Embedding(len(OPERATORS), e)
        self.left_goal = Gate(h, h)
        self.right_goal = Gate(2 * h, h)  # reads the left sibling's sub-tree
        self.attention_query = nn.Linear(h, h)
        self.attention_key = nn.Linear(h, h, bias=False)
        self.attention_score = nn.Linear(h, 1)
        self.operator_out = nn.Linear(2 * h, len(OPERATORS))
        self.leaf_query = nn.Linear(2 * h, h)
        self.leaf_key = nn.Linear(h, h, bias=False)
        self.leaf_score = nn.Linear(h, 1, bias=False)
        self.left_child = Gate(2 * h + e, h)
        self.right_child = Gate(2 * h + e, h)
        self.merge = Gate(2 * h + e, h)
        self.post_init()

    def _init_weights(self, module: nn.Module) -> None:
        """PyTorch's own initialisation, as GTS trains with (transformers' N(0, 0.02) starts the
        gates saturated at one half and the embeddings tiny)."""
        if isinstance(module, (nn.Linear, nn.Embedding, nn.GRU)):
            module.reset_parameters()
        elif module is self:
            nn.init.normal_(self.constants)

    # -- the pieces, shared by training and search -------------------------------------------

    def encode(self, input_ids, attention_mask, number_positions, number_mask) -> Encoded:
        h = self.config.hidden_size
        lengths = attention_mask.sum(1).clamp(min=1).cpu()
        packed = pack_padded_sequence(self.dropout(self.embed(input_ids)), lengths, batch_first=True,
                                      enforce_sorted=False)
        outputs, last = self.encoder(packed)
        outputs = pad_packed_sequence(outputs, batch_first=True, total_length=input_ids.shape[1])[0]
        outputs = outputs[..., :h] + outputs[..., h:]
        numbers = outputs.gather(1, number_positions.unsqueeze(-1).expand(-1, -1, h))
        batch = input_ids.shape[0]
        leaves = torch.cat([self.constants.unsqueeze(0).expand(batch, -1, -1), numbers], 1)
        leaf_valid = torch.cat([number_mask.new_ones(batch, len(self.config.constants)), number_mask], 1)
        return Encoded(outputs, self.attention_key(outputs), attention_mask.bool(), last[-2] + last[-1],
                       leaves, self.leaf_key(leaves), leaf_valid)

    def goal(self, raw: torch.Tensor, sibling_tree: torch.Tensor, is_right: torch.Tensor) -> torch.Tensor:
        """A node's goal from the vector its parent gave it (a right child also reads its
        left sibling's finished sub-tree)."""
        left = self.left_goal(self.dropout(raw))
        right = self.right_goal(self.dropout(torch.cat([sibling_tree, raw], -1)))
        return torch.where(is_right.unsqueeze(-1), right, left)

    def context(self, goal, outputs, keys, mask) -> torch.Tensor:
        """Attention of each goal over its own problem's encoding (rows already gathered)."""
        energy = self.attention_score(torch.tanh(self.attention_query(goal).unsqueeze(1) + keys)).squeeze(-1)
        weights = torch.softmax(energy.masked_fill(~mask, float("-inf")), -1)
        return torch.bmm(weights.unsqueeze(1), outputs).squeeze(1)

    def node_logits(self, goal, context, leaf_keys, leaf_valid) -> torch.Tensor:
        """Scores of every class of ``config.classes``: operators from [goal; context], operands
        by pointing (-inf for a number the problem does not have)."""
        query = self.dropout(torch.cat([goal, context], -1))
        leaf = self.leaf_score(torch.tanh(self.leaf_query(query).unsqueeze(1) + leaf_keys)).squeeze(-1)
        absent = len(self.config.constants) + self.config.max_numbers - leaf.shape[1]
        return torch.cat([self.operator_out(query), leaf.masked_fill(~leaf_valid, float("-inf")),
                          leaf.new_full((leaf.shape[0], absent), float("-inf"))], -1)

    def child_goals(self, goal, context, operators) -> tuple[torch.Tensor, torch.Tensor]:
        x = self.dropout(torch.cat([goal, context, self.operator_embed(operators)], -1))
        return self.left_child(x), self.right_child(x)

    def merge_tree(self, operators, left, right) -> torch.Tensor:
        return self.merge(self.dropout(torch.cat([self.operator_embed(operators), left, right], -1)))

    # -- teacher-forced, batched ------------------------------------------------------------

    def forward(self, input_ids, attention_mask, number_positions, number_mask, node_example, labels,
                node_parent, node_is_right, node_sibling, node_left, node_right, node_depth, node_height,
                **_unused) -> TokenClassifierOutput:
        """Logits of every node of every gold tree in the batch (flattened, ``node_*`` say
        where each sits: see :func:`engine.mathwp.tree_data.collate`), and their mean loss."""
        encoded = self.encode(input_ids, attention_mask, number_positions, number_mask)
        is_operator = labels < self.operator_count
        count, hidden = labels.shape[0], self.config.hidden_size
        leaves = (~is_operator).nonzero().squeeze(1)
        trees = encoded.leaves.new_zeros(count, hidden).index_copy(
            0, leaves, encoded.leaves[node_example[leaves], labels[leaves] - self.operator_count])
        for height in range(1, int(node_height.max()) + 1):
            rows = (node_height == height).nonzero().squeeze(1)
            merged = self.merge_tree(labels[rows], trees[node_left[rows]], trees[node_right[rows]])
            trees = trees.index_copy(0, rows, merged)
        roots = (node_parent < 0).nonzero().squeeze(1)
        raw = trees.new_zeros(count, hidden).index_copy(0, roots, encoded.problem[node_example[roots]])
        goals, contexts = trees.new_zeros(count, hidden), trees.new_zeros(count, hidden)
        for depth in range(int(node_depth.max()) + 1):
            rows = (node_depth == depth).nonzero().squeeze(1)
            example = node_example[rows]
            goal = self.goal(raw[rows], trees[node_sibling[rows].clamp(min=0)], node_is_right[rows])
            context = self.context(goal, encoded.outputs[example], encoded.keys[example], encoded.mask[example])
            goals, contexts = goals.index_copy(0, rows, goal), contexts.index_copy(0, rows, context)
            parents = is_operator[rows]
            if parents.any():
                left, right = self.child_goals(goal[parents], context[parents], labels[rows[parents]])
                raw = raw.index_copy(0, node_left[rows[parents]], left).index_copy(0, node_right[rows[parents]], right)
        logits = self.node_logits(goals, contexts, encoded.leaf_keys[node_example], encoded.leaf_valid[node_example])
        loss = nn.functional.cross_entropy(logits, labels)
        return TokenClassifierOutput(loss=loss, logits=logits)


def register_architecture() -> None:
    """Make ``ModelStore`` (which finds a folder's class by name in ``transformers``) and
    ``AutoConfig``/``AutoModel`` know this model, so a saved tree model loads like any other."""
    import transformers

    if getattr(transformers, TreeSolverModel.__name__, None) is not TreeSolverModel:
        AutoConfig.register(MODEL_TYPE, TreeSolverConfig, exist_ok=True)
        AutoModel.register(TreeSolverConfig, TreeSolverModel, exist_ok=True)
        setattr(transformers, TreeSolverModel.__name__, TreeSolverModel)
