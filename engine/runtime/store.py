"""One way to load a model: a ``transformers`` folder (safetensors only) plus its tokenizer.

Sources, in the order they are tried:

1. an existing folder path;
2. a model name — the folder's name inside a user's extra model folders, then inside the
   bundled ``resources/models`` (so a user can shadow a bundled model with a bigger one);
3. a Hugging Face hub id, only when the user allowed downloads.

A folder whose architecture is this project's own (:data:`OWN_ARCHITECTURES`, such as the
math tree decoder) loads the same way: its module registers it with ``transformers`` first.
Loaded models are cached per (source, device, dtype). Every failure is a
:class:`ModelError` whose message a person can act on; nothing else in the app breaks.

    store = ModelStore()
    loaded = store.load("xiangqi-gpt")
"""

from __future__ import annotations

import importlib
import json
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from engine.paths import bundled_models_dir
from engine.runtime.jobs import CancelToken

if TYPE_CHECKING:  # torch loads with the first model, not with the window that lists models
    import torch
    from transformers import PreTrainedModel, PreTrainedTokenizerBase

ProgressCallback = Callable[[float | None, str], None]


class ModelError(Exception):
    """A model could not be found or loaded; the message says why and what to do."""


@dataclass
class ModelInfo:
    """What we know about a model folder without loading its weights."""

    name: str
    path: Path
    architecture: str
    size_bytes: int
    bundled: bool

    @property
    def size_mb(self) -> float:
        return self.size_bytes / 2**20


@dataclass
class LoadedModel:
    model: PreTrainedModel
    tokenizer: PreTrainedTokenizerBase
    source: str
    device: torch.device
    dtype: torch.dtype
    card: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def name(self) -> str:
        return Path(self.source).name if Path(self.source).exists() else self.source


def _is_model_folder(path: Path) -> bool:
    return (path / "config.json").is_file()


def _weights_size(path: Path) -> int:
    """Every safetensors file of the folder, sub-folders included (the couplet writer's labeller)."""
    return sum(p.stat().st_size for p in path.rglob("*.safetensors"))


def inspect_folder(path: Path, bundled: bool = False) -> ModelInfo:
    """Read a folder's config and check its weights are there and are safetensors."""
    path = Path(path)
    if not path.is_dir():
        raise ModelError(f"Model folder not found: {path}")
    config_file = path / "config.json"
    if not config_file.is_file():
        raise ModelError(f"{path} is not a model folder: config.json is missing.")
    try:
        config = json.loads(config_file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(f"The model in {path} is damaged: config.json cannot be read ({exc}).") from exc
    if not isinstance(config, dict):
        raise ModelError(f"The model in {path} is damaged: config.json is not an object.")
    if not any(path.glob("*.safetensors")):
        if any(path.glob("*.bin")) or any(path.glob("*.pt")) or any(path.glob("*.pth")):
            raise ModelError(
                f"The model in {path} has only pickle weights (.bin/.pt), which Wenqi never loads "
                "for safety. Convert it to safetensors with save_pretrained(safe_serialization=True)."
            )
        raise ModelError(f"The model in {path} has no weights (*.safetensors).")
    architectures = config.get("architectures") or ["?"]
    return ModelInfo(
        name=path.name,
        path=path,
        architecture=str(architectures[0]),
        size_bytes=_weights_size(path),
        bundled=bundled,
    )


OWN_ARCHITECTURES = {
    "CnnLabeller": "engine.couplet.labeller",
    "HeadlineGptForCausalLM": "engine.summarize.writer",
    "TreeSolverModel": "engine.mathwp.tree_model",
    "XiangqiBoardGptForCausalLM": "engine.xiangqi.board_gpt",
}
"""Architectures of ours that ``transformers`` does not ship: the module that defines each,
whose ``register_architecture()`` makes ``AutoConfig`` and the class name known to it."""


def register_own_architecture(architecture: str) -> None:
    module = OWN_ARCHITECTURES.get(architecture)
    if module is not None:
        importlib.import_module(module).register_architecture()


def _model_class(architecture: str):
    import transformers

    cls = getattr(transformers, architecture, None)
    if cls is None or not hasattr(cls, "from_pretrained"):
        raise ModelError(
            f"This version of transformers ({transformers.__version__}) does not know the "
            f"architecture '{architecture}'."
        )
    return cls


LOADING_LOCK = threading.Lock()
"""One model load at a time in the process: ``transformers`` imports lazily and builds models
under process-wide patches (meta-device init), so two threads loading at once (the xiangqi
opponent and its evaluation bar, each with its own store) got half-imported modules and
weights left on the meta device. Hold it around any ``from_pretrained`` outside the store."""
_LIBRARIES_IMPORTED = threading.Event()


def import_model_libraries() -> None:
    """Import the core of ``transformers`` (models, generation, tokenizers) once, under
    ``LOADING_LOCK``; free after the first call.

    ``transformers`` resolves its names lazily and some of its modules import each other in
    cycles, so two threads importing at once (two tabs' first jobs, or one job's imports
    while another thread loads a model) were handed half-initialised modules: "cannot import
    name 'LogitsProcessor'", "Could not import module 'LlamaConfig'". The app's workers call
    this before every job, and :meth:`ModelStore.load` before every load.

    It also turns off ``transformers``' "Loading weights" progress bars, once for the process:
    a load reports progress through its job's callback, and a bar per load on the terminal
    (26 in one test run) is noise to a person starting ``wenqi`` from a shell.
    """
    if _LIBRARIES_IMPORTED.is_set():
        return
    with LOADING_LOCK:
        if not _LIBRARIES_IMPORTED.is_set():
            import transformers
            import transformers.generation.utils
            import transformers.modeling_utils
            import transformers.models.auto.modeling_auto
            from transformers.utils import logging as transformers_logging

            transformers_logging.disable_progress_bar()

            for name in ("AutoConfig", "AutoTokenizer", "PreTrainedModel", "PretrainedConfig",
                         "PreTrainedTokenizerFast", "GenerationConfig", "LogitsProcessor", "LogitsProcessorList",
                         "StoppingCriteria", "StoppingCriteriaList", "TextIteratorStreamer"):
                getattr(transformers, name)
            _LIBRARIES_IMPORTED.set()

def load_tokenizerless(folder: Path | str, dtype: torch.dtype) -> torch.nn.Module:
    """The model of a local folder that has no tokenizer of its own but reads its parent
    model's (the couplet writer's labeller), on the CPU: checked, registered and loaded the
    way :meth:`ModelStore.load` loads a whole model."""
    info = inspect_folder(Path(folder))
    register_own_architecture(info.architecture)
    cls = _model_class(info.architecture)
    import_model_libraries()  # outside the lock, which it takes itself
    with LOADING_LOCK:
        try:
            return cls.from_pretrained(info.path, dtype=dtype, use_safetensors=True, local_files_only=True).eval()
        except Exception as exc:
            raise ModelError(f"The weights of {info.path} cannot be loaded (damaged or incomplete?): {exc}") from exc


class ModelStore:
    def __init__(
        self,
        extra_dirs: Iterable[Path | str] = (),
        bundled_dir: Path | None = None,
        allow_download: bool = False,
    ) -> None:
        self.extra_dirs = [Path(p) for p in extra_dirs]
        self.bundled_dir = Path(bundled_dir) if bundled_dir else bundled_models_dir()
        self.allow_download = allow_download
        self._cache: dict[tuple[str, str, str], LoadedModel] = {}
        self._lock = threading.Lock()

    # -- discovery -------------------------------------------------------------------------
    def _search_roots(self) -> list[tuple[Path, bool]]:
        return [(d, False) for d in self.extra_dirs] + [(self.bundled_dir, True)]

    def discover(self) -> list[ModelInfo]:
        """Every usable model folder: each root itself, or its direct sub-folders."""
        found: list[ModelInfo] = []
        for root, bundled in self._search_roots():
            if not root.is_dir():
                continue
            folders = [root] if _is_model_folder(root) else sorted(p for p in root.iterdir() if p.is_dir())
            for folder in folders:
                try:
                    found.append(inspect_folder(folder, bundled))
                except ModelError:
                    continue
        return found

    def resolve(self, source: str | Path) -> str:
        """Turn a path, model name or hub id into what ``from_pretrained`` gets."""
        text = str(source).strip()
        if not text:
            raise ModelError("No model was named.")
        path = Path(text).expanduser()
        if path.is_dir():
            inspect_folder(path)
            return str(path.resolve())
        for root, bundled in self._search_roots():
            candidate = root if root.name == text and _is_model_folder(root) else root / text
            if candidate.is_dir():
                inspect_folder(candidate, bundled)
                return str(candidate.resolve())
        looks_like_hub_id = text.count("/") == 1 and not path.is_absolute() and not text.startswith(".")
        if looks_like_hub_id and self.allow_download:
            return text
        where = ", ".join(str(r) for r, _ in self._search_roots())
        hint = " Turn on downloads in Settings to fetch it from the hub." if looks_like_hub_id else ""
        raise ModelError(f"No model named '{text}' was found (looked in {where}).{hint}")

    # -- loading ---------------------------------------------------------------------------
    def load(
        self,
        source: str | Path,
        device: torch.device | str = "cpu",
        dtype: torch.dtype | None = None,
        on_progress: ProgressCallback | None = None,
        cancel: CancelToken | None = None,
    ) -> LoadedModel:
        import torch

        device = torch.device(device)
        dtype = dtype or torch.float32
        report = on_progress or (lambda fraction, message: None)
        token = cancel or CancelToken()

        resolved = self.resolve(source)
        import_model_libraries()  # once: and no terminal progress bars
        key = (resolved, str(device), str(dtype))
        with self._lock:
            cached = self._cache.get(key)
        if cached is not None:
            report(1.0, "Model ready (cached)")
            return cached

        report(0.05, f"Reading {Path(resolved).name}")
        with LOADING_LOCK:
            with self._lock:  # another thread may have loaded it while this one waited
                cached = self._cache.get(key)
            loaded = cached or self._load_uncached(resolved, device, dtype, report, token)
            with self._lock:
                self._cache[key] = loaded
        return loaded

    def _load_uncached(self, resolved, device, dtype, report, token) -> LoadedModel:
        from transformers import AutoConfig, AutoTokenizer

        local = Path(resolved).is_dir()
        offline = {"local_files_only": local or not self.allow_download}
        if local:
            register_own_architecture(inspect_folder(Path(resolved)).architecture)
        try:
            config = AutoConfig.from_pretrained(resolved, **offline)
        except Exception as exc:  # transformers raises many types for a bad config
            raise ModelError(f"The model in {resolved} has a config transformers cannot read: {exc}") from exc
        architecture = (config.architectures or ["AutoModel"])[0]
        cls = _model_class(architecture)
        token.raise_if_cancelled()

        report(0.2, "Loading weights")
        try:
            model = cls.from_pretrained(resolved, config=config, dtype=dtype, use_safetensors=True, **offline)
        except Exception as exc:
            raise ModelError(f"The weights of {resolved} cannot be loaded (damaged or incomplete?): {exc}") from exc
        token.raise_if_cancelled()

        report(0.7, "Loading tokenizer")
        try:
            tokenizer = AutoTokenizer.from_pretrained(resolved, **offline)
        except Exception as exc:
            raise ModelError(f"The tokenizer of {resolved} cannot be loaded: {exc}") from exc
        token.raise_if_cancelled()

        report(0.85, f"Moving to {device}")
        model.to(device)
        model.eval()
        card_file = Path(resolved) / "README.md"
        card = card_file.read_text(encoding="utf-8", errors="replace") if local and card_file.is_file() else ""
        report(1.0, "Model ready")
        return LoadedModel(model=model, tokenizer=tokenizer, source=resolved, device=device, dtype=dtype, card=card)

    def clear(self) -> None:
        """Forget cached models (after the device or the model folders change)."""
        with self._lock:
            self._cache.clear()
