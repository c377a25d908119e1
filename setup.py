"""Builds the one compiled module, the xiangqi engine's search (engine/xiangqi/_csearch.c).

Everything else about the package is in pyproject.toml. The extension is optional: where no C
compiler is at hand the build goes on without it and the engine runs its pure-Python search
(engine_search.py), the same algorithm about 30 times slower.
"""

from setuptools import Extension, setup

setup(ext_modules=[Extension("engine.xiangqi._csearch", ["engine/xiangqi/_csearch.c"], optional=True)])
