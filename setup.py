"""Build hook: the bundled scenarios and the JSON Schema ship inside the package, under wargame/data/.

They live at the repository root (scenarios/, docs/scenario.schema.json) where
authors, docs and `make play` use them; a wheel copies them into the package so
an installed `wargame` finds them through importlib.resources (wargame.catalog).
A symlink would not survive a wheel on every platform, so this copies.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


class BuildWithData(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads the repository's own scenarios/ and docs/
        data = Path(self.build_lib) / "wargame" / "data"
        (data / "scenarios").mkdir(parents=True, exist_ok=True)
        for path in sorted((ROOT / "scenarios").glob("*.yaml")):
            shutil.copyfile(path, data / "scenarios" / path.name)
        shutil.copyfile(ROOT / "docs" / "scenario.schema.json", data / "scenario.schema.json")


setup(cmdclass={"build_py": BuildWithData})
