"""Only what pyproject.toml cannot say: the wheel carries the checkout's data/ (the reference
catalogue and the Normandie edition) as the package's read-only sample, monoreg/sample_data/.
Kept in one place (data/), copied at build time."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

SAMPLE = Path(__file__).resolve().parent / "data"


class BuildWithSampleData(build_py):
    def run(self) -> None:
        super().run()
        if not self.editable_mode:  # an editable install reads data/ from the checkout
            shutil.copytree(SAMPLE, Path(self.build_lib) / "monoreg" / "sample_data",
                            dirs_exist_ok=True)


setup(cmdclass={"build_py": BuildWithSampleData})
