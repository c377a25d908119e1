"""Wenqi's engine: everything that is not UI. Never imports Qt.

Sub-packages: ``runtime`` (device, model store, jobs), ``decoding`` (shared generation
helpers) and one package per task (``xiangqi``, ``couplet``, ``mathwp``, ``summarize``,
``attention``). Importing ``engine`` itself is cheap: heavy modules load on first use.
"""

__version__ = "0.1.0"
