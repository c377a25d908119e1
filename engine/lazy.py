"""Package names that load their module on first use (PEP 562), so that importing one light
sub-module of a package does not import torch through the package's ``__init__``.

    __all__, __getattr__ = lazy_names(__name__, {"store": ["ModelStore"]})  # a package's __init__.py
"""

from __future__ import annotations

import importlib
from collections.abc import Callable


def lazy_names(package: str, names_by_module: dict[str, list[str]]) -> tuple[list[str], Callable[[str], object]]:
    """``__all__`` and a module ``__getattr__`` that finds each name of ``names_by_module[module]``
    in ``package.<module>``, importing it on first use."""
    homes = {name: module for module, names in names_by_module.items() for name in names}

    def __getattr__(name: str) -> object:  # noqa: N807 - the name PEP 562 looks for
        if name not in homes:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(importlib.import_module(f"{package}.{homes[name]}"), name)

    return sorted(homes), __getattr__
