"""Summaries of Chinese text: extractive (TextRank + MMR) and abstractive (a small BART).

    from engine.summarize.summarizer import Summarizer
    summary = Summarizer().summarize(text, length="short", mode="auto")

Modules: ``text`` (sentences, input checks), ``rouge`` (character ROUGE of EVAL.md),
``extractive`` (TextRank, budgets, lead baselines), ``model`` (tokenizer and config),
``abstractive`` (generation, long input), ``gsg`` (PEGASUS pretraining pairs), ``train``,
``recipe`` (the GPU runs), ``evaluate``, ``benchmark`` (speed), ``summarizer`` (the facade)
and ``cli``. README.md has the baselines and the training recipe.
Nothing is imported here, so ``wenqi-cli --help`` does not pay for torch.
"""
