"""How much one capture may take, importable without torch: the attention tab shows the token
limit before torch and transformers are loaded (``capture`` needs them)."""

DEFAULT_MAX_TOKENS = 1024
MAP_MEMORY_BUDGET = 3 * 2**30  # bytes the maps of one capture may take, the model's own copies included
