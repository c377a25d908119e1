"""PyInstaller runtime hook: runs in the frozen app before any of its code.

The bundled models are read from disk; nothing should reach for the network unless the user
turns on downloads in Settings (the model store passes ``local_files_only`` otherwise).
"""

import os

os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
