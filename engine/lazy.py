"""Package names that load their module on first use (PEP 562), so that importing one light
sub-module of a package does not import torch through the package's ``__init__``.

    __getattr__ = lazy_names(__name__, {"ModelStore": "store"})  # in engine/runtime/__init__.py
"""

from __future__ import annotations

import importlib
from collections.abc import Callable


def lazy_names(package: str, homes: dict[str, str]) -> Callable[[str], object]:
    """A module ``__getattr__`` that finds ``name`` in ``package.<homes[name]>``."""

    def __getattr__(name: str) -> object:  # noqa: N807 - the name PEP 562 looks for
        if name not in homes:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(importlib.import_module(f"{package}.{homes[name]}"), name)

    return __getattr__
