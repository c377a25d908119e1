"""Summaries of Chinese text: extractive (TextRank + MMR) and compressive (a character tagger).

    from engine.summarize.summarizer import Summarizer
    summary = Summarizer().summarize(text, length="short", mode="auto")

Modules: ``text`` (sentences, input checks), ``rouge`` (character ROUGE of EVAL.md),
``extractive`` (TextRank, budgets, lead baselines), ``compression`` (span labels and span
decoding), ``tagger`` (the model, its tokenizer and windows), ``compressor`` (summaries from
the tagger), ``train``, ``oracle`` (the labels' own score), ``evaluate``, ``benchmark`` (speed), ``summarizer`` (the facade) and
``cli``. README.md has the design, the baselines and the measurements.
Nothing is imported here, so ``wenqi-cli --help`` does not pay for torch.
"""
