"""Qt widgets: one module per tab plus shared widgets. No model code lives here."""
