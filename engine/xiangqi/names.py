"""The GPT's model name and the computer's level names, importable without torch: the app lists
its opponents before torch and transformers are loaded (``gpt`` and ``levels`` need them)."""

MODEL_NAME = "xiangqi-gpt"
"""The bundled model's folder in resources/models (or a user's model folder of that name)."""
SEARCH_LEVEL = "search"
"""The strongest level: the full engine at the chosen time a move, the GPT ordering its root."""
SEARCH_DEPTHS = {"search-2": 2, "search-4": 4}
"""The engine cut to a fixed depth in plies (plus its quiescence search), no GPT: the levels
between the GPT alone and the full engine."""
RATINGS: dict[str, int] = {"search": 2600, "search-4": 2070, "search-2": 1720, "strongest": 1250, "strong": 1150,
                            "medium": 1000, "easy": 710}
"""Relative ratings (Elo scale, Fairy-Stockfish L2 = 1500, rounded to 10) of the levels measured
so far: ``wenqi-cli xiangqi ratings fit resources/models/xiangqi-gpt/engine_matches.json
<the board GPT's match JSON files>`` (the model card, "Ratings, refitted 2026-12-07 for v6"), 20-100
games a pair, standard errors 40-129; refitted 2026-12-07 for the wide board GPT (v6) and its
mirror-averaging player; ``search`` refitted the same day for the compiled engine search, from its
matches against L3 and L4 (the model card, "The compiled search"). A level missing here is shown
as unrated."""
MOVE_TIMES = (0.5, 1.0, 3.0, 10.0)
"""Seconds a move the engine levels may think (the tab's setting); 1 s is the default."""
DEFAULT_MOVE_TIME = 1.0
