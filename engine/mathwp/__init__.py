"""Math word problems: a safe exact evaluator, data preparation, a small seq2seq model that
writes the equation, and :class:`~engine.mathwp.solver.MathSolver` for the tab and the CLI."""
