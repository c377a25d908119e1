"""Math word problems: a safe exact evaluator, data preparation, a tree decoder (GTS) that
writes the equation, and :class:`~engine.mathwp.solver.MathSolver` for the tab and the CLI."""
