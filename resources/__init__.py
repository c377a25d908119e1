"""Bundled data files (models, fonts, icons, translations); a package only so installs carry it."""
