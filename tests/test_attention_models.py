"""Tiny random models of each kind the attention visualizer must read, and capture tests on them.

The builders are shared by the other ``test_attention_*`` modules (one folder per process).
"""

from __future__ import annotations

import functools
import tempfile
from pathlib import Path

import numpy as np
import pytest
import torch

CHARACTERS = "春风得意马蹄疾一日看尽长安花白头搔更短浑欲不胜簪"


def chinese_tokenizer():
    """A character-level tokenizer over ``CHARACTERS`` (Chinese characters split one by one)."""
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers
    from transformers import PreTrainedTokenizerFast

    vocab = {"[PAD]": 0, "[UNK]": 1, "[BOS]": 2, "[EOS]": 3}
    for character in CHARACTERS:
        vocab.setdefault(character, len(vocab))
    backend = Tokenizer(models.WordLevel(vocab=vocab, unk_token="[UNK]"))
    backend.normalizer = normalizers.BertNormalizer(handle_chinese_chars=True, lowercase=False)
    backend.pre_tokenizer = pre_tokenizers.WhitespaceSplit()
    return PreTrainedTokenizerFast(tokenizer_object=backend, pad_token="[PAD]", unk_token="[UNK]",
                                   bos_token="[BOS]", eos_token="[EOS]")


@functools.cache
def model_dir(kind: str) -> Path:
    """A saved tiny model: ``gpt2``, ``llama`` (rotary, grouped keys), ``bart`` (encoder-decoder) or
    ``xiangqi`` (a Llama over the xiangqi GPT's move tokens)."""
    from transformers import (BartConfig, BartForConditionalGeneration, GPT2Config, GPT2LMHeadModel,
                              LlamaConfig, LlamaForCausalLM)

    if kind == "xiangqi":
        from engine.xiangqi.tokens import build_tokenizer

        tokenizer = build_tokenizer()
    else:
        tokenizer = chinese_tokenizer()
    vocab = len(tokenizer)
    torch.manual_seed(0)
    # A wide initialisation makes the random heads attend sharply, not uniformly.
    if kind == "gpt2":
        model = GPT2LMHeadModel(GPT2Config(vocab_size=vocab, n_positions=1024, n_embd=32, n_layer=2, n_head=4,
                                           initializer_range=0.2, bos_token_id=2, eos_token_id=3, pad_token_id=0))
    elif kind in ("llama", "xiangqi"):
        model = LlamaForCausalLM(LlamaConfig(
            vocab_size=vocab, hidden_size=32, intermediate_size=64, num_hidden_layers=2, num_attention_heads=4,
            num_key_value_heads=2, max_position_embeddings=1024, initializer_range=0.2,
            bos_token_id=tokenizer.bos_token_id, eos_token_id=tokenizer.eos_token_id,
            pad_token_id=tokenizer.pad_token_id))
    elif kind == "bart":
        model = BartForConditionalGeneration(BartConfig(
            vocab_size=vocab, d_model=32, encoder_layers=2, decoder_layers=2, encoder_attention_heads=4,
            decoder_attention_heads=4, encoder_ffn_dim=64, decoder_ffn_dim=64, max_position_embeddings=128,
            init_std=0.2, bos_token_id=2, eos_token_id=3, pad_token_id=0, decoder_start_token_id=2,
            forced_eos_token_id=None))
    else:
        raise ValueError(kind)
    folder = Path(tempfile.mkdtemp(prefix="wenqi-attention-")) / f"tiny-{kind}"
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def load(kind: str):
    from engine.runtime.store import ModelStore

    return ModelStore(bundled_dir=model_dir(kind).parent).load(model_dir(kind).name)


TEXT = "春风得意马蹄疾，一日看尽长安花"


@pytest.mark.parametrize("kind", ["gpt2", "llama"])
def test_decoder_capture_rows_sum_to_one_and_respect_the_causal_mask(kind):
    from engine.attention.capture import capture_attention

    capture = capture_attention(load(kind), TEXT)
    (stack,) = capture.stacks
    n = len(stack.query_labels)
    assert stack.name == "self" and stack.causal
    assert stack.weights.shape == (2, 4, n, n)
    np.testing.assert_allclose(stack.weights.sum(-1), 1.0, atol=1e-5)
    assert np.abs(np.triu(stack.weights, k=1)).max() == 0.0
    np.testing.assert_allclose(stack.rollout().sum(-1), 1.0, atol=1e-5)
    np.testing.assert_allclose(stack.head_mean(), stack.weights.mean(1))
    thumbnails, columns = stack.overview(8)
    assert columns == [0, 1, 2, 3, "mean", "rollout"] and thumbnails.shape == (2, 6, 8, 8)
    np.testing.assert_allclose(thumbnails.max(axis=(-2, -1)), 1.0)
    # The queries and keys caught by the hooks reproduce the model's maps, so approximations apply.
    assert stack.recompute_error < 1e-5 and stack.can_approximate


def test_labels_are_the_chinese_characters_with_unknown_ones_kept_visible():
    from engine.attention.capture import capture_attention

    stack = capture_attention(load("gpt2"), TEXT).stacks[0]
    # "，" is not in the vocabulary: its label is still the character it stands for.
    assert stack.query_labels == list(TEXT)


def _rotary(x, theta=10000.0):
    """Llama's rotary embedding written out by hand for (heads, n, d)."""
    d, n = x.shape[-1], x.shape[-2]
    inv_freq = 1.0 / theta ** (torch.arange(0, d, 2, dtype=torch.float32) / d)
    angles = torch.outer(torch.arange(n, dtype=torch.float32), inv_freq)
    cos, sin = torch.cat([angles, angles], -1).cos(), torch.cat([angles, angles], -1).sin()
    rotated = torch.cat([-x[..., d // 2:], x[..., :d // 2]], -1)
    return x * cos + rotated * sin


def _hand_softmax(q, k):
    n, d = q.shape[-2], q.shape[-1]
    mask = torch.full((n, n), float("-inf")).triu(1)
    return torch.softmax(q @ k.transpose(-1, -2) / d ** 0.5 + mask, dim=-1)


def test_gpt2_capture_equals_a_hand_computed_softmax():
    from engine.attention.capture import capture_attention

    loaded = load("gpt2")
    stack = capture_attention(loaded, TEXT).stacks[0]
    model = loaded.model.transformer
    ids = torch.tensor(loaded.tokenizer(TEXT)["input_ids"])
    with torch.no_grad():
        hidden = model.h[0].ln_1(model.wte(ids) + model.wpe(torch.arange(len(ids))))
        q, k, _ = (hidden @ model.h[0].attn.c_attn.weight + model.h[0].attn.c_attn.bias).split(32, dim=-1)
        heads = lambda x: x.view(len(ids), 4, 8).transpose(0, 1)  # noqa: E731
        expected = _hand_softmax(heads(q), heads(k))
    np.testing.assert_allclose(stack.weights[0], expected.numpy(), atol=1e-5)


def test_llama_capture_equals_a_hand_computed_softmax_with_rotary_and_grouped_keys():
    from engine.attention.capture import capture_attention

    loaded = load("llama")
    stack = capture_attention(loaded, TEXT).stacks[0]
    model = loaded.model.model
    layer = model.layers[0]
    ids = torch.tensor(loaded.tokenizer(TEXT)["input_ids"])
    with torch.no_grad():
        hidden = layer.input_layernorm(model.embed_tokens(ids))
        q = layer.self_attn.q_proj(hidden).view(len(ids), 4, 8).transpose(0, 1)
        k = layer.self_attn.k_proj(hidden).view(len(ids), 2, 8).transpose(0, 1)
        expected = _hand_softmax(_rotary(q), _rotary(k).repeat_interleave(2, dim=0))
    np.testing.assert_allclose(stack.weights[0], expected.numpy(), atol=1e-5)


def test_encoder_decoder_capture_has_encoder_decoder_and_cross_stacks():
    from engine.attention.capture import capture_attention

    loaded = load("bart")
    capture = capture_attention(loaded, "春风得意", target="一日看尽")
    encoder, decoder, cross = (capture.stack(name) for name in ("encoder", "decoder", "cross"))
    n_source, n_target = len(encoder.query_labels), len(decoder.query_labels)
    assert decoder.query_labels[1:] == list("一日看尽")
    assert cross.weights.shape == (2, 4, n_target, n_source)
    assert not encoder.causal and decoder.causal
    for stack in (encoder, decoder, cross):
        np.testing.assert_allclose(stack.weights.sum(-1), 1.0, atol=1e-5)
        assert stack.can_approximate
    with pytest.raises(ValueError):
        cross.rollout()
    assert cross.overview(8)[1] == [0, 1, 2, 3, "mean"]
    # Without a target the model writes one; the capture still works.
    assert capture_attention(loaded, "春风得意").stack("decoder").weights.shape[-1] >= 2


def random_game(plies: int, seed: int = 0) -> list[str]:
    """ICCS moves of a game of random legal moves (shorter if it ends first)."""
    import random

    from engine.xiangqi import Board

    rng, board, moves = random.Random(seed), Board(), []
    while len(moves) < plies and board.outcome() is None:
        move = rng.choice(board.legal_moves())
        moves.append(move.iccs())
        board.push(move)
    return moves


def test_xiangqi_gpt_tokens_are_labelled_as_chinese_moves():
    from engine.attention.capture import capture_attention

    from engine.xiangqi import Board, Move

    moves = random_game(40)
    capture = capture_attention(load("xiangqi"), " ".join(["[*]", "[START]", *moves]))
    labels = capture.stacks[0].query_labels
    assert labels[:3] == ["[*]", "[START]", Board().chinese(Move.from_iccs(moves[0]))]
    assert len(labels) == 2 + len(moves)
    assert all(len(label) == 4 and not label.isascii() for label in labels[2:])


def test_the_shared_model_goes_back_to_its_fast_attention_after_a_capture():
    from engine.attention.capture import capture_attention

    loaded = load("gpt2")
    before = loaded.model.config._attn_implementation
    capture_attention(loaded, TEXT)
    assert loaded.model.config._attn_implementation == before


@pytest.mark.parametrize("text", ["", "   \n"])
def test_empty_text_is_refused_with_a_message(text):
    from engine.attention.capture import capture_attention

    with pytest.raises(ValueError, match="no text"):
        capture_attention(load("gpt2"), text)


def test_long_text_is_cut_to_the_token_limit():
    from engine.attention.capture import capture_attention

    capture = capture_attention(load("gpt2"), "春" * 200_000, max_tokens=64)
    assert capture.truncated and capture.stacks[0].weights.shape[-1] == 64
    assert not capture_attention(load("gpt2"), "春" * 64, max_tokens=64).truncated


def test_a_capture_too_big_for_memory_is_refused_with_the_limit(monkeypatch):
    import engine.attention.capture as capture_module

    monkeypatch.setattr(capture_module, "MAP_MEMORY_BUDGET", 2 * 4 * 4 * 3 * 10**2)  # 10² token pairs fit
    with pytest.raises(ValueError, match="lower the token limit to 10"):
        capture_module.capture_attention(load("gpt2"), TEXT)
