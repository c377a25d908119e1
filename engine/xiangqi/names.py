"""The GPT's model name and the name of its search level, importable without torch: the app
lists its opponents before torch and transformers are loaded (``gpt`` and ``search`` need them)."""

MODEL_NAME = "xiangqi-gpt"
"""The bundled model's folder in resources/models (or a user's model folder of that name)."""
SEARCH_LEVEL = "search"
"""The level name that ``search.make_player`` maps to a ``SearchPlayer``."""
