"""Builds the one compiled module, the xiangqi engine's search (engine/xiangqi/_csearch.c).

Everything else about the package is in pyproject.toml. The extension is optional: where no C
compiler is at hand the build goes on without it and the engine runs its pure-Python search
(engine_search.py), the same algorithm about 25 times slower.
"""

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext


class BuildExt(build_ext):
    """No fused multiply-adds (clang and gcc on arm64 fuse by default): the evaluation must round
    as Python's does. MSVC does not fuse under its default /fp:precise."""

    def build_extensions(self) -> None:
        if self.compiler.compiler_type != "msvc":
            for extension in self.extensions:
                extension.extra_compile_args.append("-ffp-contract=off")
        super().build_extensions()


setup(
    ext_modules=[Extension("engine.xiangqi._csearch", ["engine/xiangqi/_csearch.c"], optional=True)],
    cmdclass={"build_ext": BuildExt},
)
