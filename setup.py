"""Ships the top-level glossaries/ and samples/ inside the package (translit/data/) when a wheel is built.

Everything else about the package is in pyproject.toml; translit.resources finds the data either way.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
SHIPPED = ("glossaries", "samples")


class BuildWithData(build_py):
    def run(self) -> None:
        super().run()
        for name in SHIPPED:
            target = Path(self.build_lib) / "translit" / "data" / name
            shutil.copytree(ROOT / name, target, dirs_exist_ok=True)


setup(cmdclass={"build_py": BuildWithData})
