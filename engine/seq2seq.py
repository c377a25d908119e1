"""The small BART shape of the encoder-decoder tasks (the math solver).

Sizes are ``(d_model, encoder_layers, decoder_layers, heads, ffn_dim)``; each task keeps its
own size table, and its tokenizer supplies the vocabulary and special tokens.
"""

from __future__ import annotations

from transformers import BartConfig, PreTrainedTokenizerFast

BartSize = tuple[int, int, int, int, int]


def small_bart_config(tokenizer: PreTrainedTokenizerFast, size: BartSize, max_positions: int,
                      scale_embedding: bool = False) -> BartConfig:
    d_model, encoder_layers, decoder_layers, heads, ffn = size
    return BartConfig(
        vocab_size=len(tokenizer),
        d_model=d_model,
        encoder_layers=encoder_layers,
        decoder_layers=decoder_layers,
        encoder_attention_heads=heads,
        decoder_attention_heads=heads,
        encoder_ffn_dim=ffn,
        decoder_ffn_dim=ffn,
        max_position_embeddings=max_positions,
        dropout=0.1,
        attention_dropout=0.0,
        activation_function="gelu",
        scale_embedding=scale_embedding,
        tie_word_embeddings=True,
        pad_token_id=tokenizer.pad_token_id,
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        decoder_start_token_id=tokenizer.bos_token_id,
        forced_eos_token_id=None,
        architectures=["BartForConditionalGeneration"],
    )
